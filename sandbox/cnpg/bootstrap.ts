// Bootstrapping the first primary as CNPG does (internal/controller/cluster_create.go):
// its PVC, a batch/v1 Job `<cluster>-1-initdb` or `<cluster>-1-full-recovery` (event
// CreatingInstance "Primary instance (initdb)" / "(from backup)", phase `Setting up primary`
// with reason `Creating primary instance <cluster>-1`, kept while the Job retries), then
// the primary's pod and currentPrimary. A Job past its backoff limit makes the Cluster
// `Cluster is unrecoverable and needs manual intervention` (cluster_controller.go).
import { writeFile, chown } from 'node:fs/promises';
import { join } from 'node:path';
import { CHECK_EMPTY_WAL_ARCHIVE_FILE } from '../backup/archiver.ts';
import type { KubeObject } from '../kube/types.ts';
import { ensureApplicationDatabase, runStatements } from '../postgres/bootstrap.ts';
import type { ApplicationDatabase } from '../postgres/bootstrap.ts';
import { ensureReplicationUser } from '../postgres/replication.ts';
import { readStatus } from '../postgres/status.ts';
import type { ClusterView } from './cluster-spec.ts';
import { recordEvent } from './events.ts';
import { ensurePod, newInstanceRuntime, startInstance } from './instances.ts';
import { runJobPod } from './job-runner.ts';
import type { JobLog } from './job-runner.ts';
import { ensureJob, jobState } from './jobs.ts';
import type { JobRole } from './jobs.ts';
import { ensurePvcs } from './pods.ts';
import { runRecoveryJob } from './recovery-job.ts';
import { JOBS, PHASE, instanceName, rfc3339Micro } from './resources.ts';
import { checkStopping } from './runtime.ts';
import type { ClusterRuntime, ControllerContext, InstanceRuntime } from './runtime.ts';
import {
  initializedCondition,
  patchClusterStatus,
  setCurrentPrimary,
  setPhase,
  withCondition,
} from './status.ts';

async function runInitdbJob(
  ctx: ControllerContext,
  inst: InstanceRuntime,
  cl: ClusterView,
  app: ApplicationDatabase,
  log: JobLog,
): Promise<void> {
  const { instance } = inst;
  await instance.removeData();
  log('Creating new data directory', { pgdata: instance.dataDir });
  await instance.initdb({ encoding: cl.initdb.encoding, locale: cl.initdb.locale });
  // The first archive attempt checks that the archive is empty (initdb.go).
  const marker = join(instance.dataDir, CHECK_EMPTY_WAL_ARCHIVE_FILE);
  await writeFile(marker, '', { mode: 0o600 });
  if (instance.user) await chown(marker, instance.user.uid, instance.user.gid);
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
  checkStopping(ctx);
}

const ROLE = { initdb: 'initdb', recovery: 'full-recovery' } as const;
const EVENT = { initdb: 'Primary instance (initdb)', recovery: 'Primary instance (from backup)' };
const ERROR = {
  initdb: 'Error while bootstrapping data directory',
  recovery: 'restore error',
} as const;

/** The bootstrap Job's state; when a pod is due, runs it. True once the data directory exists. */
async function bootstrapJob(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  inst: InstanceRuntime,
  cluster: KubeObject,
  cl: ClusterView,
  app: ApplicationDatabase,
): Promise<boolean> {
  const role: JobRole = ROLE[cl.bootstrap];
  const name = `${inst.name}-${role}`;
  if (!ctx.store.get(JOBS, cl.namespace, name)) {
    recordEvent(ctx, cluster, 'Normal', 'CreatingInstance', EVENT[cl.bootstrap]);
    setPhase(ctx, rt, PHASE.firstPrimary, `Creating primary instance ${inst.name}`, (s) => {
      s.targetPrimary = inst.name;
      s.targetPrimaryTimestamp = rfc3339Micro();
      s.conditions = withCondition(s.conditions, initializedCondition(false));
    });
  }
  const job = ensureJob(ctx, cluster, cl, inst.name, role);
  const state = jobState(ctx, job);
  if (state.kind === 'failed') {
    const reason = `Instance creation failed for the following jobs: ${name}. Check the job logs to investigate the cause of the failure.`;
    setPhase(ctx, rt, PHASE.unrecoverable, reason);
    return false;
  }
  if (state.kind === 'succeeded') return true;
  if (state.kind === 'waiting') {
    ctx.enqueue(rt.namespace, rt.name, state.ms);
    return false;
  }
  const work = (log: JobLog) =>
    cl.bootstrap === 'recovery'
      ? runRecoveryJob(ctx, inst, cluster, app, log)
      : runInitdbJob(ctx, inst, cl, app, log);
  const ok = await runJobPod(ctx, job, work, ERROR[cl.bootstrap]);
  if (!ok) {
    await inst.instance.stop('immediate');
    ctx.enqueue(rt.namespace, rt.name, 0);
  }
  return ok;
}

/** Bootstrap: PVC, the bootstrap Job, primary pod, currentPrimary. */
export async function bootstrapPrimary(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
  cl: ClusterView,
  app: ApplicationDatabase,
): Promise<void> {
  const inst =
    rt.instances.get(instanceName(rt.name, 1)) ?? (await newInstanceRuntime(ctx, rt, cl, 1));
  ensurePvcs(ctx, cluster, cl, inst);
  if (inst.needsClone) {
    if (!(await bootstrapJob(ctx, rt, inst, cluster, cl, app))) return;
    inst.needsClone = false;
  }
  rt.primary = inst.name;
  ensurePod(ctx, cluster, cl, inst, 'primary');
  if (!(await startInstance(ctx, rt, inst))) return;
  const status = await readStatus(inst.instance);
  setCurrentPrimary(ctx, rt, inst.name, status.timeline);
  patchClusterStatus(ctx, rt, (s) => {
    s.systemID = status.systemId;
  });
}
