// The namespace lifecycle on the sandbox's store, as a real API server and namespace controller
// run it: a deleted Namespace is Terminating while its content goes (a pod through its own
// graceful deletion, a PVC held by pvc-protection until that pod is gone), new content is
// refused with 403 meanwhile, and the Namespace is gone only once it is empty.
import { expect, test } from 'vitest';
import { MemoryStore } from '../../sandbox/kube/store.ts';
import { ApiError, type ResourceRef } from '../../sandbox/kube/types.ts';

const core = (plural: string): ResourceRef => ({ group: '', version: 'v1', plural });
const NS = core('namespaces');
const PODS = core('pods');
const PVCS = core('persistentvolumeclaims');
const MAPS = core('configmaps');

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a deleted namespace stays Terminating until its pods, PVCs and other content are gone', async () => {
  const store = new MemoryStore();
  // The kubelet stand-in: a pod takes 400 ms to stop.
  store.registerDeletionHook(PODS, () => new Promise((r) => setTimeout(r, 400)));
  store.create(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pr-7' } });
  store.create(MAPS, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'm', namespace: 'pr-7' },
  });
  store.create(PVCS, {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'pg-1', namespace: 'pr-7' },
  });
  store.create(PODS, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pg-1', namespace: 'pr-7' },
    spec: { volumes: [{ name: 'pgdata', persistentVolumeClaim: { claimName: 'pg-1' } }] },
  });
  store.create(MAPS, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'other', namespace: 'default' },
  });

  const started = Date.now();
  store.delete(NS, undefined, 'pr-7');
  await until(() => store.get(NS, undefined, 'pr-7')?.status?.phase === 'Terminating');
  let refused: unknown;
  try {
    store.create(MAPS, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'late', namespace: 'pr-7' },
    });
  } catch (error) {
    refused = error;
  }
  expect(refused).toBeInstanceOf(ApiError);
  expect((refused as ApiError).code).toBe(403);
  expect((refused as ApiError).message).toBe(
    'configmaps "late" is forbidden: unable to create new content in namespace pr-7 because it is being terminated',
  );
  // The PVC waits for its pod; the namespace waits for both.
  await until(() => store.get(MAPS, 'pr-7', 'm') === undefined);
  expect(store.get(PVCS, 'pr-7', 'pg-1')?.metadata.deletionTimestamp).toBeDefined();
  expect(store.get(NS, undefined, 'pr-7')).toBeDefined();
  await until(() => store.get(NS, undefined, 'pr-7') === undefined);
  expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  expect(store.get(PODS, 'pr-7', 'pg-1')).toBeUndefined();
  expect(store.get(PVCS, 'pr-7', 'pg-1')).toBeUndefined();
  expect(store.get(MAPS, 'default', 'other')).toBeDefined();
  // A namespace of that name can be created again, empty.
  store.create(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pr-7' } });
  expect(store.list(MAPS, 'pr-7')).toEqual([]);
});
