// Every PostgreSQL server the sandbox starts is registered here, so that nothing outlives the
// sandbox: stop() stops them one by one, and a process 'exit' handler (also run after an
// uncaught exception) SIGKILLs whatever is left together with its children. Servers are also
// started with a parent-death signal (see users.ts), which covers a SIGKILLed Node process.
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const live = new Map<number, ChildProcess>();
let exitHandlerInstalled = false;

/** State and parent pid from /proc/<pid>/stat (comm may contain spaces and parentheses). */
function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/** Direct children of pid (PostgreSQL's backends and auxiliary processes). */
export function childPids(pid: number): number[] {
  return allPids().filter((p) => procStat(p)?.ppid === pid);
}

/** True while pid runs; a zombie (killed, not yet reaped by init) counts as gone. */
export function isAlive(pid: number): boolean {
  const state = procStat(pid)?.state;
  return state !== undefined && state !== 'Z' && state !== 'X';
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** SIGKILLs pid and its direct children (collected first: they are re-parented afterwards). */
export function killTreeSync(pid: number): number[] {
  const children = childPids(pid);
  killQuietly(pid);
  children.forEach(killQuietly);
  return children;
}

/** Kills every registered server and its children, synchronously (safe in an exit handler). */
export function killAllSync(): void {
  for (const pid of [...live.keys()]) killTreeSync(pid);
  live.clear();
}

export function registerServer(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  live.set(pid, child);
  child.once('exit', () => live.delete(pid));
  if (!exitHandlerInstalled) {
    exitHandlerInstalled = true;
    process.on('exit', killAllSync);
  }
}

/** Pids of servers that are still running (tests assert this is empty after stop()). */
export function liveServerPids(): number[] {
  return [...live.keys()];
}

/** Resolves once none of pids exists any more (or after timeoutMs). */
export async function waitGone(pids: number[], timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

function procLink(pid: number, what: 'cwd'): string {
  try {
    return readlinkSync(`/proc/${pid}/${what}`);
  } catch {
    return '';
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * Live processes whose command line mentions `dir` or whose working directory is inside it:
 * postmasters (`postgres -D DIR/...`) and their backends (which chdir to the data directory).
 */
export function processesUnder(dir: string): { pid: number; cmdline: string }[] {
  return allPids()
    .filter((pid) => pid !== process.pid && isAlive(pid))
    .filter((pid) => cmdline(pid).includes(dir) || procLink(pid, 'cwd').startsWith(dir))
    .map((pid) => ({ pid, cmdline: cmdline(pid) }));
}
