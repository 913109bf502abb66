// The operator's failover (facts §7; internal/controller/replicas.go
// reconcileTargetPrimaryForNonReplicaCluster, cluster_controller.go handleSwitchover). The
// primary fails when its pod is no longer active (terminating or gone: it drops out of the
// instance status list at once, whatever the grace period) or when its server is down after a
// demotion. Then, with a standby to fail over to:
// 1. spec.failoverDelay > 0: currentPrimaryFailingSinceTimestamp is set, the phase is left
//    alone, and nothing more happens until the delay has elapsed (requeue 1 s);
// 2. phase `Failing over`, reason `Initiating a failover from <old>`, event FailingOver,
//    targetPrimary `pending`, the old primary labelled unhealthy;
// 3. wait until every standby's WAL receiver has stopped (requeue 1 s): `pending` is not an
//    active pod, so each pass first resets targetPrimary to the old primary (switchover.ts)
//    and step 2 runs again, as in CNPG;
// 4. event FailoverTarget, reason `Failing over from <old> to <new>`, targetPrimary = the most
//    advanced standby (received LSN, replay LSN, name). Its instance manager promotes it once
//    it holds the primary lease (promotion.ts). The old primary's data may have diverged: it
//    is re-cloned when its pod comes back (CNPG uses pg_rewind), unless
//    faults.primaryNeverReturns keeps it away.
import type { KubeObject } from '../kube/types.ts';
import { walReceiverActive } from '../postgres/replication.ts';
import { compareCandidates, readStatus } from '../postgres/status.ts';
import type { InstanceStatus } from '../postgres/status.ts';
import type { ClusterView } from './cluster-spec.ts';
import { recordEvent } from './events.ts';
import { livePod, setPodRole } from './pods.ts';
import { CLUSTERS, PENDING_FAILOVER, PHASE, rfc3339Micro } from './resources.ts';
import { primaryRuntime, replicaRuntimes } from './runtime.ts';
import type { ClusterRuntime, ControllerContext, InstanceRuntime } from './runtime.ts';
import { patchClusterStatus, setPhase, setTargetPrimary } from './status.ts';

export type SwitchStep = 'wait' | 'proceed';

const REQUEUE_MS = 1000;

/** The primary's pod is not active, or its server is down after a demotion. */
export function primaryFailing(ctx: ControllerContext, rt: ClusterRuntime): boolean {
  const primary = primaryRuntime(rt);
  if (!primary) return false;
  if (!livePod(ctx, rt.namespace, primary.name)) return true;
  return !primary.instance.running && (primary.needsClone || primary.demoting !== undefined);
}

interface Candidate {
  inst: InstanceRuntime;
  received: string;
  replayed: string;
}

/** Standbys of active pods that report a status, most advanced first. */
async function candidates(ctx: ControllerContext, rt: ClusterRuntime): Promise<Candidate[]> {
  const alive = replicaRuntimes(rt).filter(
    (r) => r.instance.running && !r.needsClone && livePod(ctx, rt.namespace, r.name),
  );
  const statuses: InstanceStatus[] = [];
  for (const r of alive) {
    const status = await readStatus(r.instance).catch(() => undefined);
    if (status && !status.isPrimary) statuses.push(status);
  }
  statuses.sort(compareCandidates);
  return statuses.flatMap((s) => {
    const inst = rt.instances.get(s.name);
    return inst ? [{ inst, received: s.receivedLsn ?? '-', replayed: s.replayLsn ?? '-' }] : [];
  });
}

/** AreWalReceiversDown: no active instance but the old primary runs a WAL receiver. */
async function walReceiversDown(ctx: ControllerContext, rt: ClusterRuntime): Promise<boolean> {
  for (const r of replicaRuntimes(rt)) {
    if (!r.instance.running || !livePod(ctx, rt.namespace, r.name)) continue;
    if (await walReceiverActive(r.instance).catch(() => false)) return false;
  }
  return true;
}

function status(ctx: ControllerContext, rt: ClusterRuntime): Record<string, unknown> {
  return ctx.store.get(CLUSTERS, rt.namespace, rt.name)?.status ?? {};
}

/** True while spec.failoverDelay has not elapsed since the primary started failing. */
function waitingOnFailoverDelay(ctx: ControllerContext, rt: ClusterRuntime, cl: ClusterView) {
  if (cl.failoverDelaySeconds <= 0) return false;
  let since = status(ctx, rt).currentPrimaryFailingSinceTimestamp;
  if (typeof since !== 'string' || since === '') {
    since = rfc3339Micro();
    patchClusterStatus(ctx, rt, (s) => {
      s.currentPrimaryFailingSinceTimestamp = since;
    });
  }
  return Date.now() - Date.parse(since as string) < cl.failoverDelaySeconds * 1000;
}

function clearFailingSince(ctx: ControllerContext, rt: ClusterRuntime): void {
  if (status(ctx, rt).currentPrimaryFailingSinceTimestamp === undefined) return;
  patchClusterStatus(ctx, rt, (s) => {
    delete s.currentPrimaryFailingSinceTimestamp;
  });
}

function startFailover(ctx: ControllerContext, rt: ClusterRuntime, cluster: KubeObject): void {
  const old = String(status(ctx, rt).currentPrimary);
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
  setPodRole(ctx, rt.namespace, old, 'unhealthy');
}

function chooseTarget(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
  best: string,
): void {
  const { currentPrimary: old, targetPrimary: target } = status(ctx, rt) as Record<string, string>;
  if (target === PENDING_FAILOVER) {
    const reason = `Failing over from ${old} to ${best}`;
    recordEvent(ctx, cluster, 'Normal', 'FailoverTarget', reason);
    setPhase(ctx, rt, PHASE.failOver, reason);
  } else {
    const message = `Target primary isn't healthy, switching target from ${target} to ${best}`;
    recordEvent(ctx, cluster, 'Normal', 'FailingOver', message);
    setPhase(ctx, rt, PHASE.switchover, `Switching over to ${best}`);
  }
  setTargetPrimary(ctx, rt, best);
}

/**
 * One failover step when the primary fails and a standby reports; 'proceed' when there is
 * nothing to do (with no standby the old primary's pod is recreated and it restarts).
 */
export async function reconcileFailover(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
  cl: ClusterView,
): Promise<SwitchStep> {
  const old = primaryRuntime(rt);
  if (!old || !primaryFailing(ctx, rt)) {
    clearFailingSince(ctx, rt);
    return 'proceed';
  }
  if ((await candidates(ctx, rt)).length === 0) return 'proceed';
  ctx.enqueue(rt.namespace, rt.name, REQUEUE_MS);
  if (waitingOnFailoverDelay(ctx, rt, cl)) return 'wait';
  const s = status(ctx, rt);
  if (s.targetPrimary === s.currentPrimary) startFailover(ctx, rt, cluster);
  if (!(await walReceiversDown(ctx, rt))) {
    ctx.log(`${rt.namespace}/${rt.name}: waiting for all WAL receivers to be down`);
    return 'wait';
  }
  // Ranked now that no WAL arrives any more (CNPG reads both from one status list).
  const ranked = await candidates(ctx, rt);
  const best = ranked[0]?.inst;
  if (!best) return 'wait';
  ctx.log(
    `${rt.namespace}/${rt.name}: failover candidates ` +
      ranked
        .map((c) => `${c.inst.name} (received ${c.received}, replayed ${c.replayed})`)
        .join(', '),
  );
  chooseTarget(ctx, rt, cluster, best.name);
  old.needsClone = true;
  old.neverReturns = ctx.faults.get().primaryNeverReturns;
  return 'wait';
}
