// Switchover requested through status.targetPrimary (what `kubectl cnpg promote` patches,
// facts §2): the old primary is labelled unhealthy and shut down cleanly (fast: its WAL
// senders flush everything to the standbys first), the target is promoted, and the old
// primary rejoins as a replica (re-cloned from the new primary by the instance reconcile).
import type { KubeObject } from '../kube/types.ts';
import type { ClusterView } from './cluster-spec.ts';
import { recordEvent } from './events.ts';
import { livePod, setPodRole, setPodState } from './pods.ts';
import { promoteTo } from './promotion.ts';
import { PENDING_FAILOVER, PHASE } from './resources.ts';
import { primaryRuntime } from './runtime.ts';
import type { ClusterRuntime, ControllerContext } from './runtime.ts';
import { setPhase, setTargetPrimary } from './status.ts';

function requestedTarget(cluster: KubeObject, rt: ClusterRuntime): string | undefined {
  const target = cluster.status?.targetPrimary;
  if (typeof target !== 'string' || target === '' || target === PENDING_FAILOVER) return undefined;
  return target === rt.primary ? undefined : target;
}

/** Performs a requested switchover; true when it did something (or rejected the request). */
export async function reconcileSwitchover(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
  cl: ClusterView,
): Promise<boolean> {
  const name = requestedTarget(cluster, rt);
  const old = primaryRuntime(rt);
  if (!name || !old?.instance.running) return false;
  const target = rt.instances.get(name);
  if (!target || target.neverReturns) {
    recordEvent(
      ctx,
      cluster,
      'Warning',
      'SwitchoverRejected',
      `Instance ${name} does not exist, staying on ${old.name}`,
    );
    setTargetPrimary(ctx, rt, old.name);
    return true;
  }
  if (!target.instance.running || target.needsClone || !livePod(ctx, rt.namespace, name)) {
    ctx.enqueue(rt.namespace, rt.name, 1000);
    return false;
  }
  recordEvent(
    ctx,
    cluster,
    'Normal',
    'SwitchingOver',
    `Switching over from ${old.name} to ${name}`,
  );
  setPhase(ctx, rt, PHASE.switchover, `Switching over to ${name}`);
  setPodRole(ctx, rt.namespace, old.name, 'unhealthy');
  await old.instance.stop('fast');
  old.needsClone = true;
  setPodState(ctx, rt.namespace, old, 'pending');
  await promoteTo(ctx, rt, cl, target);
  return true;
}
