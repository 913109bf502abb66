// Creating, starting and removing instances: the first primary via initdb (CNPG's
// `<pod>-initdb` job, emulated by a temporary server), replicas cloned from the primary
// (the `<pod>-join` job), restarts on the existing data directory after a pod is recreated.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '../kube/types.ts';
import { ensureApplicationDatabase, runStatements } from '../postgres/bootstrap.ts';
import { runRecoveryJob } from './recovery-job.ts';
import type { ApplicationDatabase } from '../postgres/bootstrap.ts';
import { Instance } from '../postgres/instance.ts';
import { freePort } from '../postgres/ports.ts';
import { cloneStandby, dropSlot, ensureReplicationUser } from '../postgres/replication.ts';
import { readStatus } from '../postgres/status.ts';
import type { ClusterView } from './cluster-spec.ts';
import { recordEvent } from './events.ts';
import { buildPod, deletePvcs, ensurePvcs, setPodState } from './pods.ts';
import { PHASE, PODS, instanceName } from './resources.ts';
import type { InstanceRole } from './resources.ts';
import { checkStopping, primaryRuntime } from './runtime.ts';
import type { ClusterRuntime, ControllerContext, InstanceRuntime } from './runtime.ts';
import {
  initializedCondition,
  patchClusterStatus,
  setCurrentPrimary,
  setPhase,
  withCondition,
} from './status.ts';
import { rfc3339Micro } from './resources.ts';

/** Minimum time between two start attempts of a failing instance (CrashLoopBackOff). */
export const RESTART_BACKOFF_MS = 2000;
/** Time before a failed bootstrap job is tried again (Kubernetes' job backoff, shortened). */
const JOB_RETRY_MS = 5000;

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

async function runInitdbJob(
  ctx: ControllerContext,
  inst: InstanceRuntime,
  cl: ClusterView,
  app: ApplicationDatabase,
): Promise<void> {
  const { instance } = inst;
  await instance.removeData();
  await instance.initdb({ encoding: cl.initdb.encoding, locale: cl.initdb.locale });
  checkStopping(ctx);
  await instance.start();
  try {
    await ensureReplicationUser(instance);
    await runStatements(instance, 'template1', cl.initdb.postInitTemplateSQL);
    await runStatements(instance, 'postgres', cl.initdb.postInitSQL);
    await ensureApplicationDatabase(instance, app);
    await runStatements(instance, app.database, cl.initdb.postInitApplicationSQL);
  } finally {
    await instance.stop('fast');
  }
  inst.needsClone = false;
  checkStopping(ctx);
}

const JOB_SUFFIX = { initdb: 'initdb', recovery: 'full-recovery' } as const;

/**
 * The initdb or full-recovery job, after the guard against archiving into a serverName that
 * holds WAL; false (phase reason and event say why) when it failed.
 */
async function runBootstrapJob(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  inst: InstanceRuntime,
  cluster: KubeObject,
  cl: ClusterView,
  app: ApplicationDatabase,
): Promise<boolean> {
  const job = `${inst.name}-${JOB_SUFFIX[cl.bootstrap]}`;
  inst.lastStartAttempt = Date.now();
  try {
    await ctx.backup?.checkEmptyArchive(cluster);
    if (cl.bootstrap === 'recovery') await runRecoveryJob(ctx, inst, cluster, app);
    else await runInitdbJob(ctx, inst, cl, app);
    inst.failure = undefined;
    return true;
  } catch (err) {
    checkStopping(ctx);
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
    recordEvent(ctx, cluster, 'Warning', 'JobFailed', `Job ${job} failed: ${message}`);
    inst.failure = `Job ${job} failed: ${message}`;
    setPhase(ctx, rt, PHASE.firstPrimary, inst.failure);
    await inst.instance.stop('immediate');
    ctx.enqueue(rt.namespace, rt.name, JOB_RETRY_MS);
    return false;
  }
}

/** Bootstrap: PVC, initdb job, primary pod, currentPrimary. */
export async function bootstrapPrimary(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
  cl: ClusterView,
  app: ApplicationDatabase,
): Promise<void> {
  const inst =
    rt.instances.get(instanceName(rt.name, 1)) ?? (await newInstanceRuntime(ctx, rt, cl, 1));
  const waited = Date.now() - inst.lastStartAttempt;
  if (inst.needsClone && inst.failure !== undefined && waited < JOB_RETRY_MS) {
    ctx.enqueue(rt.namespace, rt.name, JOB_RETRY_MS - waited);
    return;
  }
  ensurePvcs(ctx, cluster, cl, inst);
  const job = `${inst.name}-${JOB_SUFFIX[cl.bootstrap]}`;
  recordEvent(
    ctx,
    cluster,
    'Normal',
    'CreatingInstance',
    `Primary instance (${JOB_SUFFIX[cl.bootstrap]})`,
  );
  setPhase(ctx, rt, PHASE.firstPrimary, `Creating primary instance ${job}`, (s) => {
    s.targetPrimary = inst.name;
    s.targetPrimaryTimestamp = rfc3339Micro();
    s.conditions = withCondition(s.conditions, initializedCondition(false));
  });
  if (inst.needsClone && !(await runBootstrapJob(ctx, rt, inst, cluster, cl, app))) return;
  rt.primary = inst.name;
  ensurePod(ctx, cluster, cl, inst, 'primary');
  if (!(await startInstance(ctx, rt, inst))) return;
  const status = await readStatus(inst.instance);
  setCurrentPrimary(ctx, rt, inst.name, status.timeline);
  patchClusterStatus(ctx, rt, (s) => {
    s.systemID = status.systemId;
  });
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
