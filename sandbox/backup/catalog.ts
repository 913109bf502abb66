// The base backups of a server in the object store (each base/<id>/backup.info), and the one
// a recovery uses: recoveryTarget.backupID when given, else for targetTime / targetLSN the
// latest backup that ended before the target, else the latest (facts §5).
import type { ContainerClient } from '@azure/storage-blob';
import { parseBackupInfo } from './backup-info.ts';
import type { BackupInfo } from './backup-info.ts';
import { basePrefix, lsnValue } from './layout.ts';

export async function listBackups(container: ContainerClient, root: string): Promise<BackupInfo[]> {
  const infos: BackupInfo[] = [];
  for await (const blob of container.listBlobsFlat({ prefix: basePrefix(root) })) {
    if (!blob.name.endsWith('/backup.info')) continue;
    const body = await container.getBlobClient(blob.name).downloadToBuffer();
    infos.push(parseBackupInfo(body.toString('utf8')));
  }
  return infos.sort((a, b) => a.endTime.getTime() - b.endTime.getTime());
}

export interface BackupChoice {
  backupID?: string | undefined;
  targetTime?: Date | undefined;
  targetLSN?: string | undefined;
}

export function chooseBackup(backups: BackupInfo[], want: BackupChoice): BackupInfo | undefined {
  const done = backups.filter((b) => b.status === 'DONE');
  if (want.backupID) return done.find((b) => b.backupId === want.backupID);
  const { targetTime, targetLSN } = want;
  const eligible = done.filter(
    (b) =>
      (!targetTime || b.endTime.getTime() <= targetTime.getTime()) &&
      (!targetLSN || lsnValue(b.endXlog) <= lsnValue(targetLSN)),
  );
  return eligible.at(-1);
}
