// backup: read the inputs, connect, check the Cluster and find its backup method (nothing is
// written before), prove WAL archiving through psql on the primary, take the Backup (or
// report the existing one of that name) and wait for it, read the recovery window, and check
// that the newest backup before this run was fresh enough.
import { proveWalArchiving, type WalProof } from '../cnpg/archiving.ts';
import { preflight, type Preflight } from '../cnpg/backup-preflight.ts';
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

export const backup = defineAction<'backup', BackupFacts>({
  command: 'backup',
  summary: backupSummary,
  async run(ctx, step) {
    const started = ctx.now();
    const inputs = readBackupInputs(ctx.getInput, started);
    step.record({ inputs });
    const conn = await step.phase('Connect', () => connectCluster(inputs, ctx, step));
    const deadline = started + inputs.timeoutMs;
    const deps = { http: conn.http, kc: conn.config.kc, logger: ctx.logger, now: ctx.now, deadline };
    step.record({ server: conn.config.server });
    const pre = await step.phase('Preflight', () => preflight(deps, inputs));
    recordPreflight(step, pre, inputs, ctx.now());
    const where = inputs.verifyWal ? pre.where : undefined;
    if (where && pre.archiver) {
      const before = pre.archiver;
      const proof = await step.phase('Prove WAL archiving', () => proveWalArchiving(deps, where, before));
      recordProof(step, proof);
    }
    const context = { inputs, config: pre.config, existing: pre.existing, store: pre.store };
    const taken = await step.phase('Backup', () =>
      takeBackup({ ...deps, origin: runOrigin(ctx.env) }, context, (r) => {
        recordBackup(step, r);
      }),
    );
    const w = pre.config.archive && taken.created && taken.phase === 'completed' ? { archive: pre.config.archive } : undefined;
    if (w) {
      const wait = { namespace: inputs.namespace, cluster: inputs.clusterName, ...w, before: pre.window, deadline, now: ctx.now };
      recordWindow(step, await step.phase('Recovery window', () => windowAfterBackup(conn.http, wait)));
    }
    step.record({ requests: conn.http.requests });
    const fresh = step.facts.freshness;
    if (fresh)
      await step.phase('Check backup freshness', () => {
        checkFreshness(fresh, inputs.clusterName, pre.schedules);
        return Promise.resolve();
      });
  },
});

function recordPreflight(step: BackupStep, pre: Preflight, inputs: BackupInputs, now: number): void {
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

function recordProof(step: BackupStep, proof: WalProof): void {
  step.record({ proof });
  step.output('archived-wal', proof.segment);
  step.output('wal-archive-seconds', proof.seconds.toFixed(2));
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
