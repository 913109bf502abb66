// The phases of failover-drill after the fault: measure (new primary, first write on it,
// healthy again, observe, read back), put things back (switch back, drop the table), write the
// JSON report, and hold the result against the thresholds. Each records its facts and outputs
// on the step as soon as it has them, so a failed or cancelled run still reports them.
import type { Drill } from '../cnpg/drill.ts';
import type { Preflight } from '../cnpg/drill-preflight.ts';
import { switchBack } from '../cnpg/drill-switch-back.ts';
import { sleep } from '../cnpg/drill.ts';
import { drillReport, writeDrillReport } from '../report/drill-report.ts';
import { drillResults, verdict } from '../report/drill-results.ts';
import { oneLine } from '../log-safety.ts';
import { formatSeconds } from '../report/markdown.ts';
import type { Connection } from './connect.ts';
import type { ActionContext } from './context.ts';
import type { OutputName } from '../inputs/spec.ts';
import type { DrillFacts } from '../report/drill-facts.ts';
import type { Step } from './step.ts';

export type DrillStep = Step<OutputName<'failover-drill'>, DrillFacts>;

const secs = (ms: number) => (ms / 1000).toFixed(2);

/** A drill that ran but missed a threshold: reported in full, then the step fails. */
export class DrillThresholdError extends Error {
  override readonly name = 'DrillThresholdError';
}

export async function measure(drill: Drill, pre: Preflight, ctx: ActionContext, step: DrillStep) {
  const fault = drill.t.fault ?? ctx.now();
  const np = await step.phase('Wait for a new primary', () => drill.newPrimary());
  const newPrimary = np.cluster.status?.currentPrimary ?? '';
  const promotedAt = (np.cluster.status as { currentPrimaryTimestamp?: string } | undefined)
    ?.currentPrimaryTimestamp;
  step.record({ newPrimary, ...(promotedAt ? { promotedAt } : {}) });
  step.output('new-primary', newPrimary);
  step.output('failover-seconds', secs(np.at - fault));
  ctx.logger.info(
    `New primary ${oneLine(newPrimary)} ${formatSeconds(np.at - fault)} after the fault (was ${oneLine(pre.primary)})`,
  );
  const fw = await step.phase(`Wait for the first write on ${newPrimary}`, () =>
    drill.firstWrite(),
  );
  step.output('downtime-seconds', secs(fw.at - fault));
  ctx.logger.info(
    `First acknowledged write on ${oneLine(newPrimary)} ${formatSeconds(fw.at - fault)} after the fault`,
  );
  const healthy = await step.phase('Wait for the Cluster to be healthy', () => drill.healthy());
  step.output('healthy-seconds', secs(healthy.at - fault));
  const timeline = healthy.cluster.status?.timelineID ?? (parseInt(fw.timeline, 16) || 0);
  step.record({ timeline });
  step.output('timeline', timeline);
  const record = await step.phase(`Observe for ${formatSeconds(drill.inputs.observeMs)}`, () =>
    drill.observe(),
  );
  const back = await step.phase(`Read back every row from ${drill.currentPrimary()}`, () =>
    drill.readBack(),
  );
  const results = drillResults(record, back.ids, drill.t);
  const { maxDowntimeMs, maxLostWrites } = step.facts.inputs ?? { maxLostWrites: 0 };
  step.record({
    results,
    byTimeline: back.byTimeline,
    timestamps: { ...drill.t },
    verdict: verdict(results, {
      ...(maxDowntimeMs === undefined ? {} : { maxDowntimeMs }),
      maxLostWrites,
    }),
  });
  step.output('acknowledged-writes', results.counts.acknowledged);
  step.output('lost-writes', results.counts.lost);
  step.output('in-doubt-writes', results.counts.inDoubt);
  const c = results.counts;
  ctx.logger.info(
    `${c.acknowledged} writes acknowledged (${results.writesPerSecond.toFixed(0)}/s), ${c.lost} of them lost; ${c.inDoubt} in doubt (${c.inDoubtCommitted} committed); longest gap ${formatSeconds(results.longestGapMs)}`,
  );
}

export async function putBack(
  drill: Drill,
  conn: Connection,
  pre: Preflight,
  ctx: ActionContext,
  step: DrillStep,
) {
  const inputs = drill.inputs;
  if (inputs.switchBack && drill.currentPrimary() !== pre.primary) {
    const deps = {
      http: conn.http,
      kc: conn.config.kc,
      namespace: inputs.namespace,
      cluster: inputs.clusterName,
      tracker: drill.tracker,
      deadline: drill.deadline,
      now: ctx.now,
      logger: ctx.logger,
      pause: (ms: number) => sleep(ms, ctx.signal),
    };
    const back = await step.phase(`Switch back to ${pre.primary}`, () =>
      switchBack(deps, pre.primary),
    );
    drill.t.switchBackStart = back.start;
    drill.t.switchBackEnd = back.end;
    step.record({ switchedBackTo: pre.primary, timestamps: { ...drill.t } });
  }
  const table = { ...drill.table, database: drill.database };
  if (inputs.keepTable) {
    drill.keep();
    step.record({ table: { ...table, state: 'kept' } });
    step.output('drill-table', `${table.schema}.${table.name}`);
    return;
  }
  await step.phase('Drop the drill table', () => drill.dropTable());
  step.record({ table: { ...table, state: 'dropped' } });
}

/** Writes the JSON evidence; an incomplete drill's report is best effort. */
export async function writeReport(
  path: string,
  step: DrillStep,
  ctx: ActionContext,
  outcome?: 'incomplete',
): Promise<void> {
  const f = step.facts;
  if (outcome === 'incomplete' && f.timestamps === undefined && f.results === undefined) return;
  try {
    const passed = f.verdict?.passed ?? false;
    const phases = step.snapshot();
    await writeDrillReport(path, drillReport(f, outcome ?? (passed ? 'passed' : 'failed'), phases));
    step.output('report', path);
    ctx.logger.info(`Wrote the drill report to ${path}`);
  } catch (error) {
    if (outcome !== 'incomplete') throw error;
    ctx.logger.warning(
      `Could not write the drill report: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export function enforceThresholds(step: DrillStep): void {
  const v = step.facts.verdict;
  if (!v || v.passed) return;
  const failed = v.checks.filter((c) => !c.ok).map((c) => c.text);
  throw new DrillThresholdError(`the drill missed its thresholds: ${failed.join('; ')}`);
}
