// A base backup without pg_basebackup: pg_backup_start() on the primary, a file copy of its
// data directory with the exclusions PostgreSQL's documentation lists ("Making a Base Backup
// Using the Low Level API"), then pg_backup_stop() whose label file becomes backup_label.
// Files may change or vanish during the copy; WAL replay from the backup's start fixes them.
import { chown, copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerUser } from '../users.ts';
import type { Instance } from './instance.ts';

/** Directories copied empty (their content is transient or rebuilt). */
export const EMPTY_DIRS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);

/** Top-level files never copied. */
const SKIP_FILES = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'backup_label',
  'backup_label.old',
  'tablespace_map',
  'standby.signal',
  'recovery.signal',
  'current_logfiles',
  'postgresql.auto.conf.tmp',
]);

export function skipped(name: string, top: boolean): boolean {
  if (name === 'pg_internal.init' || name.startsWith('pgsql_tmp')) return true;
  return top && SKIP_FILES.has(name);
}

export function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

async function own(path: string, user: ServerUser | undefined): Promise<void> {
  if (user) await chown(path, user.uid, user.gid);
}

async function copyTree(
  src: string,
  dst: string,
  user: ServerUser | undefined,
  top: boolean,
): Promise<void> {
  await mkdir(dst, { recursive: true, mode: 0o700 });
  await own(dst, user);
  const entries = await readdir(src, { withFileTypes: true }).catch((err: unknown) => {
    if (isMissing(err)) return [];
    throw err;
  });
  for (const e of entries) {
    if (skipped(e.name, top)) continue;
    const from = join(src, e.name);
    const to = join(dst, e.name);
    if (e.isDirectory()) {
      const empty = top && EMPTY_DIRS.has(e.name);
      await (empty
        ? mkdir(to, { mode: 0o700 }).then(() => own(to, user))
        : copyTree(from, to, user, false));
    } else if (e.isFile()) {
      try {
        await copyFile(from, to);
        await own(to, user);
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
    }
  }
}

export interface BaseBackupResult {
  startLsn: string;
  stopLsn: string;
}

/**
 * Copies `primary`'s running cluster into `target.dataDir` (which must not hold a cluster)
 * and writes backup_label (+ tablespace_map). The target becomes a standby by its caller.
 */
export async function takeBaseBackup(
  primary: Instance,
  target: Instance,
): Promise<BaseBackupResult> {
  const client = await primary.connect();
  try {
    const label = `pgha sandbox clone for ${target.name}`;
    const start = await client.query<{ lsn: string }>('SELECT pg_backup_start($1, true) AS lsn', [
      label,
    ]);
    await copyTree(primary.dataDir, target.dataDir, target.user, true);
    await mkdir(join(target.dataDir, 'pg_wal', 'archive_status'), { recursive: true, mode: 0o700 });
    await mkdir(join(target.dataDir, 'pg_wal', 'summaries'), { recursive: true, mode: 0o700 });
    await own(join(target.dataDir, 'pg_wal', 'archive_status'), target.user);
    await own(join(target.dataDir, 'pg_wal', 'summaries'), target.user);
    const stop = await client.query<{ lsn: string; labelfile: string; spcmapfile: string }>(
      'SELECT lsn, labelfile, spcmapfile FROM pg_backup_stop(false)',
    );
    const row = stop.rows[0];
    if (!row) throw new Error('pg_backup_stop returned no row');
    await writeOwned(join(target.dataDir, 'backup_label'), row.labelfile, target.user);
    if (row.spcmapfile) {
      await writeOwned(join(target.dataDir, 'tablespace_map'), row.spcmapfile, target.user);
    }
    return { startLsn: start.rows[0]?.lsn ?? '', stopLsn: row.lsn };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function writeOwned(
  path: string,
  text: string,
  user: ServerUser | undefined,
): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
  await own(path, user);
}
