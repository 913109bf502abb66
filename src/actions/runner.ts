// The one place that calls core.setFailed. User mistakes (ConfigurationError) print their
// message only; anything else is a bug: "<action> failed: <message>", stack in debug.
import * as core from '@actions/core';
import { ConfigurationError } from '../errors.ts';
import { COMMANDS, type Command } from '../inputs/spec.ts';
import { runnerContext, type ActionContext } from './context.ts';

type RunFn = (ctx: ActionContext) => Promise<void>;

const notYet =
  (command: Command): RunFn =>
  () =>
    Promise.reject(
      new ConfigurationError(`pgha ${command} is not implemented yet in this version of pgha.`),
    );

async function load(command: Command): Promise<RunFn> {
  switch (command) {
    case 'deploy':
      return (await import('./deploy.ts')).run;
    default:
      return notYet(command);
  }
}

function parseCommand(raw: string): Command {
  const found = COMMANDS.find((c) => c === raw);
  if (found) return found;
  const problem = raw === '' ? 'is required' : `'${raw}' is not a pgha command`;
  throw new ConfigurationError(
    `input 'command': ${problem}; use one of ${COMMANDS.join(', ')} (example: deploy)`,
  );
}

/** Runs one action; with no command (the umbrella action) the `command` input chooses. */
export async function runCommand(
  command?: Command,
  ctx: ActionContext = runnerContext(),
): Promise<void> {
  let name = command ?? 'pgha';
  try {
    const chosen = command ?? parseCommand(ctx.getInput('command'));
    name = chosen;
    await (
      await load(chosen)
    )(ctx);
  } catch (error) {
    reportFailure(name, error, ctx);
  }
}

function reportFailure(name: string, error: unknown, ctx: ActionContext): void {
  if (error instanceof ConfigurationError) {
    core.setFailed(error.message);
    return;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  ctx.logger.debug(err.stack ?? err.message);
  core.setFailed(`${name} failed: ${err.message}`);
}
