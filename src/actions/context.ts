// What an action's run() gets: every dependency it touches the outside world through.
import * as core from '@actions/core';
import type { RunOrigin } from '../inputs/types.ts';
import { coreLogger, type Logger } from '../logging.ts';

export interface ActionContext {
  readonly logger: Logger;
  /** Raw input value as core.getInput returns it (trimmed, '' when not set). */
  readonly getInput: (name: string) => string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Sets a step output; only the runner calls it, from the step's result. */
  readonly setOutput: (name: string, value: string) => void;
  /** Appends Markdown/HTML to the job summary; only the runner calls it. */
  readonly writeSummary: (markdown: string) => Promise<void>;
  /** Masks a secret in every later log line; call it the moment a secret is known. */
  readonly setSecret: (value: string) => void;
  /** Hands a value from main to post (core.saveState). */
  readonly saveState: (name: string, value: string) => void;
  /** In post: what main saved ('' when nothing). */
  readonly getState: (name: string) => string;
  readonly now: () => number;
  /** core.getIDToken: a GitHub OIDC token for the audience (needs permissions: id-token: write). */
  readonly getIdToken: (audience: string) => Promise<string>;
  /** Aborted when the runner cancels the step (SIGINT, then SIGTERM). */
  readonly signal: AbortSignal;
}

/** Replaces every known secret in text, for the places the runner does not mask. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.replaceAll(s, '***');
  return out;
}

export function runnerContext(signal: AbortSignal = new AbortController().signal): ActionContext {
  const secrets = new Set<string>();
  return {
    logger: coreLogger,
    getInput: (name) => core.getInput(name),
    env: process.env,
    setOutput: (name, value) => {
      core.setOutput(name, redact(value, secrets));
    },
    writeSummary: async (markdown) => {
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(redact(markdown, secrets), true).write();
    },
    setSecret: (value) => {
      if (value === '') return;
      secrets.add(value);
      core.setSecret(value);
    },
    saveState: (name, value) => {
      core.saveState(name, value);
    },
    getState: (name) => core.getState(name),
    now: () => Date.now(),
    getIdToken: (audience) => core.getIDToken(audience),
    signal,
  };
}

/** Where a run comes from (GITHUB_* environment), for traceability annotations. */
export function runOrigin(env: ActionContext['env']): RunOrigin {
  return {
    repository: env.GITHUB_REPOSITORY,
    sha: env.GITHUB_SHA,
    runId: env.GITHUB_RUN_ID,
    runAttempt: env.GITHUB_RUN_ATTEMPT,
    actor: env.GITHUB_ACTOR,
    workflow: env.GITHUB_WORKFLOW,
    serverUrl: env.GITHUB_SERVER_URL,
  };
}
