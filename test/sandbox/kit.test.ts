// The shared action kit against the sandbox through a kubeconfig, as every action uses it:
// connecting, CNPG discovery, reading a Cluster (and the error when it is elsewhere), the
// instances with their roles, waiting until healthy, port-forward with the pod resolved for
// each new connection, and a PostgreSQL session over it.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { discoverCnpg } from '../../src/cnpg/discovery.ts';
import { primaryOf, readCluster } from '../../src/cnpg/clusters.ts';
import { listInstances } from '../../src/cnpg/instances.ts';
import { waitHealthy } from '../../src/cnpg/wait.ts';
import { ConfigurationError } from '../../src/errors.ts';
import { KubeHttp } from '../../src/kube/http.ts';
import { forwardPort } from '../../src/kube/port-forward.ts';
import { execInPod } from '../../src/kube/exec.ts';
import { PsqlError, psqlInPod } from '../../src/postgres/psql.ts';
import { openSession } from '../../src/postgres/session.ts';
import { RecordingLogger } from '../helpers/recording-logger.ts';
import { startHarness, type Harness } from './cnpg-harness.ts';

const NS = 'kit';
const NAME = 'pg-kit';
let h: Harness;
let kc: k8s.KubeConfig;
let http: KubeHttp;
let password = '';

beforeAll(async () => {
  h = await startHarness(NS, { cloud: false });
  kc = new k8s.KubeConfig();
  kc.loadFromFile(h.sandbox.kubeconfigPath);
  http = new KubeHttp(kc);
  await h.objects.create({
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: NAME, namespace: NS },
    spec: {
      instances: 2,
      storage: { size: '1Gi' },
      bootstrap: { initdb: { database: 'app', owner: 'app' } },
    },
  });
});

afterAll(async () => {
  await h.close();
});

describe('the kit against a 2-instance Cluster', () => {
  test('discovery finds the CNPG and Barman Cloud APIs', async () => {
    const served = await discoverCnpg(http);
    expect(served.groupVersions.has('postgresql.cnpg.io/v1')).toBe(true);
    expect(served.barmanCloudPlugin).toBe(true);
  });

  test('waitHealthy logs progress until the Cluster is healthy', async () => {
    const logger = new RecordingLogger();
    const cluster = await waitHealthy(http, {
      namespace: NS,
      name: NAME,
      deadline: Date.now() + 60_000,
      logger,
      now: Date.now,
    });
    expect(primaryOf(cluster)).toEqual({ primary: `${NAME}-1`, switching: false });
    expect(logger.messages('info')).toContain(`instance ${NAME}-2 ready (2/2)`);
    const secret = await h.core.readNamespacedSecret({ name: `${NAME}-app`, namespace: NS });
    password = Buffer.from(secret.data?.password ?? '', 'base64').toString('utf8');
  });

  test('readCluster returns the Cluster, and says where a missing one lives instead', async () => {
    expect((await readCluster(http, NS, NAME)).metadata.name).toBe(NAME);
    const missing = readCluster(http, 'default', NAME);
    await expect(missing).rejects.toBeInstanceOf(ConfigurationError);
    await expect(missing).rejects.toThrow(
      `there is no CNPG Cluster ${NAME} in namespace default; a Cluster of that name exists in namespace ${NS}`,
    );
    await expect(readCluster(http, NS, 'pg-nowhere')).rejects.toThrow(
      'no namespace has a Cluster of that name',
    );
  });

  test('listInstances gives each pod its role, readiness and node', async () => {
    const instances = await listInstances(http, NS, NAME, { zones: true });
    expect(instances.map((i) => [i.name, i.role, i.ready])).toEqual([
      [`${NAME}-1`, 'primary', true],
      [`${NAME}-2`, 'replica', true],
    ]);
    expect(instances.every((i) => i.node !== undefined)).toBe(true);
  });

  test('port-forward resolves the pod for each new connection', async () => {
    const order = [`${NAME}-1`, `${NAME}-2`];
    let next = 0;
    const port = await forwardPort(kc, {
      namespace: NS,
      pod: () => Promise.resolve(order[next++ % 2] ?? ''),
      port: 5432,
    });
    try {
      const auth = { user: 'app', password, database: 'app' };
      const standby: boolean[] = [];
      for (let i = 0; i < 2; i++) {
        const session = await openSession(port, auth);
        const { rows } = await session.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
        standby.push(rows[0]?.r ?? false);
        await session.end();
      }
      expect(standby).toEqual([false, true]);
      expect(port.connections.map((c) => c.pod)).toEqual(order);
    } finally {
      await port.close();
    }
  });

  test('a connection whose pod cannot be resolved is closed, and the error reported', async () => {
    const errors: string[] = [];
    const port = await forwardPort(kc, {
      namespace: NS,
      pod: () => Promise.reject(new Error('no primary right now')),
      port: 5432,
      onError: (m) => errors.push(m),
    });
    try {
      await expect(
        openSession(port, { user: 'app', password, database: 'app' }, { connectTimeoutMs: 5000 }),
      ).rejects.toThrow();
      expect(errors.join('\n')).toContain('no primary right now');
    } finally {
      await port.close();
    }
  });

  test('psql as postgres inside the primary through pods/exec, as kubectl cnpg psql does', async () => {
    const where = { namespace: NS, pod: `${NAME}-1` };
    const [user, wal] = await psqlInPod(
      kc,
      where,
      'SELECT current_user; SELECT pg_walfile_name(pg_current_wal_lsn())',
    );
    expect(user).toBe('postgres');
    expect(wal).toMatch(/^[0-9A-F]{24}$/);
    const failing = psqlInPod(kc, where, 'SELECT 1/0');
    await expect(failing).rejects.toBeInstanceOf(PsqlError);
    await expect(failing).rejects.toThrow(/division by zero/);
    const error = await failing.then(
      () => undefined,
      (e: unknown) => e as PsqlError,
    );
    expect(error?.result.exitCode).toBe(1);
  });

  test('exec reports a missing pod and a missing container as errors', async () => {
    await expect(
      execInPod(kc, { namespace: NS, pod: `${NAME}-9`, container: 'postgres' }, ['true'], 20_000),
    ).rejects.toThrow(/pg-kit-9/);
    await expect(
      execInPod(kc, { namespace: NS, pod: `${NAME}-1`, container: 'sidecar' }, ['true'], 20_000),
    ).rejects.toThrow(/container/);
  });
});
