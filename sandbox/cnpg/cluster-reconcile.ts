// One reconcile pass over a Cluster, level-based like CNPG's: make the objects exist,
// bootstrap the first primary, act on a requested switchover or a lost primary, bring every
// instance's pod and server up, scale, keep standbys attached, apply parameters and
// synchronous replication, and finally write the status. Passes of one Cluster never overlap.
import type { KubeObject } from '../kube/types.ts';
import { readStatus } from '../postgres/status.ts';
import { readCluster } from './cluster-spec.ts';
import type { ClusterView } from './cluster-spec.ts';
import { bootstrapPrimary } from './bootstrap.ts';
import { adoptOrphans, reconcileDeletion } from './cluster-deletion.ts';
import {
  RESTART_BACKOFF_MS,
  cloneAndStart,
  createReplica,
  ensurePod,
  removeInstance,
  startInstance,
} from './instances.ts';
import { cleanupCompletedJobs } from './jobs.ts';
import { ensureLeaseObject } from './lease.ts';
import { instancePods, podIsReady, setPodRole, setPodState } from './pods.ts';
import { holdPrimaryLease } from './promotion.ts';
import { CLUSTERS, PHASE, PODS } from './resources.ts';
import { checkStopping, primaryRuntime, replicaRuntimes, sortedInstances } from './runtime.ts';
import type { ClusterRuntime, ControllerContext, InstanceRuntime } from './runtime.ts';
import { resolveApplication } from './secrets.ts';
import { ensureServiceObjects } from './services.ts';
import { reconcileSuperuserPassword, reconcileSuperuserSecret } from './superuser.ts';
import { reconcileStandbys } from './standbys.ts';
import { patchClusterStatus, setCurrentPrimary, setPhase, writeSteadyStatus } from './status.ts';
import { reconcilePrimarySwitch } from './switchover.ts';
import { applySynchronousStandbyNames } from './sync-replication.ts';

export type PassResult = 'deleted' | 'done';

async function bringUp(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
  cl: ClusterView,
  inst: InstanceRuntime,
): Promise<void> {
  const pod = ctx.store.get(PODS, rt.namespace, inst.name);
  if (pod?.metadata.deletionTimestamp || inst.demoting) return;
  const isPrimary = inst.name === rt.primary;
  if (!pod) ensurePod(ctx, cluster, cl, inst, isPrimary ? 'primary' : 'replica');
  if (inst.instance.running) {
    setPodState(ctx, rt.namespace, inst, 'ready');
    return;
  }
  const waited = Date.now() - inst.lastStartAttempt;
  if (inst.failure !== undefined && waited < RESTART_BACKOFF_MS) {
    ctx.enqueue(rt.namespace, rt.name, RESTART_BACKOFF_MS - waited);
    return;
  }
  checkStopping(ctx);
  const ok =
    inst.needsClone && !isPrimary
      ? await cloneAndStart(ctx, rt, inst)
      : await startInstance(ctx, rt, inst);
  if (ok && !isPrimary) setPodRole(ctx, rt.namespace, inst.name, 'replica');
  if (ok && isPrimary) inst.needsClone = false;
}

/** Pods and servers for every instance: recreated pods, restarts, re-clones. */
async function reconcileInstances(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
  cl: ClusterView,
): Promise<void> {
  const primary = primaryRuntime(rt);
  const ordered = primary ? [primary, ...replicaRuntimes(rt)] : sortedInstances(rt);
  for (const inst of ordered) {
    if (inst.removing || inst.neverReturns) continue;
    await bringUp(ctx, rt, cluster, cl, inst);
  }
}

async function reconcileScale(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
  cl: ClusterView,
): Promise<void> {
  while (rt.instances.size < cl.instances && primaryRuntime(rt)?.instance.running) {
    checkStopping(ctx);
    await createReplica(ctx, rt, cluster, cl);
  }
  while (rt.instances.size > cl.instances) {
    const victim = replicaRuntimes(rt).at(-1);
    if (!victim) break;
    ctx.log(`${rt.namespace}/${rt.name}: scaling down, removing ${victim.name}`);
    await removeInstance(ctx, rt, victim);
  }
}

async function applyParameters(rt: ClusterRuntime, cl: ClusterView): Promise<void> {
  const wanted = JSON.stringify(cl.parameters);
  for (const inst of sortedInstances(rt)) {
    if (JSON.stringify(inst.instance.parameters) === wanted || !inst.instance.hasData) continue;
    await inst.instance.setParameters(cl.parameters);
  }
}

/** currentPrimary when the first start of the bootstrapped primary only succeeded later. */
async function recordPrimary(ctx: ControllerContext, rt: ClusterRuntime): Promise<void> {
  const primary = primaryRuntime(rt);
  const status = ctx.store.get(CLUSTERS, rt.namespace, rt.name)?.status;
  if (!primary?.instance.running || status?.currentPrimary === primary.name) return;
  if (status?.targetPrimary !== primary.name) return;
  const pg = await readStatus(primary.instance);
  setCurrentPrimary(ctx, rt, primary.name, pg.timeline);
  patchClusterStatus(ctx, rt, (s) => {
    s.systemID = pg.systemId;
  });
}

async function bootstrapIfNeeded(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
  cl: ClusterView,
): Promise<boolean> {
  const app = resolveApplication(ctx, cluster, cl);
  if (rt.primary) return true;
  if (typeof app === 'string') {
    setPhase(ctx, rt, PHASE.firstPrimary, app);
    ctx.enqueue(rt.namespace, rt.name, 2000);
    return false;
  }
  await bootstrapPrimary(ctx, rt, cluster, cl, app);
  return rt.primary !== undefined;
}

export async function reconcileCluster(
  ctx: ControllerContext,
  rt: ClusterRuntime,
): Promise<PassResult> {
  const cluster = ctx.store.get(CLUSTERS, rt.namespace, rt.name);
  const gone = !cluster || cluster.metadata.deletionTimestamp !== undefined;
  const replaced = !gone && cluster.metadata.uid !== rt.uid;
  const adoption = replaced ? await adoptOrphans(ctx, rt, cluster) : 'none';
  if (adoption === 'waiting') return 'done';
  if (!cluster || gone || (replaced && adoption === 'none'))
    return (await reconcileDeletion(ctx, rt)) === 'deleted' ? 'deleted' : 'done';
  const cl = readCluster(cluster);
  ensureServiceObjects(ctx, cluster, cl);
  reconcileSuperuserSecret(ctx, cluster, cl);
  ensureLeaseObject(ctx, cluster, cl);
  if (!(await bootstrapIfNeeded(ctx, rt, cluster, cl))) return 'done';
  if ((await reconcilePrimarySwitch(ctx, rt, cluster, cl)) === 'wait') return 'done';
  checkStopping(ctx);
  await reconcileInstances(ctx, rt, cluster, cl);
  await reconcileScale(ctx, rt, cluster, cl);
  await reconcileStandbys(ctx, rt);
  await applyParameters(rt, cl);
  await applySynchronousStandbyNames(ctx, rt, cl);
  await recordPrimary(ctx, rt);
  await reconcileSuperuserPassword(ctx, rt, cluster, cl);
  holdPrimaryLease(ctx, rt, cl);
  if (instancePods(ctx.store, rt.namespace, rt.name).filter(podIsReady).length === cl.instances)
    cleanupCompletedJobs(ctx, rt.namespace, rt.name);
  writeSteadyStatus(ctx, rt, cl);
  return 'done';
}
