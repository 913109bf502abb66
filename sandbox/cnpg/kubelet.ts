// The kubelet side of instance pods: deleting a pod stops its PostgreSQL server before the
// store removes the object. The primary is stopped with an immediate shutdown whatever the
// grace period: CNPG first tries a fast shutdown (bounded by switchoverDelay), the emulation
// models the abrupt loss CNPG's drills provoke (grace period 1 s). Replicas shut down fast.
import type { DeletionHook, KubeObject } from '../kube/types.ts';
import { LABEL } from './resources.ts';
import type { ClusterRuntime, InstanceRuntime } from './runtime.ts';

export type InstanceLookup = (
  namespace: string,
  pod: string,
) => { rt: ClusterRuntime; inst: InstanceRuntime } | undefined;

export function podDeletionHook(lookup: InstanceLookup, log: (m: string) => void): DeletionHook {
  return async (pod: KubeObject, gracePeriodSeconds: number) => {
    if (!pod.metadata.labels?.[LABEL.cluster]) return;
    const hit = lookup(pod.metadata.namespace ?? 'default', pod.metadata.name);
    if (!hit || hit.inst.removing) return;
    const isPrimary = hit.rt.primary === hit.inst.name;
    const mode = isPrimary ? 'immediate' : 'fast';
    log(
      `${hit.rt.namespace}/${pod.metadata.name}: pod deleted (grace ${gracePeriodSeconds}s), ${mode} shutdown`,
    );
    await hit.inst.instance.stop(mode);
  };
}
