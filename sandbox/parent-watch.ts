// Parent-death detection for the sandbox CLI. `npm run sandbox` starts `sh -c "node ..."`, so
// when a script kills npm, the sandbox's parent (that sh) lives on: watch the parent, and when
// the parent is such a `sh -c` wrapper, the wrapper's parent too. A process whose parent dies
// is re-parented (to init or a subreaper), so a changed parent pid is the signal, immune to
// pid reuse. An IPC channel's disconnect counts as well.
import { readFileSync } from 'node:fs';

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

function isShellWrapper(pid: number): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const shell = /(^|\/)(sh|dash|bash)$/.test(argv[0] ?? '');
    return shell && argv.includes('-c');
  } catch {
    return false;
  }
}

/** Calls onDeath once when the parent (or the npm behind a `sh -c` parent) goes away. */
export function watchParent(onDeath: () => void, intervalMs = 250): () => void {
  const parent = process.ppid;
  const grandparent = isShellWrapper(parent) ? parentOf(parent) : undefined;
  let done = false;
  const fire = () => {
    if (done) return;
    done = true;
    stop();
    onDeath();
  };
  const timer = setInterval(() => {
    if (process.ppid !== parent) fire();
    else if (grandparent !== undefined && parentOf(parent) !== grandparent) fire();
  }, intervalMs);
  timer.unref();
  process.once('disconnect', fire);
  const stop = () => {
    clearInterval(timer);
    process.off('disconnect', fire);
  };
  return stop;
}
