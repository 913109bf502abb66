// The kubelet side of instance pods: deleting a pod terminates its container as a kubelet
// does, and the pod object goes once the container is gone.
// - grace > 0: SIGTERM to the instance manager, which runs CHECKPOINT, a smart shutdown
//   (existing sessions go on) for up to spec.smartShutdownTimeout, then a fast one
//   (internal/cmd/manager/instance/run/lifecycle/lifecycle.go, TryShuttingDownSmartFast in
//   pkg/management/postgres/instance.go); the kubelet SIGKILLs the container after the grace
//   period, never sooner than 2 s (minimumGracePeriodInSeconds, pkg/kubelet/kuberuntime).
//   Stopped in time, the instance manager exits cleanly and releases the primary lease;
//   killed, it releases nothing and the lease must expire before a new primary can promote.
// - grace 0: modelled as an immediate SIGKILL of the container (a force delete), so the lease
//   stays held as well.
import type { DeletionHook, KubeObject } from '../kube/types.ts';
import { readCluster } from './cluster-spec.ts';
import { CLUSTERS, LABEL } from './resources.ts';
import type { ClusterRuntime, InstanceRuntime } from './runtime.ts';
import type { ControllerContext } from './runtime.ts';

/** The kubelet's floor for the time between SIGTERM and SIGKILL. */
export const MINIMUM_GRACE_SECONDS = 2;

export type InstanceLookup = (
  namespace: string,
  pod: string,
) => { rt: ClusterRuntime; inst: InstanceRuntime } | undefined;

/**
 * smartShutdownTimeout as the instance manager applies it (0 when stopDelay is not larger),
 * from its cached Cluster when the Cluster itself is already gone (deleted with its pods).
 */
function smartTimeoutMs(ctx: ControllerContext, rt: ClusterRuntime): number {
  const cluster = ctx.store.get(CLUSTERS, rt.namespace, rt.name) ?? rt.lastSeen;
  if (!cluster) return 0;
  const cl = readCluster(cluster);
  if (cl.stopDelaySeconds <= cl.smartShutdownTimeoutSeconds) return 0;
  return cl.smartShutdownTimeoutSeconds * 1000;
}

/** Terminates the container: true when the instance manager stopped PostgreSQL in time. */
export async function terminateContainer(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  inst: InstanceRuntime,
  graceSeconds: number,
): Promise<boolean> {
  const server = inst.instance;
  if (graceSeconds <= 0) {
    await server.kill();
    return false;
  }
  const deadlineMs = Math.max(graceSeconds, MINIMUM_GRACE_SECONDS) * 1000;
  let killed = false;
  const stopped = server.shutdownSmartFast(smartTimeoutMs(ctx, rt));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => {
      resolve('deadline');
    }, deadlineMs);
  });
  const outcome = await Promise.race([stopped.then(() => 'stopped' as const), deadline]).finally(
    () => {
      clearTimeout(timer);
    },
  );
  if (outcome === 'deadline' && server.running) {
    killed = true;
    await server.kill();
  }
  await stopped.catch(() => undefined);
  return !killed;
}

export function podDeletionHook(ctx: ControllerContext, lookup: InstanceLookup): DeletionHook {
  return async (pod: KubeObject, gracePeriodSeconds: number) => {
    if (!pod.metadata.labels?.[LABEL.cluster]) return;
    const hit = lookup(pod.metadata.namespace ?? 'default', pod.metadata.name);
    if (!hit || hit.inst.removing) return;
    const { rt, inst } = hit;
    ctx.log(`${rt.namespace}/${inst.name}: pod deleted (grace ${gracePeriodSeconds}s)`);
    try {
      const clean = await terminateContainer(ctx, rt, inst, gracePeriodSeconds);
      if (clean) rt.lease.release(inst.name);
      else if (rt.lease.holder === inst.name) rt.lease.stopRenewing();
      const how = clean ? 'stopped' : 'killed (the primary lease, if held, must expire)';
      ctx.log(`${rt.namespace}/${inst.name}: container ${how}`);
    } catch (err) {
      ctx.log(`${rt.namespace}/${inst.name}: terminating the container failed: ${String(err)}`);
    }
  };
}
