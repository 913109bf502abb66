// failover-drill: after a safety preflight, write numbered rows through port-forwards to the
// primary, kill it (or switch over), measure how long clients could not write and which
// acknowledged writes were lost, put things back, and report; thresholds fail the step after
// the report is written. The post step restores service if main died mid-drill.
import { Drill } from '../cnpg/drill.ts';
import { durabilityText } from '../cnpg/durability.ts';
import { DrillRefused, preflight, type Preflight } from '../cnpg/drill-preflight.ts';
import {
  readFailoverDrillInputs,
  type FailoverDrillInputs,
} from '../inputs/read-failover-drill.ts';
import type { DrillFacts } from '../report/drill-facts.ts';
import { reportPath } from '../report/drill-report.ts';
import { drillSummary } from '../report/drill-summary.ts';
import { defineAction } from './action.ts';
import { connectCluster, type Connection } from './connect.ts';
import type { ActionContext } from './context.ts';
import { DRILL_STATE, drillPost } from './failover-drill-post.ts';
import {
  enforceThresholds,
  measure,
  putBack,
  writeReport,
  type DrillStep,
} from './failover-drill-phases.ts';

export const failoverDrill = defineAction<'failover-drill', DrillFacts>({
  command: 'failover-drill',
  summary: drillSummary,
  async run(ctx, step) {
    const inputs = readFailoverDrillInputs(ctx.getInput);
    const path = reportPath(inputs, ctx.env.RUNNER_TEMP);
    step.record({ inputs, reportPath: path });
    const deadline = ctx.now() + inputs.timeoutMs;
    const conn = await step.phase('Connect', () => connectCluster(inputs, ctx, step));
    const pre = await step.phase('Preflight', () => checkCluster(conn, inputs, step));
    const drill = newDrill(conn, inputs, pre, ctx, deadline);
    try {
      await step.phase('Create the drill table', () => drill.prepare());
      await step.phase(`Warm up: ${inputs.writers} writers`, () => drill.warmUp());
      const fault = await step.phase(faultTitle(inputs, pre), () => drill.fault());
      step.record({ fault: fault.description, timestamps: { ...drill.t } });
      await measure(drill, pre, ctx, step);
      await putBack(drill, conn, pre, ctx, step);
    } catch (error) {
      await drill.close();
      step.record({ timestamps: { ...drill.t } });
      await writeReport(path, step, ctx, 'incomplete');
      throw error;
    }
    await drill.close();
    await step.phase('Report', () => writeReport(path, step, ctx));
    enforceThresholds(step);
  },
  post: drillPost,
});

async function checkCluster(
  conn: Connection,
  inputs: FailoverDrillInputs,
  step: DrillStep,
): Promise<Preflight> {
  const pre = await preflight(conn.http, conn.config.kc, inputs, (found) => {
    step.record(found);
    step.output('durability', durabilityText(found.durability));
  }).catch((error: unknown) => {
    if (error instanceof DrillRefused) step.record({ refused: error.reasons });
    throw error;
  });
  step.record({
    oldPrimary: pre.primary,
    oldTimeline: pre.timeline ?? 0,
    ...(pre.target ? { target: pre.target } : {}),
    ...(pre.podGraceSeconds === undefined ? {} : { podGraceSeconds: pre.podGraceSeconds }),
  });
  step.output('old-primary', pre.primary);
  return pre;
}

function newDrill(
  conn: Connection,
  inputs: FailoverDrillInputs,
  pre: Preflight,
  ctx: ActionContext,
  deadline: number,
): Drill {
  return new Drill(
    {
      http: conn.http,
      kc: conn.config.kc,
      inputs,
      logger: ctx.logger,
      now: ctx.now,
      signal: ctx.signal,
      setSecret: ctx.setSecret,
      saveDrillState: (state) => {
        ctx.saveState(DRILL_STATE, JSON.stringify(state));
      },
      deadline,
    },
    pre,
  );
}

function faultTitle(inputs: FailoverDrillInputs, pre: Preflight): string {
  if (inputs.mode === 'switchover')
    return `Fault: switch over from ${pre.primary} to ${pre.target ?? '?'}`;
  const grace =
    inputs.gracePeriod === 'default'
      ? `the pod's ${pre.podGraceSeconds ?? '?'} s`
      : `${inputs.gracePeriod} s`;
  return `Fault: delete the primary's pod ${pre.primary} (grace ${grace})`;
}
