// Kubernetes' storage-object-in-use protection for PersistentVolumeClaims: the API server
// adds the `kubernetes.io/pvc-protection` finalizer to every new claim, and the
// kube-controller-manager's pvc-protection controller removes it from a claim being deleted
// only once no pod uses it any more. So a deleted PVC stays visible (Terminating, with a
// deletionTimestamp) until the pods that mount it are gone.
import type { KubeObject, ResourceRef, Store } from './types.ts';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PVCS: ResourceRef = { group: '', version: 'v1', plural: 'persistentvolumeclaims' };
const PODS: ResourceRef = { group: '', version: 'v1', plural: 'pods' };

function claims(pod: KubeObject): string[] {
  const volumes = (pod.spec?.volumes ?? []) as { persistentVolumeClaim?: { claimName?: string } }[];
  return volumes.flatMap((v) => v.persistentVolumeClaim?.claimName ?? []);
}

/** A pod that has terminated (Succeeded or Failed) no longer uses its volumes. */
function usesVolumes(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

function release(store: Store, namespace: string | undefined): void {
  const pods = store.list(PODS, namespace).filter(usesVolumes);
  for (const pvc of store.list(PVCS, namespace)) {
    const finalizers = pvc.metadata.finalizers ?? [];
    if (!pvc.metadata.deletionTimestamp || !finalizers.includes(PVC_PROTECTION_FINALIZER)) continue;
    if (pods.some((p) => claims(p).includes(pvc.metadata.name))) continue;
    store.mutate(PVCS, pvc.metadata.namespace, pvc.metadata.name, (o) => {
      o.metadata.finalizers = finalizers.filter((f) => f !== PVC_PROTECTION_FINALIZER);
    });
  }
}

/** Starts the controller on the store; returns the function that stops it. */
export function startPvcProtection(store: Store): () => void {
  const pending = new Set<string>();
  let stopped = false;
  const schedule = (namespace: string | undefined) => {
    const key = namespace ?? '';
    if (stopped || pending.has(key)) return;
    pending.add(key);
    setImmediate(() => {
      pending.delete(key);
      if (!stopped) release(store, namespace);
    });
  };
  const unwatch = [
    store.watch(PVCS, (type, pvc) => {
      if (type !== 'DELETED' && pvc.metadata.deletionTimestamp) schedule(pvc.metadata.namespace);
    }),
    store.watch(PODS, (type, pod) => {
      if (type === 'DELETED' || !usesVolumes(pod)) schedule(pod.metadata.namespace);
    }),
  ];
  return () => {
    stopped = true;
    for (const u of unwatch) u();
  };
}
