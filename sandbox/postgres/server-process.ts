// Running PostgreSQL programs as the server user: one-shot tools (initdb) and the postmaster.
// The postmaster is spawned directly (not through pg_ctl, which would detach it), so the
// sandbox owns its pid; shutdown modes are the signals pg_ctl would send.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { wrapCommand } from '../users.ts';
import type { ServerUser } from '../users.ts';
import { isAlive, killTreeSync, registerServer, waitGone } from './process-registry.ts';

/** smart/fast/immediate as `pg_ctl stop -m`; abrupt = SIGKILL of the postmaster and children. */
export type StopMode = 'smart' | 'fast' | 'immediate' | 'abrupt';

const SIGNALS = { smart: 'SIGTERM', fast: 'SIGINT', immediate: 'SIGQUIT' } as const;

export interface SpawnOptions {
  user: ServerUser | undefined;
  logFile: string;
  cwd?: string;
}

function spawnAs(command: string, args: string[], opts: SpawnOptions): ChildProcess {
  const wrapped = wrapCommand(opts.user, command, args);
  const log = openSync(opts.logFile, 'a');
  try {
    return spawn(wrapped.command, wrapped.args, {
      stdio: ['ignore', log, log],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' },
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
      ...(wrapped.ids ?? {}),
    });
  } finally {
    closeSync(log);
  }
}

export async function tail(file: string, lines = 15): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Runs a program to completion; throws with the end of its log when it fails. */
export async function runTool(command: string, args: string[], opts: SpawnOptions): Promise<void> {
  const child = spawnAs(command, args, opts);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) {
    throw new Error(`${command} exited with ${code}:\n${await tail(opts.logFile)}`);
  }
}

export class ServerProcess {
  readonly pid: number;
  readonly exited: Promise<void>;
  /** Aborted when the postmaster exits (streams to the server end with it). */
  readonly exitSignal: AbortSignal;
  #running = true;
  #children: number[] = [];

  constructor(child: ChildProcess, onExit: (code: number | null, signal: string | null) => void) {
    if (child.pid === undefined) throw new Error('postgres did not start (no pid)');
    this.pid = child.pid;
    registerServer(child);
    const exit = new AbortController();
    this.exitSignal = exit.signal;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.#running = false;
        exit.abort();
        onExit(code, signal);
        resolve();
      });
    });
  }

  static spawn(
    command: string,
    args: string[],
    opts: SpawnOptions,
    onExit: (code: number | null, signal: string | null) => void,
  ): ServerProcess {
    return new ServerProcess(spawnAs(command, args, opts), onExit);
  }

  get running(): boolean {
    return this.#running;
  }

  /** Sends the mode's signal (SIGKILL to the postmaster and its children for 'abrupt'). */
  signal(mode: StopMode): void {
    if (!this.#running) return;
    if (mode === 'abrupt') {
      this.#children = killTreeSync(this.pid);
      return;
    }
    try {
      process.kill(this.pid, SIGNALS[mode]);
    } catch {
      // exited meanwhile
    }
  }

  /** True once the postmaster (and a killed one's children) are gone; false after timeoutMs. */
  async waitExit(timeoutMs?: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const exited = await Promise.race([
      this.exited.then(() => true),
      ...(timeoutMs === undefined
        ? []
        : [
            new Promise<boolean>((r) => {
              timer = setTimeout(() => {
                r(false);
              }, timeoutMs);
            }),
          ]),
    ]);
    clearTimeout(timer);
    if (exited) await waitGone(this.#children.filter(isAlive));
    return exited;
  }

  /** Stops the server; escalates to SIGKILL when the mode's signal is not enough in time. */
  async stop(mode: StopMode, timeoutMs = 30_000): Promise<void> {
    if (!this.#running) return;
    this.signal(mode);
    if (!(await this.waitExit(timeoutMs))) {
      this.signal('abrupt');
      await this.waitExit();
    }
  }
}
