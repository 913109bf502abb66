// An ActionContext for unit tests of actions and phases: inputs from a map, a recording
// logger, outputs, summary and state kept in memory, secrets remembered.
import type { ActionContext } from '../../src/actions/context.ts';
import { RecordingLogger } from './recording-logger.ts';

export interface TestContext extends ActionContext {
  readonly logger: RecordingLogger;
  readonly outputs: Map<string, string>;
  readonly summaries: string[];
  readonly state: Map<string, string>;
  readonly secrets: Set<string>;
  readonly abort: AbortController;
}

export function testContext(
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): TestContext {
  const logger = new RecordingLogger();
  const outputs = new Map<string, string>();
  const summaries: string[] = [];
  const state = new Map<string, string>();
  const secrets = new Set<string>();
  const abort = new AbortController();
  return {
    logger,
    outputs,
    summaries,
    state,
    secrets,
    abort,
    getInput: (name) => inputs[name] ?? '',
    env,
    setOutput: (name, value) => outputs.set(name, value),
    writeSummary: (markdown) => {
      summaries.push(markdown);
      return Promise.resolve();
    },
    setSecret: (value) => secrets.add(value),
    saveState: (name, value) => state.set(name, value),
    getState: (name) => state.get(name) ?? '',
    now: () => Date.now(),
    getIdToken: () => Promise.reject(new Error('no OIDC token in unit tests')),
    signal: abort.signal,
  };
}
