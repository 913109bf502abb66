// The injected logger: actions log through this interface, never through console or core
// directly, so that tests can record what was logged and assert that no secret leaks.
// Nothing logged can start a workflow command: a line that the runner would read as one
// (`::cmd::` after leading blanks, or the legacy `##[cmd]` anywhere) is defused first.
import * as core from '@actions/core';
import { defuseCommands } from './log-safety.ts';

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** Runs fn inside a collapsible log group that closes even when fn throws. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

export const coreLogger: Logger = {
  info: (m) => {
    core.info(defuseCommands(m));
  },
  warning: (m) => {
    core.warning(m);
  },
  error: (m) => {
    core.error(m);
  },
  debug: (m) => {
    core.debug(m);
  },
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    core.startGroup(title);
    try {
      return await fn();
    } finally {
      core.endGroup();
    }
  },
};
