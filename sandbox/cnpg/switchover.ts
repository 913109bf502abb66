// A switchover or failover in progress: status.currentPrimary differs from targetPrimary.
// - A targetPrimary that is not an active pod (missing, terminating, or `pending`) is reset to
//   currentPrimary by the operator (internal/controller/cluster_status.go:266-290).
// - While they differ the operator only marks the old primary unhealthy and waits (requeue 1 s,
//   cluster_controller.go:409-430); it writes no phase: a bare targetPrimary patch leaves the
//   phase as it is, `kubectl cnpg promote` writes `Switchover in progress` itself.
// - The old primary's instance manager shuts its server down as soon as targetPrimary names
//   another instance, even one that is missing or not ready (instance_controller.go
//   reconcileOldPrimary: CHECKPOINT, fast shutdown for up to switchoverDelay, then immediate),
//   and releases the primary lease as it exits; it comes back as a replica (re-cloned here,
//   pg_rewind in CNPG). If the target never promotes, the failover logic takes over.
// - The target's instance manager acquires the lease and promotes (promotion.ts); the kubelet
//   keeps restarting containers meanwhile.
import type { KubeObject } from '../kube/types.ts';
import { readCluster } from './cluster-spec.ts';
import type { ClusterView } from './cluster-spec.ts';
import { reconcileFailover, type SwitchStep } from './failover.ts';
import { RESTART_BACKOFF_MS, startInstance } from './instances.ts';
import { instancePods, livePod, podIsReady, setPodRole, setPodState } from './pods.ts';
import { startPromotion } from './promotion.ts';
import { CLUSTERS, PODS, rfc3339Micro } from './resources.ts';
import { primaryRuntime, replicaRuntimes } from './runtime.ts';
import type { ClusterRuntime, ControllerContext } from './runtime.ts';
import { patchClusterStatus } from './status.ts';

function statusOf(ctx: ControllerContext, rt: ClusterRuntime): Record<string, unknown> {
  return ctx.store.get(CLUSTERS, rt.namespace, rt.name)?.status ?? {};
}

/** IsPodActive: not Pending, Succeeded or Failed, and not terminating. */
function podActive(pod: KubeObject | undefined): boolean {
  const phase = pod?.status?.phase;
  return !!pod && !pod.metadata.deletionTimestamp && phase === 'Running';
}

function resetInactiveTarget(ctx: ControllerContext, rt: ClusterRuntime): void {
  const s = statusOf(ctx, rt);
  const current = s.currentPrimary;
  const target = s.targetPrimary;
  if (typeof current !== 'string' || current === '' || target === current) return;
  const ready = instancePods(ctx.store, rt.namespace, rt.name).some(podIsReady);
  const pod = typeof target === 'string' ? ctx.store.get(PODS, rt.namespace, target) : undefined;
  if (ready && podActive(pod) && rt.instances.has(String(target))) return;
  ctx.log(`${rt.namespace}/${rt.name}: target primary ${String(target)} is not active, reset`);
  patchClusterStatus(ctx, rt, (st) => {
    st.targetPrimary = current;
    st.targetPrimaryTimestamp = rfc3339Micro();
  });
}

/**
 * The old primary's instance manager: shuts its server down when targetPrimary names another
 * instance (called on every Cluster event, as the instance manager watches its Cluster).
 */
export function demoteOldPrimary(ctx: ControllerContext, rt: ClusterRuntime): void {
  const old = primaryRuntime(rt);
  const target = statusOf(ctx, rt).targetPrimary;
  if (!old || typeof target !== 'string' || target === '' || target === old.name) return;
  if (old.demoting || !old.instance.running || !livePod(ctx, rt.namespace, old.name)) return;
  const cluster = ctx.store.get(CLUSTERS, rt.namespace, rt.name);
  if (!cluster) return;
  const cl = readCluster(cluster);
  ctx.log(`${rt.namespace}/${old.name}: former primary (target ${target}), shutting down`);
  old.needsClone = true;
  old.demoting = (async () => {
    await old.instance.shutdownFastImmediate(cl.switchoverDelaySeconds * 1000);
    rt.lease.release(old.name);
    setPodState(ctx, rt.namespace, old, 'not-ready');
  })()
    .catch((err: unknown) => {
      ctx.log(`${rt.namespace}/${old.name}: demotion failed: ${String(err)}`);
    })
    .finally(() => {
      old.demoting = undefined;
      ctx.enqueue(rt.namespace, rt.name);
    });
}

/** The kubelet restarts the containers of standbys whose server is down (not re-clones). */
async function restartStandbys(ctx: ControllerContext, rt: ClusterRuntime): Promise<void> {
  for (const r of replicaRuntimes(rt)) {
    if (r.instance.running || r.needsClone || r.removing || r.neverReturns || r.demoting) continue;
    if (!livePod(ctx, rt.namespace, r.name)) continue;
    if (Date.now() - r.lastStartAttempt < RESTART_BACKOFF_MS) continue;
    await startInstance(ctx, rt, r);
  }
}

async function switchInProgress(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cl: ClusterView,
): Promise<void> {
  const s = statusOf(ctx, rt);
  setPodRole(ctx, rt.namespace, String(s.currentPrimary), 'unhealthy');
  demoteOldPrimary(ctx, rt);
  const target = String(s.targetPrimary);
  if (rt.instances.has(target)) startPromotion(ctx, rt, cl, target);
  await restartStandbys(ctx, rt);
  ctx.enqueue(rt.namespace, rt.name, 1000);
}

/** Switchover and failover: 'wait' ends the reconcile pass here (CNPG requeues). */
export async function reconcilePrimarySwitch(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
  cl: ClusterView,
): Promise<SwitchStep> {
  resetInactiveTarget(ctx, rt);
  const s = statusOf(ctx, rt);
  if (typeof s.currentPrimary === 'string' && s.currentPrimary !== s.targetPrimary) {
    await switchInProgress(ctx, rt, cl);
    return 'wait';
  }
  if (rt.promotion) {
    ctx.enqueue(rt.namespace, rt.name, 200);
    return 'wait';
  }
  return reconcileFailover(ctx, rt, cluster, cl);
}
