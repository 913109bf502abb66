// A 3-instance Cluster applied through the Kubernetes API exactly as pgha applies it on AKS
// (server-side apply): healthy status, pods, services, app secret, replication, and
// synchronous commits that really wait for a standby.
import * as k8s from '@kubernetes/client-node';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTHY, startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';
import { forwardPort } from '../../src/kube/port-forward.ts';

const NS = 'cnpg-database';
const NAME = 'pg-orders';
let h: Harness;
const app = { user: 'app', password: '', database: 'app' };

async function countRows(pod: string): Promise<number> {
  const c = await h.connect(pod, app);
  const { rows } = await c.query<{ n: string }>('SELECT count(*) AS n FROM orders');
  await c.end();
  return Number(rows[0]?.n);
}

beforeAll(async () => {
  h = await startHarness(NS, { cloud: false, objectStore: false });
});

afterAll(async () => {
  await h.close();
});

describe('a 3-instance Cluster', () => {
  it('becomes healthy after a server-side apply', async () => {
    const started = Date.now();
    await h.objects.patch(
      {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'Cluster',
        metadata: { name: NAME, namespace: NS },
        spec: {
          instances: 3,
          storage: { size: '1Gi' },
          postgresql: {
            parameters: { shared_buffers: '2GB', max_connections: '100' },
            synchronous: { method: 'any', number: 1 },
          },
          bootstrap: { initdb: { database: 'app', owner: 'app' } },
        },
      },
      undefined,
      undefined,
      'pgha-test',
      true,
      k8s.PatchStrategy.ServerSideApply,
    );
    const s = await h.waitHealthy(NAME, 3);
    console.log(`3-instance Cluster from apply to healthy: ${Date.now() - started} ms`);
    expect(s).toMatchObject({ phase: HEALTHY, phaseReason: '', readyInstances: 3, instances: 3 });
    expect(s.currentPrimary).toBe(`${NAME}-1`);
    expect(s.timelineID).toBe(1);
    expect(s.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'True',
      reason: 'ClusterIsReady',
    });
  });

  it('labels pods and selects them from the services', async () => {
    const selector = `cnpg.io/cluster=${NAME}`;
    const pods = await h.core.listNamespacedPod({ namespace: NS, labelSelector: selector });
    const roles: Record<string, string | undefined> = Object.fromEntries(
      pods.items.map((p) => [p.metadata?.name ?? '', p.metadata?.labels?.['cnpg.io/instanceRole']]),
    );
    expect(roles).toEqual({
      [`${NAME}-1`]: 'primary',
      [`${NAME}-2`]: 'replica',
      [`${NAME}-3`]: 'replica',
    });
    for (const pod of pods.items) {
      const name = pod.metadata?.name ?? '';
      expect(pod.metadata?.labels).toMatchObject({
        'cnpg.io/podRole': 'instance',
        'cnpg.io/instanceName': name,
        role: roles[name],
      });
      expect(pod.metadata?.annotations?.['cnpg.io/nodeSerial']).toBe(name.split('-').at(-1));
      expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({
        kind: 'Cluster',
        name: NAME,
        controller: true,
      });
      expect(pod.status).toMatchObject({ phase: 'Running', podIP: '127.0.0.1' });
    }
    const rw = await h.core.readNamespacedService({ name: `${NAME}-rw`, namespace: NS });
    expect(rw.spec?.selector).toEqual({
      'cnpg.io/cluster': NAME,
      'cnpg.io/instanceRole': 'primary',
    });
    expect(rw.spec?.ports?.[0]).toMatchObject({ name: 'postgres', port: 5432 });
    expect(await h.podBehind(`${NAME}-rw`)).toBe(`${NAME}-1`);
    expect(await h.podBehind(`${NAME}-ro`)).toMatch(/-[23]$/);
    expect(await h.podBehind(`${NAME}-r`)).toBeDefined();
  });

  it('creates the app secret with every CNPG key', async () => {
    const secret = await h.core.readNamespacedSecret({ name: `${NAME}-app`, namespace: NS });
    expect(secret.type).toBe('kubernetes.io/basic-auth');
    expect(secret.metadata?.labels).toMatchObject({
      'cnpg.io/userType': 'app',
      'cnpg.io/reload': 'true',
    });
    const data = Object.fromEntries(
      Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
    );
    app.password = data.password ?? '';
    expect(Object.keys(data).sort()).toEqual(
      ['dbname', 'host', 'password', 'pgpass', 'port', 'user', 'username']
        .concat(['uri', 'jdbc-uri', 'fqdn-uri', 'fqdn-jdbc-uri'])
        .sort(),
    );
    expect(data.uri).toBe(`postgresql://app:${app.password}@${NAME}-rw.${NS}:5432/app`);
    expect(data.host).toBe(`${NAME}-rw`);
  });

  it('replicates rows written on the primary to both replicas', async () => {
    const primary = await h.connect((await h.podBehind(`${NAME}-rw`)) ?? '', app);
    await primary.query('CREATE TABLE orders (id int PRIMARY KEY)');
    await primary.query('INSERT INTO orders SELECT generate_series(1, 100)');
    await primary.end();
    for (const pod of [`${NAME}-2`, `${NAME}-3`]) {
      await waitFor(`rows on ${pod}`, async () => (await countRows(pod)) === 100);
    }
  });

  it('carries a PostgreSQL session through pods/portforward over WebSocket', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(h.sandbox.kubeconfigPath);
    const errors: string[] = [];
    const tunnel = await forwardPort(kc, {
      namespace: NS,
      pod: `${NAME}-1`,
      port: 5432,
      onError: (m) => errors.push(m),
    });
    try {
      const client = new pg.Client({ host: tunnel.host, port: tunnel.port, ...app });
      await client.connect();
      const { rows } = await client.query<{ n: string; standby: boolean }>(
        'SELECT count(*) AS n, pg_is_in_recovery() AS standby FROM orders',
      );
      await client.end();
      expect(rows[0]).toEqual({ n: '100', standby: false });
      expect(errors).toEqual([]);
    } finally {
      await tunnel.close();
    }
  });

  it('reports a forward to a pod without a server on its error channel', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(h.sandbox.kubeconfigPath);
    const errors: string[] = [];
    const tunnel = await forwardPort(kc, {
      namespace: NS,
      pod: `${NAME}-9`,
      port: 5432,
      onError: (m) => errors.push(m),
    });
    try {
      const client = new pg.Client({ host: tunnel.host, port: tunnel.port, ...app });
      client.on('error', () => undefined);
      await expect(client.connect()).rejects.toThrow();
      await waitFor('error text', () => Promise.resolve(errors.length > 0), 5000);
      expect(errors.join('')).toContain(`error forwarding port 5432 to pod ${NAME}-9`);
    } finally {
      await tunnel.close();
    }
  });

  it('blocks a synchronous commit while no standby streams', async () => {
    const primary = await h.connect(`${NAME}-1`, app);
    h.sandbox.faults.set({ failingInstances: [`${NAME}-2`, `${NAME}-3`] });
    for (const pod of [`${NAME}-2`, `${NAME}-3`]) {
      await h.core.deleteNamespacedPod({ name: pod, namespace: NS, gracePeriodSeconds: 1 });
    }
    await waitFor('replicas failing', async () => (await h.status(NAME)).readyInstances === 1);
    // Terminating pods keep streaming until their servers stop (grace period, smart then
    // fast shutdown), as on a cluster: wait until the primary has no standby left.
    await waitFor('no standby streaming', async () => {
      const { rows } = await primary.query<{ n: string }>(
        'SELECT count(*) AS n FROM pg_stat_replication',
      );
      return rows[0]?.n === '0';
    });
    const outcome = { committed: false };
    const insert = primary.query('INSERT INTO orders VALUES (101)').then(() => {
      outcome.committed = true;
    });
    await new Promise((r) => setTimeout(r, 2500));
    expect(outcome.committed).toBe(false);
    expect((await h.status(NAME)).phase).not.toBe(HEALTHY);
    h.sandbox.faults.set({ failingInstances: [] });
    await insert;
    expect(outcome.committed).toBe(true);
    await h.waitHealthy(NAME, 3);
    expect(await countRows(`${NAME}-3`)).toBe(101);
  });
});
