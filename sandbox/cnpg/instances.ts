// Creating, starting and removing instances: replicas cloned from the primary (the
// `<pod>-join` job), restarts on the existing data directory after a pod is recreated (the
// first primary is bootstrap.ts).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '../kube/types.ts';
import { Instance } from '../postgres/instance.ts';
import { freePort } from '../postgres/ports.ts';
import { cloneStandby, dropSlot } from '../postgres/replication.ts';
import type { ClusterView } from './cluster-spec.ts';
import { recordEvent } from './events.ts';
import { buildPod, deletePvcs, ensurePvcs, setPodState } from './pods.ts';
import { PHASE, PODS, instanceName } from './resources.ts';
import type { InstanceRole } from './resources.ts';
import { checkStopping, primaryRuntime } from './runtime.ts';
import type { ClusterRuntime, ControllerContext, InstanceRuntime } from './runtime.ts';
import { setPhase } from './status.ts';

/** Minimum time between two start attempts of a failing instance (CrashLoopBackOff). */
export const RESTART_BACKOFF_MS = 2000;

export async function newInstanceRuntime(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cl: ClusterView,
  serial: number,
): Promise<InstanceRuntime> {
  const name = instanceName(rt.name, serial);
  const instance = new Instance({
    name,
    dir: join(rt.dir, name),
    port: await freePort(),
    socketDir: ctx.socketDir,
    user: ctx.user,
    parameters: cl.parameters,
    ...(ctx.backup ? { archive: ctx.backup.archiveHook(rt.namespace, name) } : {}),
    onExit: () => {
      ctx.enqueue(rt.namespace, rt.name);
    },
  });
  const inst: InstanceRuntime = {
    serial,
    name,
    instance,
    needsClone: true,
    neverReturns: false,
    removing: false,
    failure: undefined,
    restartCount: 0,
    lastStartAttempt: 0,
    notStreamingSince: undefined,
  };
  rt.instances.set(name, inst);
  return inst;
}

/** Lowest serial not in use (CNPG refills gaps first). */
export function nextSerial(rt: ClusterRuntime): number {
  let serial = 1;
  while ([...rt.instances.values()].some((i) => i.serial === serial)) serial++;
  return serial;
}

export function ensurePod(
  ctx: ControllerContext,
  cluster: KubeObject,
  cl: ClusterView,
  inst: InstanceRuntime,
  role: InstanceRole,
): void {
  if (ctx.store.get(PODS, cl.namespace, inst.name)) return;
  ctx.store.create(PODS, buildPod(cluster, cl, inst, role));
}

/** Starts the instance's server as its pod's container would; false when it fails. */
export async function startInstance(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  inst: InstanceRuntime,
): Promise<boolean> {
  checkStopping(ctx);
  inst.lastStartAttempt = Date.now();
  try {
    if (ctx.faults.get().failingInstances.includes(inst.name)) {
      throw new Error('PostgreSQL failed to start (injected: faults.failingInstances)');
    }
    await inst.instance.start();
    inst.failure = undefined;
    setPodState(ctx, rt.namespace, inst, 'ready');
    return true;
  } catch (err) {
    inst.failure = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    inst.restartCount++;
    setPodState(ctx, rt.namespace, inst, 'not-ready');
    ctx.log(`${rt.namespace}/${inst.name}: start failed: ${String(err)}`);
    return false;
  }
}

/** (Re)builds a replica's data directory from the running primary and starts it. */
export async function cloneAndStart(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  inst: InstanceRuntime,
): Promise<boolean> {
  const primary = primaryRuntime(rt);
  if (!primary?.instance.running) return false;
  setPodState(ctx, rt.namespace, inst, 'pending');
  await inst.instance.stop('fast');
  inst.instance.parameters = primary.instance.parameters;
  await cloneStandby(primary.instance, inst.instance);
  inst.needsClone = false;
  checkStopping(ctx);
  return startInstance(ctx, rt, inst);
}

/** Scale up by one: PVC, join "job" (clone), pod, start. */
export async function createReplica(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
  cl: ClusterView,
): Promise<void> {
  const inst = await newInstanceRuntime(ctx, rt, cl, nextSerial(rt));
  ensurePvcs(ctx, cluster, cl, inst);
  recordEvent(ctx, cluster, 'Normal', 'CreatingInstance', `Creating instance ${inst.name}`);
  setPhase(ctx, rt, PHASE.creatingReplica, `Creating replica ${inst.name}-join`);
  ensurePod(ctx, cluster, cl, inst, 'replica');
  await cloneAndStart(ctx, rt, inst);
}

/** Scale down: stops the server, deletes pod and PVCs, drops its slot and data. */
export async function removeInstance(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  inst: InstanceRuntime,
): Promise<void> {
  inst.removing = true;
  await inst.instance.stop('fast');
  if (ctx.store.get(PODS, rt.namespace, inst.name)) ctx.store.delete(PODS, rt.namespace, inst.name);
  deletePvcs(ctx, rt.namespace, inst.name);
  const primary = primaryRuntime(rt);
  if (primary?.instance.running) await dropSlot(primary.instance, inst.name);
  await rm(inst.instance.dir, { recursive: true, force: true });
  rt.instances.delete(inst.name);
}
