// The base backups of a server in the object store (each base/<id>/backup.info), and the one
// a recovery uses, chosen as barman-cloud's catalog does (pkg/catalog FindBackupInfo, used
// by CNPG 1.30 and the plugin): recoveryTarget.backupID when given (an error when absent);
// else for targetTime the latest backup that ended at or before it, for targetLSN the latest
// whose end LSN is below it, else the latest; each restricted to targetTLI when that is a
// number ('' and 'latest' take any timeline). Without a recoveryTarget: the latest backup.
import type { ArchiveStore } from './archive-store.ts';
import { parseBackupInfo } from './backup-info.ts';
import type { BackupInfo } from './backup-info.ts';
import { basePrefix } from './layout.ts';
import { parseLsn, parseTargetTime } from './target-time.ts';

export async function listBackups(store: ArchiveStore, root: string): Promise<BackupInfo[]> {
  const infos: BackupInfo[] = [];
  for await (const o of store.list(basePrefix(root))) {
    if (!o.name.endsWith('/backup.info')) continue;
    const body = await store.get(o.name);
    infos.push(parseBackupInfo(body.toString('utf8')));
  }
  return infos.sort((a, b) => a.endTime.getTime() - b.endTime.getTime());
}

/** spec.bootstrap.recovery.recoveryTarget fields that choose the backup. */
export interface BackupChoice {
  backupID?: string | undefined;
  targetTime?: string | undefined;
  targetLSN?: string | undefined;
  targetTLI?: string | undefined;
}

/** The backup to restore; undefined when none fits; throws for a backupID not found. */
export function chooseBackup(
  backups: BackupInfo[],
  want: BackupChoice | undefined,
): BackupInfo | undefined {
  const done = backups.filter((b) => b.status === 'DONE');
  if (!want) return done.at(-1);
  if (want.backupID) {
    const found = done.find((b) => b.backupId === want.backupID);
    if (!found) throw new Error(`no backup found with ID ${want.backupID}`);
    return found;
  }
  const tli = want.targetTLI ?? '';
  const onTimeline = (b: BackupInfo) =>
    tli === '' || tli === 'latest' || String(b.timeline) === tli;
  const candidates = done.filter(onTimeline);
  if (want.targetTime) {
    const time = parseTargetTime(want.targetTime);
    if (!time) throw new Error(`while parsing recovery target targetTime: ${want.targetTime}`);
    return candidates.filter((b) => b.endTime.getTime() <= time.getTime()).at(-1);
  }
  if (want.targetLSN) {
    const lsn = parseLsn(want.targetLSN);
    if (lsn === undefined)
      throw new Error(`while parsing recovery target targetLSN: ${want.targetLSN}`);
    return candidates.filter((b) => (parseLsn(b.endXlog) ?? 0n) < lsn).at(-1);
  }
  return candidates.at(-1);
}
