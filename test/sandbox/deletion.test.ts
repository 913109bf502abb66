// Deleting a Cluster as on a real cluster, through client-node: the garbage collector
// deletes its pods through the normal graceful pod deletion (each with its own
// terminationGracePeriodSeconds, the kubelet stopping the server) and its PVCs, which
// pvc-protection keeps (Terminating) until the pods are gone; the data goes with the PVCs;
// Backups, ScheduledBackups, the ObjectStore and the stored backups stay. A Cluster deleted
// with propagationPolicy Orphan leaves its PVCs, and a new Cluster of the same name adopts
// them instead of bootstrapping, with the data still there.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { processesUnder } from '../../sandbox/postgres/process-registry.ts';
import { clusterRef, startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';
import {
  PLUGIN,
  backupRef,
  batchApi,
  blobNames,
  createBackup,
  createCluster,
  createObjectStore,
  recordWatch,
  superuser,
  waitBackupDone,
} from './backup-helpers.ts';
import type { Recorded } from './backup-helpers.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('deletion', { timings: { walArchiveCheckIntervalMs: 200 } });
  await createObjectStore(h, 'del-store', 'deletion');
  const plugins = [
    { name: PLUGIN, isWALArchiver: true, parameters: { barmanObjectName: 'del-store' } },
  ];
  await createCluster(h, 'del', { instances: 2, plugins });
  await createCluster(h, 'keep', {});
  await Promise.all([h.waitHealthy('del', 2), h.waitHealthy('keep', 1)]);
});

afterAll(async () => {
  await h.close();
});

const ofCluster = (name: string) => `cnpg.io/cluster=${name}`;

async function pvcNames(cluster: string): Promise<string[]> {
  const list = await h.core.listNamespacedPersistentVolumeClaim({
    namespace: h.namespace,
    labelSelector: ofCluster(cluster),
  });
  return list.items.map((p) => p.metadata?.name ?? '').sort();
}

async function podNames(cluster: string): Promise<string[]> {
  const list = await h.core.listNamespacedPod({
    namespace: h.namespace,
    labelSelector: ofCluster(cluster),
  });
  return list.items.map((p) => p.metadata?.name ?? '').sort();
}

type Meta = {
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  finalizers?: string[];
};
const meta = (e: Recorded) => (e.obj.metadata ?? {}) as Meta & { name?: string };

describe('deleting a Cluster', () => {
  test('stops its pods gracefully, removes its PVCs after them, then the data; backups stay', async () => {
    await createBackup(h, 'del-b', 'del', {
      method: 'plugin',
      pluginConfiguration: { name: PLUGIN },
    });
    expect((await waitBackupDone(h, 'del-b')).phase).toBe('completed');
    await h.custom.createNamespacedCustomObject({
      group: 'postgresql.cnpg.io',
      version: 'v1',
      namespace: h.namespace,
      plural: 'scheduledbackups',
      body: {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'ScheduledBackup',
        metadata: { name: 'del-nightly', namespace: h.namespace },
        spec: {
          schedule: '0 0 0 * * *',
          cluster: { name: 'del' },
          method: 'plugin',
          pluginConfiguration: { name: PLUGIN },
        },
      },
    });
    const pods = await recordWatch(h, `/api/v1/namespaces/${h.namespace}/pods`);
    const pvcs = await recordWatch(h, `/api/v1/namespaces/${h.namespace}/persistentvolumeclaims`);
    const dataDir = join(h.sandbox.dir, 'instances', h.namespace);
    await h.custom.deleteNamespacedCustomObject({ ...clusterRef(h.namespace), name: 'del' });
    await waitFor(
      'pods and PVCs gone',
      async () => (await podNames('del')).length + (await pvcNames('del')).length === 0,
    );
    await waitFor('data removed', () =>
      Promise.resolve(!existsSync(join(dataDir, 'del-1')) && !existsSync(join(dataDir, 'del-2'))),
    );
    pods.stop();
    pvcs.stop();
    expect(processesUnder(join(dataDir, 'del-1'))).toEqual([]);
    for (const pod of ['del-1', 'del-2']) {
      const events = pods.events.filter((e) => meta(e).name === pod);
      const terminating = events.find((e) => e.type === 'MODIFIED' && meta(e).deletionTimestamp);
      // The pod's own grace period (spec.stopDelay, 1800 s by default), not an immediate kill.
      expect(meta(terminating ?? events[0] ?? ({} as Recorded)).deletionGracePeriodSeconds).toBe(
        1800,
      );
    }
    for (const name of ['del-1', 'del-2']) {
      const podGone = pods.events.find((e) => e.type === 'DELETED' && meta(e).name === name);
      const events = pvcs.events.filter((e) => meta(e).name === name);
      const terminating = events.find((e) => e.type === 'MODIFIED' && meta(e).deletionTimestamp);
      expect(meta(terminating ?? ({} as Recorded)).finalizers).toEqual([
        'kubernetes.io/pvc-protection',
      ]);
      // Terminating while its pod still exists, gone only after the pod.
      expect(terminating?.rv).toBeLessThan(podGone?.rv ?? 0);
      expect(events.find((e) => e.type === 'DELETED')?.rv).toBeGreaterThan(podGone?.rv ?? Infinity);
    }
    const backups = (await h.custom.listNamespacedCustomObject({ ...backupRef(h) })) as {
      items: { metadata: { name: string } }[];
    };
    expect(backups.items.map((b) => b.metadata.name)).toContain('del-b');
    await h.custom.getNamespacedCustomObject({
      group: 'postgresql.cnpg.io',
      version: 'v1',
      namespace: h.namespace,
      plural: 'scheduledbackups',
      name: 'del-nightly',
    });
    await h.custom.getNamespacedCustomObject({
      group: 'barmancloud.cnpg.io',
      version: 'v1',
      namespace: h.namespace,
      plural: 'objectstores',
      name: 'del-store',
    });
    expect((await blobNames(h, 'deletion/del/base/')).length).toBeGreaterThan(0);
  });
});

describe('a Cluster deleted with propagationPolicy Orphan', () => {
  test('leaves its PVCs, which a new Cluster of the same name adopts with their data', async () => {
    const c = await superuser(h, 'keep-1');
    await c.query('CREATE TABLE kept AS SELECT generate_series(1, 42) AS id');
    await c.end();
    await h.custom.deleteNamespacedCustomObject({
      ...clusterRef(h.namespace),
      name: 'keep',
      propagationPolicy: 'Orphan',
    });
    await waitFor('Cluster gone', async () => {
      const list = (await h.custom.listNamespacedCustomObject({ ...clusterRef(h.namespace) })) as {
        items: { metadata: { name: string } }[];
      };
      return !list.items.some((i) => i.metadata.name === 'keep');
    });
    const orphan = await h.core.readNamespacedPersistentVolumeClaim({
      name: 'keep-1',
      namespace: h.namespace,
    });
    expect(orphan.metadata?.ownerReferences ?? []).toEqual([]);
    expect(orphan.metadata?.deletionTimestamp).toBeUndefined();
    const jobs = await recordWatch(h, `/apis/batch/v1/namespaces/${h.namespace}/jobs`);
    await createCluster(h, 'keep', {});
    const s = await h.waitHealthy('keep', 1);
    jobs.stop();
    expect(s.conditions?.find((x) => x.type === 'Initialized')).toMatchObject({
      status: 'True',
      reason: 'BootstrapCompleted',
      message: 'Cluster has been bootstrapped',
    });
    expect(jobs.events.filter((e) => e.type === 'ADDED')).toEqual([]);
    const adopted = await h.core.readNamespacedPersistentVolumeClaim({
      name: 'keep-1',
      namespace: h.namespace,
    });
    const cluster = (await h.custom.getNamespacedCustomObject({
      ...clusterRef(h.namespace),
      name: 'keep',
    })) as { metadata: { uid: string } };
    expect(adopted.metadata?.ownerReferences?.map((r) => r.uid)).toEqual([cluster.metadata.uid]);
    const again = await superuser(h, 'keep-1');
    const n = await again.query<{ n: string }>('SELECT count(*) AS n FROM kept');
    await again.end();
    expect(Number(n.rows[0]?.n)).toBe(42);
    expect(
      (
        await batchApi(h).listNamespacedJob({
          namespace: h.namespace,
          labelSelector: ofCluster('keep'),
        })
      ).items,
    ).toEqual([]);
  });
});
