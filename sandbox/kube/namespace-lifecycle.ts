// The namespace lifecycle as the API server and the kube-controller-manager's namespace
// controller run it: a deleted Namespace turns Terminating (status.phase), new content in it is
// refused with 403, the controller deletes everything in it (each object with its own graceful
// deletion and finalizers: pods stop, PVCs wait for their pods), and only once the namespace is
// empty is its `kubernetes` finalizer removed and the Namespace itself gone.
import { ApiError, type KubeObject, type ResourceRef } from './types.ts';
import type { CollectedStore } from './garbage-collector.ts';

export const NAMESPACES: ResourceRef = { group: '', version: 'v1', plural: 'namespaces' };

const POLL_MS = 100;

export interface NamespacedStore extends CollectedStore {
  isNamespaced(ref: ResourceRef): boolean;
}

/** 403 for a create in a namespace being deleted, with the API server's message. */
export function refuseInTerminating(
  ns: Readonly<KubeObject> | undefined,
  ref: ResourceRef,
  name: string,
): void {
  if (!ns?.metadata.deletionTimestamp) return;
  throw new ApiError(
    403,
    'Forbidden',
    `${ref.plural} "${name}" is forbidden: unable to create new content in namespace ${ns.metadata.name} because it is being terminated`,
    { name, kind: ref.plural },
  );
}

function contents(store: NamespacedStore, namespace: string) {
  return store
    .entries()
    .filter(({ ref, obj }) => store.isNamespaced(ref) && obj.metadata.namespace === namespace);
}

/** The deletion hook of Namespaces: resolves once everything in it is gone. */
export async function finalizeNamespace(store: NamespacedStore, ns: KubeObject): Promise<void> {
  const name = ns.metadata.name;
  store.mutate(NAMESPACES, undefined, name, (o) => {
    o.status = { ...o.status, phase: 'Terminating' };
  });
  for (;;) {
    const left = contents(store, name);
    if (left.length === 0) break;
    for (const { ref, obj } of left) {
      if (obj.metadata.deletionTimestamp) continue;
      try {
        store.delete(ref, name, obj.metadata.name);
      } catch {
        // Gone meanwhile (its owner's garbage collection got there first).
      }
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  if (store.get(NAMESPACES, undefined, name))
    store.mutate(NAMESPACES, undefined, name, (o) => {
      o.spec = { ...o.spec, finalizers: [] };
    });
}
