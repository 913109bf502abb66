// Day-2 behaviour of the CNPG emulation: a user-provided app secret, scaling, an instance
// that cannot start, a primary that never returns, and Cluster deletion.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesUnder } from '../../sandbox/postgres/process-registry.ts';
import { HEALTHY, SHORT_LEASE, clusterRef, startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';

const NS = 'ops';
let h: Harness;
let dir = '';

async function createCluster(name: string, spec: Record<string, unknown>): Promise<void> {
  await h.custom.createNamespacedCustomObject({
    ...clusterRef(NS),
    body: {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name, namespace: NS },
      spec: { storage: { size: '1Gi' }, ...spec },
    },
  });
}

async function setInstances(name: string, instances: number): Promise<void> {
  await h.custom.patchNamespacedCustomObject(
    { ...clusterRef(NS), name, body: { spec: { instances } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
}

async function podNames(cluster: string): Promise<string[]> {
  const selector = `cnpg.io/cluster=${cluster}`;
  const pods = await h.core.listNamespacedPod({ namespace: NS, labelSelector: selector });
  return pods.items.map((p) => p.metadata?.name ?? '').sort();
}

beforeAll(async () => {
  h = await startHarness(NS, { cloud: false, objectStore: false });
  dir = h.sandbox.dir;
});

afterAll(async () => {
  await h.close();
  expect(processesUnder(dir)).toEqual([]);
});

describe('CNPG emulation operations', () => {
  it('uses a user-provided app secret and creates no <cluster>-app', async () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db-user-pass', namespace: NS },
      type: 'kubernetes.io/basic-auth',
      stringData: { username: 'shop', password: 's3cret-pw' },
    };
    await h.objects.create(secret);
    await createCluster('own', {
      instances: 1,
      bootstrap: { initdb: { database: 'shop', owner: 'shop', secret: { name: 'db-user-pass' } } },
    });
    await h.waitHealthy('own', 1);
    await expect(h.core.readNamespacedSecret({ name: 'own-app', namespace: NS })).rejects.toThrow();
    const target = h.sandbox.portForward(NS, 'own-1', 5432);
    const client = new pg.Client({
      ...target,
      user: 'shop',
      password: 's3cret-pw',
      database: 'shop',
    });
    await client.connect();
    const { rows } = await client.query<{ u: string }>('SELECT current_user AS u');
    await client.end();
    expect(rows[0]?.u).toBe('shop');
  });

  it('scales up and down by the highest serial', async () => {
    await setInstances('own', 3);
    await h.waitHealthy('own', 3);
    expect(await podNames('own')).toEqual(['own-1', 'own-2', 'own-3']);
    await setInstances('own', 2);
    await h.waitHealthy('own', 2);
    expect(await podNames('own')).toEqual(['own-1', 'own-2']);
    const pvcs = await h.core.listNamespacedPersistentVolumeClaim({ namespace: NS });
    expect(pvcs.items.map((p) => p.metadata?.name).sort()).toEqual(['own-1', 'own-2']);
  });

  it('reports an instance whose server cannot start, and recovers', async () => {
    h.sandbox.faults.set({ failingInstances: ['weak-2'] });
    await createCluster('weak', { instances: 2, primaryLease: SHORT_LEASE });
    const s = await waitFor('weak-2 failing', async () => {
      const st = await h.status('weak');
      return st.instancesStatus?.failed?.includes('weak-2') && st;
    });
    expect(s.phase).not.toBe(HEALTHY);
    const pod = await h.core.readNamespacedPod({ name: 'weak-2', namespace: NS });
    expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    h.sandbox.faults.set({ failingInstances: [] });
    await h.waitHealthy('weak', 2);
  });

  it('keeps a deleted primary away with primaryNeverReturns', async () => {
    h.sandbox.faults.set({ primaryNeverReturns: true });
    await h.core.deleteNamespacedPod({ name: 'weak-1', namespace: NS, gracePeriodSeconds: 1 });
    const s = await waitFor('weak-2 promoted', async () => {
      const st = await h.status('weak');
      return (
        st.currentPrimary === 'weak-2' &&
        st.phase === 'Waiting for the instances to become active' &&
        st
      );
    });
    expect(s.readyInstances).toBe(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await podNames('weak')).toEqual(['weak-2']);
    h.sandbox.faults.set({ primaryNeverReturns: false });
  });

  it('stops servers and removes data when the Cluster is deleted', async () => {
    await h.custom.deleteNamespacedCustomObject({ ...clusterRef(NS), name: 'weak' });
    const dataDir = join(dir, 'instances', NS, 'weak-2');
    await waitFor(
      'weak gone',
      async () => !existsSync(dataDir) && (await podNames('weak')).length === 0,
    );
    expect(processesUnder(dataDir)).toEqual([]);
  });
});
