// What happens to a Cluster's instances when the Cluster goes, as on a real cluster: CNPG
// has no finalizer, so the garbage collector deletes the pods (gracefully: the kubelet stops
// each server) and the PVCs, which pvc-protection keeps until their pods are gone; a data
// directory goes with its PVC (its volume is reclaimed). PVCs left without an owner (delete
// with propagationPolicy Orphan) keep their data, and a new Cluster of the same name adopts
// them instead of bootstrapping (internal/controller/cluster_restore.go): it deletes orphan
// pods and services, takes the PVCs over, and restores targetPrimary and Initialized.
import { rm } from 'node:fs/promises';
import type { KubeObject } from '../kube/types.ts';
import { readCluster } from './cluster-spec.ts';
import { ensurePod } from './instances.ts';
import {
  ANNOTATION,
  CLUSTERS,
  LABEL,
  PODS,
  PVCS,
  SERVICES,
  instanceName,
  ownerReference,
} from './resources.ts';
import type { ClusterRuntime, ControllerContext } from './runtime.ts';
import { patchClusterStatus, withCondition } from './status.ts';

const RECHECK_MS = 200;
const unowned = (o: KubeObject) => (o.metadata.ownerReferences ?? []).length === 0;

function ofCluster(ctx: ControllerContext, ref: typeof PODS, ns: string, name: string) {
  return ctx.store.list(ref, ns, { labelSelector: `${LABEL.cluster}=${name}` });
}

/**
 * The Cluster is gone, being deleted, or replaced: servers without a pod are stopped, data
 * directories whose PVC is gone are removed. 'deleted' when no instance is left; else the
 * runtime stays (pods still terminating, or orphaned PVCs holding data).
 */
export async function reconcileDeletion(
  ctx: ControllerContext,
  rt: ClusterRuntime,
): Promise<'deleted' | 'kept'> {
  let terminating = false;
  for (const inst of [...rt.instances.values()]) {
    const pod = ctx.store.get(PODS, rt.namespace, inst.name);
    const pvc = ctx.store.get(PVCS, rt.namespace, inst.name);
    terminating ||= Boolean(pod?.metadata.deletionTimestamp ?? pvc?.metadata.deletionTimestamp);
    if (pod) continue;
    if (inst.instance.running) await inst.instance.stop('fast');
    if (pvc) continue;
    await rm(inst.instance.dir, { recursive: true, force: true });
    rt.instances.delete(inst.name);
    ctx.log(`${rt.namespace}/${inst.name}: PVC deleted, data directory removed`);
  }
  if (rt.instances.size === 0) {
    ctx.log(`${rt.namespace}/${rt.name}: deleted, its pods and PVCs are gone`);
    return 'deleted';
  }
  if (terminating) ctx.enqueue(rt.namespace, rt.name, RECHECK_MS);
  return 'kept';
}

function initialized(cluster: KubeObject): boolean {
  const conditions = (cluster.status?.conditions ?? []) as { type: string; status: string }[];
  return conditions.some((c) => c.type === 'Initialized' && c.status === 'True');
}

/** Orphan pods and services of the name go first (ensureOrphanPodsAreDeleted & co). */
function deleteOrphans(ctx: ControllerContext, ns: string, name: string): boolean {
  const pods = ofCluster(ctx, PODS, ns, name).filter(unowned);
  for (const p of pods)
    if (!p.metadata.deletionTimestamp) ctx.store.delete(PODS, ns, p.metadata.name);
  for (const suffix of ['rw', 'ro', 'r']) {
    const svc = ctx.store.get(SERVICES, ns, `${name}-${suffix}`);
    if (svc && unowned(svc)) ctx.store.delete(SERVICES, ns, svc.metadata.name);
  }
  return pods.length > 0;
}

/** targetPrimary: the runtime's primary when its PVC is adopted, else the highest serial. */
function primarySerial(rt: ClusterRuntime, serials: number[]): number {
  const known = rt.primary ? rt.instances.get(rt.primary)?.serial : undefined;
  return known !== undefined && serials.includes(known) ? known : Math.max(...serials);
}

function takeOver(ctx: ControllerContext, cluster: KubeObject, pvcs: KubeObject[]): void {
  for (const pvc of pvcs)
    ctx.store.mutate(PVCS, pvc.metadata.namespace, pvc.metadata.name, (p) => {
      p.metadata.ownerReferences = [ownerReference(cluster)];
      p.metadata.annotations = { ...p.metadata.annotations, [ANNOTATION.pvcStatus]: 'ready' };
    });
}

/**
 * A new Cluster that finds PVCs of its name without an owner adopts them: 'adopted' once
 * its status and PVCs are restored, 'waiting' while orphan pods go, 'none' when there is
 * nothing to adopt.
 */
export async function adoptOrphans(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
): Promise<'adopted' | 'waiting' | 'none'> {
  if (initialized(cluster)) return 'none';
  const pvcs = ofCluster(ctx, PVCS, rt.namespace, rt.name).filter(
    (p) =>
      unowned(p) &&
      !p.metadata.deletionTimestamp &&
      p.metadata.annotations?.[ANNOTATION.nodeSerial] !== undefined &&
      rt.instances.has(p.metadata.labels?.[LABEL.instanceName] ?? ''),
  );
  if (pvcs.length === 0) return 'none';
  if (deleteOrphans(ctx, rt.namespace, rt.name)) {
    ctx.enqueue(rt.namespace, rt.name, RECHECK_MS);
    return 'waiting';
  }
  const serials = pvcs.map((p) => Number(p.metadata.annotations?.[ANNOTATION.nodeSerial]));
  const primary = instanceName(rt.name, primarySerial(rt, serials));
  takeOver(ctx, cluster, pvcs);
  rt.uid = cluster.metadata.uid ?? '';
  rt.primary = primary;
  const adopted = new Set(pvcs.map((p) => p.metadata.labels?.[LABEL.instanceName]));
  const cl = readCluster(cluster);
  for (const inst of [...rt.instances.values()]) {
    if (!adopted.has(inst.name)) {
      rt.instances.delete(inst.name);
      await rm(inst.instance.dir, { recursive: true, force: true });
      continue;
    }
    Object.assign(inst, {
      needsClone: false,
      removing: false,
      neverReturns: false,
      failure: undefined,
    });
    ensurePod(ctx, cluster, cl, inst, inst.name === primary ? 'primary' : 'replica');
  }
  patchClusterStatus(ctx, rt, (s) => {
    s.targetPrimary = primary;
    s.conditions = withCondition(s.conditions, {
      type: 'Initialized',
      status: 'True',
      reason: 'BootstrapCompleted',
      message: 'Cluster has been bootstrapped',
    });
  });
  ctx.log(`${rt.namespace}/${rt.name}: adopted orphan PVCs ${[...adopted].join(', ')}`);
  return ctx.store.get(CLUSTERS, rt.namespace, rt.name) ? 'adopted' : 'none';
}
