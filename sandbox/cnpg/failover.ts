// Failover after the primary's pod is gone (facts §7): phase `Failing over`, targetPrimary
// `pending` and event FailingOver; after faults.failoverDelayMs (+ spec.failoverDelay) the
// most advanced standby (received LSN, replay LSN, name) becomes targetPrimary (event
// FailoverTarget) and is promoted. The old primary's data may have diverged: it is re-cloned
// from the new primary when its pod comes back (CNPG uses pg_rewind), unless
// faults.primaryNeverReturns keeps it away.
import type { KubeObject } from '../kube/types.ts';
import { compareCandidates, readStatus } from '../postgres/status.ts';
import type { InstanceStatus } from '../postgres/status.ts';
import type { ClusterView } from './cluster-spec.ts';
import { recordEvent } from './events.ts';
import { livePod } from './pods.ts';
import { promoteTo } from './promotion.ts';
import { PENDING_FAILOVER, PHASE, rfc3339Micro } from './resources.ts';
import { checkStopping, primaryRuntime, replicaRuntimes, sleep } from './runtime.ts';
import type { ClusterRuntime, ControllerContext, InstanceRuntime } from './runtime.ts';
import { setPhase, setTargetPrimary } from './status.ts';

/** The primary's pod was deleted and its server is down (the kubelet stopped it). */
export function primaryLost(ctx: ControllerContext, rt: ClusterRuntime): boolean {
  const primary = primaryRuntime(rt);
  if (!primary || primary.instance.running) return false;
  return !livePod(ctx, rt.namespace, primary.name);
}

/** Running standbys whose pods are alive, most advanced first. */
async function candidates(ctx: ControllerContext, rt: ClusterRuntime): Promise<InstanceRuntime[]> {
  const alive = replicaRuntimes(rt).filter(
    (r) => r.instance.running && !r.needsClone && livePod(ctx, rt.namespace, r.name),
  );
  const statuses: InstanceStatus[] = [];
  for (const r of alive) {
    const status = await readStatus(r.instance).catch(() => undefined);
    if (status && !status.isPrimary) statuses.push(status);
  }
  statuses.sort(compareCandidates);
  return statuses.flatMap((s) => rt.instances.get(s.name) ?? []);
}

function startFailover(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
  old: string,
): void {
  const target = cluster.status?.targetPrimary;
  if (target === PENDING_FAILOVER) return;
  recordEvent(
    ctx,
    cluster,
    'Normal',
    'FailingOver',
    `Current primary isn't healthy, initiating a failover from ${old}`,
  );
  setPhase(ctx, rt, PHASE.failOver, `Initiating a failover from ${old}`, (s) => {
    s.targetPrimary = PENDING_FAILOVER;
    s.targetPrimaryTimestamp = rfc3339Micro();
  });
}

/**
 * Runs a failover when the primary is lost; true when it did something. With no standby at
 * all there is nothing to fail over to: the pod is recreated and the primary restarts.
 */
export async function reconcileFailover(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
  cl: ClusterView,
): Promise<boolean> {
  const old = primaryRuntime(rt);
  if (!old || !primaryLost(ctx, rt) || replicaRuntimes(rt).length === 0) return false;
  startFailover(ctx, rt, cluster, old.name);
  const delay = ctx.faults.get().failoverDelayMs + cl.failoverDelaySeconds * 1000;
  await sleep(delay);
  checkStopping(ctx);
  const [best] = await candidates(ctx, rt);
  if (!best || !primaryLost(ctx, rt)) {
    ctx.log(`${rt.namespace}/${rt.name}: failover from ${old.name} waits for a standby`);
    ctx.enqueue(rt.namespace, rt.name, 1000);
    return true;
  }
  const reason = `Failing over from ${old.name} to ${best.name}`;
  recordEvent(ctx, cluster, 'Normal', 'FailoverTarget', reason);
  setPhase(ctx, rt, PHASE.failOver, reason);
  setTargetPrimary(ctx, rt, best.name);
  old.needsClone = true;
  old.neverReturns = ctx.faults.get().primaryNeverReturns;
  await promoteTo(ctx, rt, cl, best);
  return true;
}
