// barman-cloud-backup and barman-cloud-restore on the sandbox: an online base backup of a
// running instance (primary or standby) streamed as base/<backupId>/data.tar (data.tar.gz
// with data.compression gzip) with backup_label added after pg_backup_stop, then
// backup.info; and the way back into an empty data directory, extracted by GNU tar as the
// server user. As barman does, pg_backup_stop() waits for the end WAL to be archived on a
// primary (so a backup whose WAL cannot be archived stays running); on a standby it does not
// wait, and a WAL switch on the primary pushes the end segment out.
import { spawn } from 'node:child_process';
import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { EMPTY_DIRS, isMissing, skipped } from '../postgres/base-backup.ts';
import type { Instance } from '../postgres/instance.ts';
import { chownToServer } from '../users.ts';
import type { ArchiveLocation } from './access.ts';
import { formatBackupInfo } from './backup-info.ts';
import type { BackupInfo } from './backup-info.ts';
import { dataTarName, dataTarReader, dataTarWriter } from './compression.ts';
import { backupBlobName, segmentOf } from './layout.ts';
import { TarWriter } from './tar.ts';

async function addTree(tar: TarWriter, dir: string, rel: string): Promise<void> {
  const entries = await readdir(join(dir, rel), { withFileTypes: true }).catch((e: unknown) => {
    if (isMissing(e)) return [];
    throw e;
  });
  for (const e of entries) {
    const name = rel ? `${rel}/${e.name}` : e.name;
    if (skipped(e.name, rel === '')) continue;
    if (e.isDirectory()) {
      await tar.addDirectory(name);
      if (!(rel === '' && EMPTY_DIRS.has(e.name))) await addTree(tar, dir, name);
    } else if (e.isFile()) {
      const data = await readFile(join(dir, name)).catch((err: unknown) => {
        if (isMissing(err)) return undefined;
        throw err;
      });
      if (data) await tar.addFile(name, data);
    }
  }
}

async function uploadTar(at: ArchiveLocation, blob: string, fill: (t: TarWriter) => Promise<void>) {
  const tar = new TarWriter();
  const gzip = dataTarWriter(blob);
  const body = gzip ? tar.stream.pipe(gzip) : tar.stream;
  const upload = at.store.upload(blob, body);
  try {
    await fill(tar);
    await tar.end();
  } catch (error) {
    // Piped into gzip, the tar stream has no error listener of its own (pipe forwards none):
    // the failure reaches the upload through gzip, and the tar stream just closes.
    if (gzip) {
      tar.stream.destroy();
      gzip.destroy(error as Error);
    } else tar.stream.destroy(error as Error);
    await upload.catch(() => undefined);
    throw error;
  }
  await upload;
  return tar.bytes;
}

interface StartedBackup {
  lsn: string;
  timeline: number;
  systemId: string;
  version: number;
}

async function backupStart(client: pg.Client, label: string): Promise<StartedBackup> {
  const start = await client.query<{ lsn: string }>('SELECT pg_backup_start($1, true) AS lsn', [
    label,
  ]);
  const info = await client.query<{ timeline: number; system: string; version: string }>(
    `SELECT (SELECT timeline_id FROM pg_control_checkpoint()) AS timeline,
            (SELECT system_identifier::text FROM pg_control_system()) AS system,
            current_setting('server_version_num') AS version`,
  );
  const row = info.rows[0];
  return {
    lsn: start.rows[0]?.lsn ?? '0/0',
    timeline: row?.timeline ?? 1,
    systemId: row?.system ?? '',
    version: Number(row?.version ?? 0),
  };
}

export interface BaseBackupRequest {
  instance: Instance;
  /** The current primary when the backup runs on a standby (its WAL is switched at the end). */
  primary: Instance | undefined;
  at: ArchiveLocation;
  backupId: string;
  backupName: string;
  /** Ends the backup's session (and a pg_backup_stop waiting for the archive). */
  signal: AbortSignal;
}

async function stopBackup(
  client: pg.Client,
  primary: Instance | undefined,
): Promise<{ lsn: string; labelfile: string }> {
  // barman switches WAL on the primary while a standby stops its backup (postgres.py).
  const switching = primary
    ?.query("SELECT pg_logical_emit_message(false, 'barman', 'switch')")
    .then(() => primary.query('SELECT pg_switch_wal()'))
    .catch(() => undefined);
  const stop = await client.query<{ lsn: string; labelfile: string }>(
    'SELECT lsn, labelfile FROM pg_backup_stop()',
  );
  await switching;
  return stop.rows[0] ?? { lsn: '', labelfile: '' };
}

/** Takes the backup and uploads data.tar and backup.info. */
export async function uploadBaseBackup(r: BaseBackupRequest): Promise<BackupInfo> {
  const client = await r.instance.connect();
  const abort = () => void client.end().catch(() => undefined);
  r.signal.addEventListener('abort', abort, { once: true });
  try {
    const beginTime = new Date();
    const started = await backupStart(client, `barman_cloud_backup_${r.backupId}`);
    let labelFile = '';
    let endLsn = '';
    const tarName = dataTarName(r.at.config.configuration.dataCompression);
    const size = await uploadTar(
      r.at,
      backupBlobName(r.at.root, r.backupId, tarName),
      async (tar) => {
        await addTree(tar, r.instance.dataDir, '');
        const stop = await stopBackup(client, r.primary === r.instance ? undefined : r.primary);
        endLsn = stop.lsn;
        labelFile = stop.labelfile;
        await tar.addFile('backup_label', Buffer.from(labelFile));
      },
    );
    const info: BackupInfo = {
      backupId: r.backupId,
      backupName: r.backupName,
      serverName: r.at.config.serverName,
      status: 'DONE',
      beginTime,
      endTime: new Date(),
      beginWal: segmentOf(started.timeline, started.lsn),
      endWal: segmentOf(started.timeline, endLsn),
      beginXlog: started.lsn,
      endXlog: endLsn,
      timeline: started.timeline,
      systemId: started.systemId,
      version: started.version,
      size,
      backupLabel: labelFile,
      error: '',
    };
    const text = formatBackupInfo(info);
    await r.at.store.put(backupBlobName(r.at.root, r.backupId, 'backup.info'), Buffer.from(text));
    return info;
  } finally {
    r.signal.removeEventListener('abort', abort);
    await client.end().catch(() => undefined);
  }
}

/** Extracts base/<backupId>/data.tar[.gz] into the instance's (empty) data directory. */
export async function downloadBaseBackup(
  at: ArchiveLocation,
  backupId: string,
  instance: Instance,
): Promise<void> {
  await instance.prepareDirs();
  const names: string[] = [];
  for await (const o of at.store.list(backupBlobName(at.root, backupId, ''))) names.push(o.name);
  const tar = dataTarReader(names);
  const stream = await at.store.read(tar.name);
  const body = tar.unpack ? stream.pipe(tar.unpack()) : stream;
  const user = instance.user;
  const child = spawn('tar', ['-x', '-f', '-', '-C', instance.dataDir, '--no-same-owner'], {
    stdio: ['pipe', 'ignore', 'pipe'],
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  body.pipe(child.stdin);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`extracting data.tar of ${backupId} failed: ${stderr.trim()}`);
  for (const dir of ['pg_wal/archive_status', 'pg_wal/summaries']) {
    await mkdir(join(instance.dataDir, dir), { recursive: true, mode: 0o700 });
    await chownToServer(join(instance.dataDir, dir), user);
  }
  await stat(join(instance.dataDir, 'backup_label'));
}
