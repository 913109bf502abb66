// The one place that calls core.setFailed. User mistakes (ConfigurationError) print their
// message only; anything else is a bug: "<action> failed: <message>", stack in debug.
// A cancelled run (the runner sends SIGINT, then SIGTERM 7.5 s later) stops waiting, writes
// its outputs and summary, and exits; the post step then runs as GitHub runs it.
import * as core from '@actions/core';
import { ConfigurationError, DiagnosedError } from '../errors.ts';
import { COMMANDS, type Command } from '../inputs/spec.ts';
import { mainState } from './action.ts';
import { runnerContext, type ActionContext } from './context.ts';
import { loadAction } from './registry.ts';

function parseCommand(raw: string): Command {
  const found = COMMANDS.find((c) => c === raw);
  if (found) return found;
  const problem = raw === '' ? 'is required' : `'${raw}' is not a pgha command`;
  throw new ConfigurationError(
    `input 'command': ${problem}; use one of ${COMMANDS.join(', ')} (example: deploy)`,
  );
}

/** Aborts on the runner's cancellation signals; a second signal exits at once. */
function cancellation(): AbortController {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(1);
    controller.abort(new Error('the run was cancelled'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller;
}

/** Runs one action's main; with no command (the umbrella action) the `command` input chooses. */
export async function runCommand(command?: Command, ctx?: ActionContext): Promise<void> {
  const context = ctx ?? runnerContext(cancellation().signal);
  let name: string = command ?? 'pgha';
  try {
    const chosen = command ?? parseCommand(context.getInput('command'));
    name = chosen;
    await (await loadAction(chosen)).main(context);
  } catch (error) {
    reportFailure(name, error, context);
  }
  if (!ctx && context.signal.aborted) process.exit(1);
}

/**
 * Runs the post step of an action (post-if: always()). It undoes only what main recorded in
 * its state, and warns instead of failing: cleanup must never hide main's result.
 */
export async function runPost(
  command?: Command,
  ctx: ActionContext = runnerContext(),
): Promise<void> {
  let name: string = command ?? 'pgha';
  try {
    const chosen = command ?? parseCommand(ctx.getInput('command'));
    name = chosen;
    const main = mainState(ctx);
    if (!main) {
      ctx.logger.info(`pgha ${chosen}: main did not start, so there is nothing to clean up`);
      return;
    }
    const action = await loadAction(chosen);
    if (!action.post) {
      ctx.logger.info(
        `pgha ${chosen} (main started ${main.started}) has nothing of its own to clean up`,
      );
      return;
    }
    await action.post(ctx, main);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    ctx.logger.warning(`pgha ${name} post step: ${text}`);
  }
}

function reportFailure(name: string, error: unknown, ctx: ActionContext): void {
  if (ctx.signal.aborted) {
    core.setFailed(`${name} was cancelled`);
    return;
  }
  if (error instanceof ConfigurationError) {
    core.setFailed(error.message);
    return;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  if (err instanceof DiagnosedError) ctx.logger.info(err.diagnostics);
  ctx.logger.debug(err.stack ?? err.message);
  core.setFailed(`${name} failed: ${err.message}`);
}
