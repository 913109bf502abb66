// The end of a restore-verify run: cleanup by `keep` (delete the throwaway Cluster in main,
// or keep it and say so), then the outputs, the JSON evidence and the issue; checks that
// failed fail the step after all that was written.
import { removeThrowaway, saveRestoreState, type RestoreState } from './restore-verify-post.ts';
import { issueBody, reportIssue } from '../report/restore-issue.ts';
import { restoreReport, writeRestoreReport } from '../report/restore-report.ts';
import type { CleanupFacts } from '../report/restore-facts.ts';
import { oneLine } from '../log-safety.ts';
import { mark, type Run } from './restore-verify-phases.ts';

/** A run whose restore worked but whose checks did not: reported in full, then the step fails. */
export class ChecksFailed extends Error {
  override readonly name = 'ChecksFailed';
}

function failedChecks(r: Run): string[] {
  return (r.step.facts.checks ?? [])
    .filter((c) => !c.passed)
    .map((c) => `${c.name}: ${c.observed}`);
}

export function passed(r: Run, failure: unknown): boolean {
  return failure === undefined && failedChecks(r).length === 0;
}

function keepReason(r: Run, ok: boolean): string | undefined {
  const keep = r.inputs.keep;
  if (keep === 'always') return 'keep: always';
  if (keep === 'on-failure' && !ok) return 'keep: on-failure, and the run failed';
  return undefined;
}

export async function cleanUp(r: Run, failure: unknown): Promise<void> {
  const created = r.step.facts.times?.created !== undefined;
  if (!created || r.ctx.signal.aborted) return;
  const { inputs, ctx } = r;
  const state: RestoreState = {
    namespace: inputs.recoveryNamespace,
    name: inputs.recoveryCluster,
    source: inputs.clusterName,
    keep: inputs.keep,
    done: true,
  };
  const kept = keepReason(r, passed(r, failure));
  if (kept) {
    saveRestoreState(ctx, state);
    record(r, { action: 'kept', reason: kept });
    ctx.logger.info(
      `${kept}: Cluster ${inputs.recoveryCluster} in namespace ${inputs.recoveryNamespace} stays (kubectl delete cluster -n ${inputs.recoveryNamespace} ${inputs.recoveryCluster} when done)`,
    );
    return;
  }
  const started = ctx.now();
  mark(r, { cleanupStart: started });
  try {
    const credential = r.step.facts.credential;
    const identity = await r.step.phase(
      `Delete the throwaway Cluster ${inputs.recoveryCluster}`,
      () =>
        removeThrowaway(
          r.conn,
          ctx,
          { ...state, ...(credential ? { identity: credential } : {}) },
          Math.max(r.deadline, started + 60_000),
        ),
    );
    saveRestoreState(ctx, state);
    mark(r, { cleanupEnd: ctx.now() });
    record(r, {
      action: 'deleted',
      reason: `keep: ${inputs.keep}`,
      ms: ctx.now() - started,
      ...(identity ? { identity } : {}),
    });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    ctx.logger.warning(
      `Could not delete Cluster ${inputs.recoveryCluster}: ${oneLine(text)}; the post step tries again`,
    );
    record(r, { action: 'failed', reason: 'the post step tries again', error: text });
  }
}

function record(r: Run, c: CleanupFacts): void {
  r.step.record({ cleanup: c });
}

/** Outputs, the JSON evidence and the issue; none of them changes the result. */
export async function finish(r: Run, failure: unknown): Promise<void> {
  const { ctx, step } = r;
  const ok = passed(r, failure);
  const checks = step.facts.checks ?? [];
  mark(r, { end: ctx.now() });
  step.record({ outcome: ok ? 'passed' : 'failed' });
  step.output('checks-passed', checks.filter((c) => c.passed).length);
  step.output('checks-failed', checks.filter((c) => !c.passed).length);
  const t = step.facts.times ?? {};
  step.output(
    'verify-seconds',
    (((t.end ?? ctx.now()) - (t.start ?? ctx.now())) / 1000).toFixed(2),
  );
  if (r.inputs.openIssue && !ctx.signal.aborted) await issue(r, ok, failure);
  const path = step.facts.reportPath ?? '';
  try {
    await writeRestoreReport(
      path,
      restoreReport(step.facts, step.snapshot(), ok ? 'passed' : 'failed'),
    );
    step.output('report', path);
    ctx.logger.info(`Wrote the evidence to ${path}`);
  } catch (error) {
    ctx.logger.warning(
      `Could not write the evidence: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function issue(r: Run, ok: boolean, failure: unknown): Promise<void> {
  const { ctx, inputs } = r;
  const env = ctx.env;
  const runUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
  try {
    const found = await reportIssue({
      token: inputs.githubToken ?? '',
      apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
      repository: env.GITHUB_REPOSITORY ?? '',
      namespace: inputs.namespace,
      cluster: inputs.clusterName,
      passed: ok,
      body: issueBody({
        passed: ok,
        ...(runUrl ? { runUrl } : {}),
        ...(failure instanceof Error ? { message: failure.message } : {}),
        failedChecks: failedChecks(r),
        ...(r.step.facts.backup ? { backup: r.step.facts.backup.name } : {}),
      }),
    });
    r.step.record({ issue: found });
    if (found.url) r.step.output('issue-url', found.url);
    if (found.action !== 'none') ctx.logger.info(`Issue ${found.action}: ${found.url ?? ''}`);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    r.step.record({ issue: { action: 'none', error: text } });
    ctx.logger.warning(`Could not report the result in a GitHub issue: ${oneLine(text)}`);
  }
}

export function enforceChecks(r: Run): void {
  const failed = failedChecks(r);
  if (failed.length > 0)
    throw new ChecksFailed(
      `${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${failed.map(oneLine).join('; ')}`,
    );
}
