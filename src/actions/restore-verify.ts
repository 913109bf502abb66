// restore-verify: choose the backup (nothing is written before), prove a point in the WAL
// with markers on the source, restore into a throwaway Cluster that cannot archive back, wait
// for it with progress, check the restored data (markers, checks, verify-command, amcheck),
// delete it unless keep says otherwise (the post step does when main could not), and report:
// outputs, JSON evidence, summary, and with open-issue-on-failure an issue.
import { chooseSource, type RestoreSource } from '../cnpg/restore-source.ts';
import { readRestoreVerifyInputs } from '../inputs/read-restore-verify.ts';
import { restoreReportPath } from '../report/restore-report.ts';
import type { RestoreFacts } from '../report/restore-facts.ts';
import { restoreSummary } from '../report/restore-summary.ts';
import { defineAction } from './action.ts';
import { connectCluster } from './connect.ts';
import { restorePost } from './restore-verify-post.ts';
import {
  createThrowaway,
  mark,
  prepareTarget,
  verifyData,
  waitRestore,
  type Run,
} from './restore-verify-phases.ts';
import { cleanUp, enforceChecks, finish } from './restore-verify-report.ts';

export const restoreVerify = defineAction<'restore-verify', RestoreFacts>({
  command: 'restore-verify',
  summary: restoreSummary,
  async run(ctx, step) {
    const started = ctx.now();
    const inputs = readRestoreVerifyInputs(ctx.getInput, ctx.env, started);
    if (inputs.githubToken) ctx.setSecret(inputs.githubToken);
    step.record({
      inputs,
      reportPath: restoreReportPath(inputs, ctx.env.RUNNER_TEMP),
      times: { start: started },
    });
    step.output('recovery-cluster', inputs.recoveryCluster);
    const conn = await step.phase('Connect', () => connectCluster(inputs, ctx, step));
    step.record({ server: conn.config.server });
    const run: Run = { ctx, step, inputs, conn, deadline: started + inputs.timeoutMs };
    let failure: Error | undefined;
    try {
      const source = await step.phase('Choose the backup', () =>
        chooseSource({ ...conn, kc: conn.config.kc, logger: ctx.logger, now: ctx.now }, inputs),
      );
      recordSource(run, source);
      const target = await prepareTarget(run, source);
      await step.phase(`Create the throwaway Cluster ${inputs.recoveryCluster}`, () =>
        createThrowaway(run, source, target.time),
      );
      const archived = target.archived;
      if (archived) await step.phase('Archive the WAL with markers A and B', () => archived);
      const restored = await step.phase(`Restore ${inputs.recoveryCluster}`, () =>
        waitRestore(run),
      );
      mark(run, { checksStart: ctx.now() });
      await verifyData(run, restored);
      mark(run, { checksEnd: ctx.now() });
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    await cleanUp(run, failure);
    await finish(run, failure);
    if (failure !== undefined) throw failure;
    enforceChecks(run);
  },
  post: restorePost,
});

function recordSource(r: Run, s: RestoreSource): void {
  const a = s.archive;
  r.step.record({
    backup: s.backup,
    source: {
      method: a.kind,
      store: a.kind === 'plugin' ? `ObjectStore ${a.objectStore}` : s.where.location,
      serverName: a.serverName,
      primary: s.primary,
      database: s.database,
    },
  });
  r.step.output('backup-name', s.backup.name);
  r.step.output('backup-id', s.backup.backupId);
}
