// The unprivileged user the sandbox runs PostgreSQL as. PostgreSQL refuses to run as root, so
// when this process is root every server process is started as `nobody:nogroup` on data
// directories that user owns; otherwise the servers run as the current user.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chown } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

const SETPRIV = '/usr/bin/setpriv';

function lookupId(file: string, name: string): number | undefined {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const id = line?.split(':')[2];
  return id === undefined ? undefined : Number(id);
}

/** The user to run servers as when this process is root; undefined when not root. */
export function serverUser(): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = lookupId('/etc/passwd', 'nobody');
  const gid = lookupId('/etc/group', 'nogroup') ?? lookupId('/etc/group', 'nobody');
  if (uid === undefined || gid === undefined) {
    throw new Error(
      'running as root, but /etc/passwd has no user "nobody" (or /etc/group no "nogroup") ' +
        'to run PostgreSQL as: add them, or run the sandbox as an ordinary user',
    );
  }
  return { name: 'nobody', uid, gid };
}

/**
 * Command line that runs `command` as `user` and kills it when this process dies
 * (PR_SET_PDEATHSIG through util-linux setpriv, applied after the uid change), so that even
 * a SIGKILLed test worker leaves no server behind. Without setpriv the caller falls back to
 * spawn's uid/gid options (no death signal).
 */
export function wrapCommand(
  user: ServerUser | undefined,
  command: string,
  args: string[],
): { command: string; args: string[]; ids?: { uid: number; gid: number } } {
  if (!existsSync(SETPRIV)) {
    return user ? { command, args, ids: { uid: user.uid, gid: user.gid } } : { command, args };
  }
  const ids = user ? [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups'] : [];
  return { command: SETPRIV, args: [...ids, '--pdeathsig', 'KILL', '--', command, ...args] };
}

/** Gives `path` to the server user (no-op when not root). */
export async function chownToServer(path: string, user: ServerUser | undefined): Promise<void> {
  if (user) await chown(path, user.uid, user.gid);
}

/**
 * Throws when `user` cannot reach `path` (every ancestor needs the search bit for others):
 * mkdtemp makes 0700 directories that nobody cannot cross.
 */
export function assertTraversable(path: string, user: ServerUser | undefined): void {
  if (!user) return;
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    const st = statSync(dir);
    const ok = st.uid === user.uid || (st.mode & 0o001) !== 0;
    if (!ok) {
      throw new Error(
        `PostgreSQL runs as "${user.name}" and cannot reach ${path}: ${dir} is not searchable ` +
          `by others (mode ${(st.mode & 0o777).toString(8)}); run "chmod o+x ${dir}" or use ` +
          'another directory',
      );
    }
    if (dir === dirname(dir)) return;
  }
}
