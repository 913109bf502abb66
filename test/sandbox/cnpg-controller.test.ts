// The CNPG controller on the in-memory Store alone (no HTTP API server): the bootstrap of a
// synchronous Cluster with real PostgreSQL servers, timed without any client overhead.
// Failover and switchover through the API: cnpg-failover.test.ts.
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CnpgController } from '../../sandbox/cnpg/controller.ts';
import { CLUSTERS } from '../../sandbox/cnpg/resources.ts';
import { Faults } from '../../sandbox/faults.ts';
import { MemoryStore } from '../../sandbox/kube/store.ts';
import { processesUnder } from '../../sandbox/postgres/process-registry.ts';
import { chownToServer, serverUser } from '../../sandbox/users.ts';

const NS = 'db';
const store = new MemoryStore();
store.create(
  { group: '', version: 'v1', plural: 'namespaces' },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
);
const faults = new Faults();
let dir = '';
let controller: CnpgController;

const status = () => store.get(CLUSTERS, NS, 'pg')?.status ?? {};

async function until(what: string, check: () => boolean, ms = 30_000): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms)
      throw new Error(`timed out: ${what}: ${JSON.stringify(status())}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

const healthy = () =>
  status().phase === 'Cluster in healthy state' && status().readyInstances === 3;

beforeAll(async () => {
  dir = await mkdtemp('/tmp/pgha-ctl-');
  await chmod(dir, 0o711);
  const socketDir = join(dir, 'run');
  await mkdir(socketDir, { mode: 0o700 });
  await chownToServer(socketDir, serverUser());
  controller = new CnpgController({ store, faults, dir, socketDir });
  controller.start();
});

afterAll(async () => {
  await controller.stop();
  expect(processesUnder(dir)).toEqual([]);
  await rm(dir, { recursive: true, force: true });
});

describe('CNPG controller on the Store contract', () => {
  it('bootstraps a 3-instance synchronous Cluster', async () => {
    store.create(CLUSTERS, {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'pg', namespace: NS },
      spec: {
        instances: 3,
        postgresql: { synchronous: { method: 'any', number: 1 } },
        // The shortest lease CNPG's webhook accepts, so that the failover takes seconds.
        primaryLease: { leaseDurationSeconds: 3, renewDeadlineSeconds: 2, retryPeriodSeconds: 1 },
      },
    });
    const ms = await until('healthy', healthy);
    console.log(`controller: 3 instances healthy in ${ms} ms`);
    expect(status()).toMatchObject({
      currentPrimary: 'pg-1',
      targetPrimary: 'pg-1',
      timelineID: 1,
    });
    const primary = await controller
      .instance(NS, 'pg-1')
      ?.query<{ s: string }>("SELECT current_setting('synchronous_standby_names') AS s");
    expect(primary?.[0]?.s).toBe('ANY 1 ("pg-2", "pg-3", "pg-1")');
  });
});
