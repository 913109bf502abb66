// backup: read the inputs, connect, check the Cluster and find its backup method (nothing is
// written before), prove WAL archiving through psql on the primary, take the Backup (or
// report the existing one of that name) and wait for it, read the recovery window, and check
// that the newest backup before this run was fresh enough.
import { proveWalArchiving } from '../cnpg/archiving.ts';
import { preflight, type Preflight, type PreflightDeps } from '../cnpg/backup-preflight.ts';
import { takeBackup, type BackupReport } from '../cnpg/backup-take.ts';
import { checkFreshness, freshness } from '../cnpg/freshness.ts';
import { windowAfterBackup, type RecoveryWindow } from '../cnpg/recovery-window.ts';
import { readBackupInputs, type BackupInputs } from '../inputs/read-backup.ts';
import type { OutputName } from '../inputs/spec.ts';
import type { BackupFacts } from '../report/backup-facts.ts';
import { backupSummary } from '../report/backup-summary.ts';
import { defineAction } from './action.ts';
import { connectCluster } from './connect.ts';
import { runOrigin } from './context.ts';
import type { Step } from './step.ts';

type BackupStep = Step<OutputName<'backup'>, BackupFacts>;

type Deps = PreflightDeps;

export const backup = defineAction<'backup', BackupFacts>({
  command: 'backup',
  summary: backupSummary,
  async run(ctx, step) {
    const started = ctx.now();
    const inputs = readBackupInputs(ctx.getInput, started);
    step.record({ inputs });
    const conn = await step.phase('Connect', () => connectCluster(inputs, ctx, step));
    step.record({ server: conn.config.server });
    const { http, config } = conn;
    const deps = {
      http,
      kc: config.kc,
      logger: ctx.logger,
      now: ctx.now,
      deadline: started + inputs.timeoutMs,
    };
    const pre = await step.phase('Preflight', () => preflight(deps, inputs));
    recordPreflight(step, pre, inputs, ctx.now());
    if (inputs.verifyWal) await proveArchiving(step, deps, pre);
    const taken = await step.phase('Backup', () =>
      takeBackup({ ...deps, origin: runOrigin(ctx.env) }, { inputs, ...pre }, (r) => {
        recordBackup(step, r);
      }),
    );
    if (taken.created && taken.phase === 'completed') await readWindow(step, deps, inputs, pre);
    step.record({ requests: http.requests });
    await checkFresh(step, inputs, pre);
  },
});

async function proveArchiving(step: BackupStep, deps: Deps, pre: Preflight): Promise<void> {
  const { where, archiver } = pre;
  if (!where || !archiver) return;
  const proof = await step.phase('Prove WAL archiving', () =>
    proveWalArchiving(deps, where, archiver),
  );
  step.record({ proof });
  step.output('archived-wal', proof.segment);
  step.output('wal-archive-seconds', proof.seconds.toFixed(2));
}

/** The recovery window once CNPG has recorded the new backup in it. */
async function readWindow(step: BackupStep, deps: Deps, inputs: BackupInputs, pre: Preflight) {
  const archive = pre.config.archive;
  if (!archive) return;
  const { namespace, clusterName: cluster } = inputs;
  const wait = { namespace, cluster, archive, before: pre.window, ...deps };
  recordWindow(step, await step.phase('Recovery window', () => windowAfterBackup(deps.http, wait)));
}

async function checkFresh(step: BackupStep, inputs: BackupInputs, pre: Preflight): Promise<void> {
  const fresh = step.facts.freshness;
  if (!fresh) return;
  await step.phase('Check backup freshness', () => {
    checkFreshness(fresh, inputs.clusterName, pre.schedules);
    return Promise.resolve();
  });
}

function recordPreflight(
  step: BackupStep,
  pre: Preflight,
  inputs: BackupInputs,
  now: number,
): void {
  step.record({ config: pre.config, primary: pre.primary, schedules: pre.schedules });
  if (pre.where) step.record({ where: pre.where });
  if (pre.condition) step.record({ condition: pre.condition });
  if (pre.archiver) step.record({ archiver: pre.archiver });
  if (pre.window) recordWindow(step, pre.window);
  if (inputs.maxBackupAgeMs !== undefined)
    step.record({ freshness: freshness(pre.previous, inputs.maxBackupAgeMs, now) });
  step.output('backup-name', inputs.backupName);
  step.output('method', pre.config.method);
}

function recordBackup(step: BackupStep, b: BackupReport): void {
  step.record({ backup: b });
  step.output('backup-name', b.name);
  step.output('phase', b.phase);
  step.output('backup-id', b.backupId);
  step.output('begin-wal', b.beginWal);
  step.output('end-wal', b.endWal);
  step.output('begin-lsn', b.beginLsn);
  step.output('end-lsn', b.endLsn);
  step.output('started-at', b.startedAt);
  step.output('stopped-at', b.stoppedAt);
  step.output('backup-seconds', b.seconds?.toFixed(0));
}

function recordWindow(step: BackupStep, w: RecoveryWindow): void {
  step.record({ window: w });
  step.output('recovery-window-start', w.firstRecoverabilityPoint);
}
