// What an action's run() gets: every dependency it touches the outside world through.
import * as core from '@actions/core';
import { coreLogger, type Logger } from '../logging.ts';

export interface ActionContext {
  readonly logger: Logger;
  /** Raw input value as core.getInput returns it (trimmed, '' when not set). */
  readonly getInput: (name: string) => string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly setOutput: (name: string, value: string) => void;
  /** Appends Markdown/HTML to the job summary. */
  readonly writeSummary: (markdown: string) => Promise<void>;
  /** Masks a secret in every later log line; call it the moment a secret is known. */
  readonly setSecret: (value: string) => void;
  readonly now: () => number;
  /** core.getIDToken: a GitHub OIDC token for the audience (needs permissions: id-token: write). */
  readonly getIdToken: (audience: string) => Promise<string>;
}

export function runnerContext(): ActionContext {
  return {
    logger: coreLogger,
    getInput: (name) => core.getInput(name),
    env: process.env,
    setOutput: (name, value) => {
      core.setOutput(name, value);
    },
    writeSummary: async (markdown) => {
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
    setSecret: (value) => {
      core.setSecret(value);
    },
    now: () => Date.now(),
    getIdToken: (audience) => core.getIDToken(audience),
  };
}
