// The kube-controller-manager's garbage collector on the sandbox's store: dependents of a
// deleted owner are deleted with background propagation (pods get their own
// terminationGracePeriodSeconds, as the GC sends no grace period), an owner deleted with
// propagationPolicy Foreground keeps the `foregroundDeletion` finalizer until its dependents
// are gone, and Orphan removes the owner's references from its dependents.
import type { KubeObject, ResourceRef, Store } from './types.ts';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';

/** What the collector needs of the store: every object it holds (read-only), and its verbs. */
export interface CollectedStore extends Pick<Store, 'get' | 'delete' | 'mutate'> {
  entries(): { ref: ResourceRef; obj: Readonly<KubeObject> }[];
}

function everything(store: CollectedStore): { ref: ResourceRef; obj: Readonly<KubeObject> }[] {
  return store.entries();
}

function isForegroundDeleting(o: Readonly<KubeObject>): boolean {
  return (
    o.metadata.deletionTimestamp !== undefined &&
    (o.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER)
  );
}

/** Objects that reference `uid` as an owner. */
export function dependentsOf(
  store: CollectedStore,
  uid: string,
): { ref: ResourceRef; obj: Readonly<KubeObject> }[] {
  return everything(store).filter(({ obj }) =>
    (obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid),
  );
}

/** propagationPolicy Orphan: the dependents lose their reference to the owner and stay. */
export function orphanDependents(store: CollectedStore, owner: Readonly<KubeObject>): void {
  const uid = owner.metadata.uid ?? '';
  for (const { ref, obj } of dependentsOf(store, uid)) {
    store.mutate(ref, obj.metadata.namespace, obj.metadata.name, (o) => {
      const rest = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (rest.length > 0) o.metadata.ownerReferences = rest;
      else delete o.metadata.ownerReferences;
    });
  }
}

/**
 * One sweep: deletes dependents whose owners are all gone or being deleted in the
 * foreground, and releases foreground owners that have no dependents left.
 */
export function collectGarbage(store: CollectedStore): void {
  const all = everything(store);
  const live = new Map(all.map(({ obj }) => [obj.metadata.uid ?? '', obj]));
  for (const { ref, obj } of all) {
    const owners = obj.metadata.ownerReferences ?? [];
    if (owners.length === 0 || obj.metadata.deletionTimestamp) continue;
    const orphaned = owners.every((r) => {
      const owner = live.get(r.uid);
      return owner === undefined || isForegroundDeleting(owner);
    });
    if (!orphaned) continue;
    // A watcher may have removed or deleted it meanwhile (a controller reacting to its owner).
    const still = store.get(ref, obj.metadata.namespace, obj.metadata.name);
    if (still && !still.metadata.deletionTimestamp && still.metadata.uid === obj.metadata.uid)
      store.delete(ref, obj.metadata.namespace, obj.metadata.name);
  }
  for (const { ref, obj } of all) {
    if (!isForegroundDeleting(obj)) continue;
    if (dependentsOf(store, obj.metadata.uid ?? '').length > 0) continue;
    if (!store.get(ref, obj.metadata.namespace, obj.metadata.name)) continue;
    store.mutate(ref, obj.metadata.namespace, obj.metadata.name, (o) => {
      o.metadata.finalizers = (o.metadata.finalizers ?? []).filter(
        (f) => f !== FOREGROUND_FINALIZER,
      );
    });
  }
}
