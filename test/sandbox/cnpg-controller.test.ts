// The CNPG controller on the in-memory Store alone (no HTTP API server): bootstrap, failover
// and switchover with real PostgreSQL servers, timed without any client overhead.
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CnpgController } from '../../sandbox/cnpg/controller.ts';
import { CLUSTERS, PODS, SECRETS } from '../../sandbox/cnpg/resources.ts';
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

async function appClient(pod: string): Promise<pg.Client> {
  const secret = store.get(SECRETS, NS, 'pg-app');
  const password = Buffer.from((secret?.data as Record<string, string>).password ?? '', 'base64');
  const target = controller.portForward(NS, pod, 5432);
  const client = new pg.Client({
    ...target,
    user: 'app',
    password: password.toString(),
    database: 'app',
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

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

  it('fails over within the primary lease and switches back', async () => {
    const c = await appClient('pg-1');
    await c.query('CREATE TABLE t (i int)');
    await c.query('INSERT INTO t SELECT generate_series(1, 10)');
    await c.end();
    const deleted = Date.now();
    store.delete(PODS, NS, 'pg-1', { gracePeriodSeconds: 1 });
    await until('promotion', () => status().currentPrimary === 'pg-2');
    const writable = await appClient('pg-2');
    await writable.query('INSERT INTO t VALUES (11)');
    console.log(
      `controller: first write on the new primary ${Date.now() - deleted} ms after the delete`,
    );
    await writable.end();
    expect(status().timelineID).toBe(2);
    await until('healthy after failover', healthy);
    store.patchStatus(CLUSTERS, NS, 'pg', (s) => {
      s.targetPrimary = 'pg-1';
    });
    const ms = await until('switchover', () => status().currentPrimary === 'pg-1' && healthy());
    console.log(`controller: switchover back to pg-1 healthy in ${ms} ms`);
    const back = await appClient('pg-1');
    const { rows } = await back.query<{ n: string }>('SELECT count(*) AS n FROM t');
    await back.end();
    expect(rows[0]?.n).toBe('11');
    expect(store.get(PODS, NS, 'pg-2')?.metadata.labels?.role).toBe('replica');
  });
});
