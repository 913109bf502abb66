// The part failover and switchover share: promote the target, record it as currentPrimary
// (what the new primary's instance manager writes), move the role labels (so `-rw` follows by
// selector), point the other standbys at it and restore synchronous replication.
import { followPrimary, promote } from '../postgres/replication.ts';
import { readStatus } from '../postgres/status.ts';
import type { ClusterView } from './cluster-spec.ts';
import { setPodRole } from './pods.ts';
import type { ClusterRuntime, ControllerContext, InstanceRuntime } from './runtime.ts';
import { replicaRuntimes } from './runtime.ts';
import { setCurrentPrimary } from './status.ts';
import {
  applySynchronousStandbyNames,
  prepareSynchronousStandbyNames,
} from './sync-replication.ts';

export async function promoteTo(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cl: ClusterView,
  target: InstanceRuntime,
): Promise<void> {
  await prepareSynchronousStandbyNames(ctx, rt, cl, target);
  await promote(target.instance);
  rt.primary = target.name;
  const status = await readStatus(target.instance);
  setCurrentPrimary(ctx, rt, target.name, status.timeline);
  setPodRole(ctx, rt.namespace, target.name, 'primary');
  ctx.log(`${rt.namespace}/${rt.name}: ${target.name} promoted (timeline ${status.timeline})`);
  for (const other of replicaRuntimes(rt)) {
    if (other.needsClone || !other.instance.running) continue;
    setPodRole(ctx, rt.namespace, other.name, 'replica');
    await followPrimary(other.instance, target.instance).catch((err: unknown) => {
      ctx.log(`${rt.namespace}/${other.name}: cannot follow ${target.name}: ${String(err)}`);
    });
  }
  await applySynchronousStandbyNames(ctx, rt, cl);
}
