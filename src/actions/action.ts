// How an action is defined: run(ctx, step) is a short list of phases that record outputs and
// facts on the step; summary() turns the facts into the job summary, on failure too; post()
// (optional) runs in the post step. defineAction wraps it so that outputs and the summary are
// written in one place, whatever happens in run().
import { DiagnosedError } from '../errors.ts';
import type { Command, OutputName } from '../inputs/spec.ts';
import type { ActionContext } from './context.ts';
import { Step, type Failure, type StepResult } from './step.ts';

export interface ActionDefinition<C extends Command, F extends object> {
  readonly command: C;
  run: (ctx: ActionContext, step: Step<OutputName<C>, F>) => Promise<void>;
  summary: (result: StepResult<F>) => string;
  /** The post step: gets what main saved; undoes only what main created. */
  post?: (ctx: ActionContext, main: MainState) => Promise<void>;
}

/** An action with its types erased, as the runner loads it. */
export interface RunnableAction {
  readonly command: Command;
  /** Runs main; sets the outputs and writes the summary, then rethrows a failure. */
  main(ctx: ActionContext): Promise<void>;
  readonly post?: (ctx: ActionContext, main: MainState) => Promise<void>;
}

export function defineAction<C extends Command, F extends object>(
  def: ActionDefinition<C, F>,
): RunnableAction {
  return {
    command: def.command,
    main: async (ctx) => {
      saveMainState(ctx, { command: def.command, started: new Date(ctx.now()).toISOString() });
      const step = new Step<OutputName<C>, F>(ctx);
      let error: Error | undefined;
      try {
        await untilAborted(def.run(ctx, step), ctx.signal);
      } catch (e) {
        error = e instanceof Error ? e : new Error(typeof e === 'string' ? e : 'the run failed');
      }
      for (const [name, value] of step.outputs) ctx.setOutput(name, value);
      const failure = error === undefined ? undefined : describeFailure(error, step, ctx);
      // A run that failed before its first phase (bad inputs) did nothing to report.
      if (failure === undefined || step.snapshot().length > 0)
        await writeSummary(ctx, () =>
          def.summary({
            facts: step.facts,
            phases: step.snapshot(),
            ...(failure ? { failure } : {}),
          }),
        );
      if (error !== undefined) throw error;
    },
    ...(def.post ? { post: def.post } : {}),
  };
}

/** What main hands to its post step in every action: that it ran, and when. */
export interface MainState {
  readonly command: Command;
  readonly started: string;
}

const MAIN_STATE = 'pgha-main';

function saveMainState(ctx: ActionContext, state: MainState): void {
  ctx.saveState(MAIN_STATE, JSON.stringify(state));
}

/** In post: what main saved, or undefined when main never started. */
export function mainState(ctx: ActionContext): MainState | undefined {
  const text = ctx.getState(MAIN_STATE);
  return text === '' ? undefined : (JSON.parse(text) as MainState);
}

/** The run, or a rejection as soon as the step is cancelled (the run is then abandoned). */
function untilAborted<T>(run: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    run.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', onAbort);
    });
  });
}

function describeFailure(error: unknown, step: Step<string, object>, ctx: ActionContext): Failure {
  const cancelled = ctx.signal.aborted;
  const message = cancelled
    ? 'the run was cancelled'
    : error instanceof Error
      ? error.message
      : String(error);
  const phase = step.failedPhase;
  return {
    message,
    cancelled,
    ...(phase ? { phase } : {}),
    ...(error instanceof DiagnosedError ? { diagnostics: error.diagnostics } : {}),
  };
}

/** The summary is a report: failing to build or write it warns, it never hides the result. */
async function writeSummary(ctx: ActionContext, build: () => string): Promise<void> {
  try {
    await ctx.writeSummary(build());
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    ctx.logger.warning(`Could not write the job summary: ${text}`);
  }
}
