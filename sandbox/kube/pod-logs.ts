// GET pods/<pod>/log: what the kubelet kept of the pod's container output (the store holds
// it until the pod is deleted); 404 for a pod that does not exist.
import { ApiError, type ResourceRef, type Store } from './types.ts';

const PODS: ResourceRef = { group: '', version: 'v1', plural: 'pods' };

export function podLog(store: Store, namespace: string, name: string): string {
  if (!store.get(PODS, namespace, name))
    throw new ApiError(404, 'NotFound', `pods "${name}" not found`);
  return store.podLog(namespace, name) ?? '';
}
