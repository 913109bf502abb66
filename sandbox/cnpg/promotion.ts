// The instance manager of the target primary (internal/management/controller/
// instance_controller.go reconcilePrimary, handlePromotion): it acquires the primary lease
// (lease.ts: at once when released, after a full lease duration when its holder was lost),
// waits until its own WAL receiver has stopped, promotes, writes currentPrimary and drops the
// client connections it served as a standby. Then the operator's part: role labels (so `-rw`
// follows by selector), the other standbys follow the new primary, synchronous replication.
import { followPrimary, promote, walReceiverActive } from '../postgres/replication.ts';
import { readStatus } from '../postgres/status.ts';
import type { ClusterView } from './cluster-spec.ts';
import { livePod, setPodRole } from './pods.ts';
import { CLUSTERS } from './resources.ts';
import { replicaRuntimes, sleep } from './runtime.ts';
import type { ClusterRuntime, ControllerContext, InstanceRuntime } from './runtime.ts';
import { setCurrentPrimary } from './status.ts';
import {
  applySynchronousStandbyNames,
  prepareSynchronousStandbyNames,
} from './sync-replication.ts';

const POLL_MS = 250;

/** Ends the sessions a promoted standby served (instance.go DropConnections). */
async function dropConnections(inst: InstanceRuntime): Promise<void> {
  await inst.instance
    .query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'
         AND application_name <> 'pgha-sandbox'`,
    )
    .catch(() => undefined);
}

export async function promoteTo(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cl: ClusterView,
  target: InstanceRuntime,
): Promise<void> {
  await prepareSynchronousStandbyNames(ctx, rt, cl, target);
  await promote(target.instance);
  rt.primary = target.name;
  target.needsClone = false;
  const status = await readStatus(target.instance);
  // CNPG drops them right after writing currentPrimary; first here, so that a client that
  // connects as soon as it sees currentPrimary is not among them.
  await dropConnections(target);
  setCurrentPrimary(ctx, rt, target.name, status.timeline);
  ctx.log(`${rt.namespace}/${rt.name}: ${target.name} promoted (timeline ${status.timeline})`);
  setPodRole(ctx, rt.namespace, target.name, 'primary');
  for (const other of replicaRuntimes(rt)) {
    if (livePod(ctx, rt.namespace, other.name))
      setPodRole(ctx, rt.namespace, other.name, 'replica');
    if (other.needsClone || !other.instance.running) continue;
    await followPrimary(other.instance, target.instance).catch((err: unknown) => {
      ctx.log(`${rt.namespace}/${other.name}: cannot follow ${target.name}: ${String(err)}`);
    });
  }
  await applySynchronousStandbyNames(ctx, rt, cl);
}

function isTarget(ctx: ControllerContext, rt: ClusterRuntime, name: string): boolean {
  const cluster = ctx.store.get(CLUSTERS, rt.namespace, rt.name);
  return (
    !ctx.stopping() && cluster?.metadata.uid === rt.uid && cluster.status?.targetPrimary === name
  );
}

async function runPromotion(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cl: ClusterView,
  name: string,
): Promise<void> {
  const go = () => isTarget(ctx, rt, name);
  const ready = () => {
    const inst = rt.instances.get(name);
    return inst?.instance.running === true && !inst.needsClone;
  };
  while (go() && !ready()) await sleep(POLL_MS);
  if (!go() || !(await rt.lease.acquire(name, cl.primaryLease, go))) return;
  const inst = rt.instances.get(name);
  if (!inst) return;
  ctx.log(`${rt.namespace}/${name}: holds the primary lease, waiting for its WAL receiver to stop`);
  while (go() && (await walReceiverActive(inst.instance).catch(() => true))) await sleep(POLL_MS);
  if (go()) await promoteTo(ctx, rt, cl, inst);
}

/** Starts the target's promotion unless one runs; the reconcile pass goes on meanwhile. */
export function startPromotion(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cl: ClusterView,
  target: string,
): void {
  if (rt.promotion) return;
  const task = { target };
  rt.promotion = task;
  void runPromotion(ctx, rt, cl, target)
    .catch((err: unknown) => {
      if (!ctx.stopping()) ctx.log(`${rt.namespace}/${target}: promotion failed: ${String(err)}`);
    })
    .finally(() => {
      if (rt.promotion === task) rt.promotion = undefined;
      ctx.enqueue(rt.namespace, rt.name);
    });
}

const acquiring = new WeakSet<ClusterRuntime>();

/**
 * A running primary's instance manager holds the lease (its own at once, a released one on
 * the first poll): after bootstrap, or when its pod was recreated without a failover.
 */
export function holdPrimaryLease(ctx: ControllerContext, rt: ClusterRuntime, cl: ClusterView) {
  const name = rt.primary;
  const primary = name ? rt.instances.get(name) : undefined;
  if (!name || !primary?.instance.running || rt.lease.holder === name || acquiring.has(rt)) return;
  acquiring.add(rt);
  const go = () => rt.primary === name && primary.instance.running;
  void rt.lease
    .acquire(name, cl.primaryLease, go)
    .catch(() => false)
    .finally(() => acquiring.delete(rt));
}
