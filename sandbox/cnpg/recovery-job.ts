// The work of the `<pod>-full-recovery` Job of bootstrap.recovery: the new Cluster's
// archive must be empty, the base backup is restored by part 2 (sandbox/backup/recovery.ts),
// PostgreSQL replays the archived WAL through restore_command until it promotes, then the
// application owner's password is reset from its secret, as CNPG does after a recovery.
// What it does and why it failed goes to the Job pod's log.
import type { KubeObject } from '../kube/types.ts';
import { ensureApplicationDatabase } from '../postgres/bootstrap.ts';
import type { ApplicationDatabase } from '../postgres/bootstrap.ts';
import type { Instance } from '../postgres/instance.ts';
import type { JobLog } from './job-runner.ts';
import { checkStopping } from './runtime.ts';
import type { ControllerContext, InstanceRuntime } from './runtime.ts';

const PROMOTE_TIMEOUT_MS = 300_000;

/** The FATAL line of a server that gave up recovering, else the error itself. */
async function recoveryError(instance: Instance, err: unknown): Promise<Error> {
  const fatal = (await instance.logTail(40))
    .split('\n')
    .filter((l) => /FATAL|PANIC/.test(l))
    .at(-1);
  const reason =
    fatal?.replace(/^.*?(FATAL|PANIC):\s*/, '') ??
    (err instanceof Error ? err.message : String(err));
  return new Error(`recovery failed: ${reason}`);
}

async function waitPromoted(ctx: ControllerContext, instance: Instance): Promise<void> {
  const deadline = Date.now() + PROMOTE_TIMEOUT_MS;
  for (;;) {
    checkStopping(ctx);
    if (!instance.running) throw new Error('postgres exited during recovery');
    const rows = await instance
      .query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')
      .catch(() => [{ r: true }]);
    if (rows[0]?.r === false) return;
    if (Date.now() > deadline) throw new Error('not promoted within 300 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function runRecoveryJob(
  ctx: ControllerContext,
  inst: InstanceRuntime,
  cluster: KubeObject,
  app: ApplicationDatabase,
  log: JobLog,
): Promise<void> {
  const hooks = ctx.backup;
  if (!hooks)
    throw new Error('bootstrap.recovery needs the object store, and the sandbox runs without one');
  const { instance } = inst;
  await hooks.checkEmptyArchive(cluster);
  await instance.prepareDirs();
  const plan = await hooks.restoreBaseBackup(cluster, instance, log);
  ctx.log(
    `${cluster.metadata.namespace ?? ''}/${inst.name}: restored base backup ${plan.backup.backupId}, replaying WAL`,
  );
  const archive = instance.archive;
  const ns = cluster.metadata.namespace ?? 'default';
  instance.archive = {
    ...hooks.archiveHook(ns, inst.name, { restore: true }),
    recovery: plan.settings,
  };
  await instance.writeConfig();
  try {
    log('Generated recovery configuration', { configuration: plan.settings });
    await instance.start();
    await waitPromoted(ctx, instance);
    log('Recovery completed, instance promoted');
    await ensureApplicationDatabase(instance, app);
  } catch (err) {
    checkStopping(ctx);
    throw await recoveryError(instance, err);
  } finally {
    await instance.stop('fast');
    instance.archive = archive;
    await instance.writeConfig();
  }
  inst.needsClone = false;
}
