// bootstrap.recovery, the `<cluster>-1-full-recovery` job (facts §5), as CNPG's restore.go
// and the plugin's restore run it: the new Cluster must archive into empty places; the
// backup is chosen as barman-cloud's catalog does (catalog.ts); its first WAL must be in the
// archive; the base backup is extracted and PostgreSQL is configured to replay the archived
// WAL through restore_command up to the target, then promote on a new timeline. The
// `.check-empty-wal-archive` marker makes the first archive attempt check emptiness again.
import { chown, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecoveryLog, RecoveryPlan } from '../cnpg/backup-hooks.ts';
import type { KubeObject } from '../kube/types.ts';
import type { Instance } from '../postgres/instance.ts';
import { openArchive } from './access.ts';
import type { AccessDeps } from './access.ts';
import { CHECK_EMPTY_WAL_ARCHIVE_FILE, ensureEmptyArchive, findWal } from './archiver.ts';
import { downloadBaseBackup } from './base-backup.ts';
import { chooseBackup, listBackups } from './catalog.ts';
import type { BackupChoice } from './catalog.ts';
import { obj, recoveryArchive, walArchives } from './config.ts';
import { parseTargetTime } from './target-time.ts';

/** PostgreSQL's recovery settings for a recoveryTarget (CNPG's mapping). */
export function recoverySettings(target: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const set = (key: string, v: unknown) => {
    if (typeof v === 'string' || typeof v === 'number') out[key] = String(v);
  };
  // PostgreSQL reads a timestamp, not RFC3339 ('T', 'Z'): CNPG converts it the same way.
  if (typeof target.targetTime === 'string' && target.targetTime !== '') {
    const time = parseTargetTime(target.targetTime);
    if (!time) throw new Error(`recoveryTarget.targetTime ${target.targetTime} is not a time`);
    out.recovery_target_time = time.toISOString().replace('T', ' ').replace('Z', '+00');
  }
  set('recovery_target_lsn', target.targetLSN);
  set('recovery_target_name', target.targetName);
  set('recovery_target_xid', target.targetXID);
  if (target.targetImmediate === true) out.recovery_target = 'immediate';
  const targeted = Object.keys(out).length > 0;
  out.recovery_target_timeline =
    typeof target.targetTLI === 'string' || typeof target.targetTLI === 'number'
      ? String(target.targetTLI)
      : 'latest';
  if (target.exclusive === true) out.recovery_target_inclusive = 'off';
  if (targeted) out.recovery_target_action = 'promote';
  return out;
}

/** Fails as barman-cloud-check-wal-archive does when a destination already holds WAL. */
export async function checkEmptyArchive(
  deps: AccessDeps,
  cluster: KubeObject,
  log: (line: string) => void,
): Promise<void> {
  if (cluster.metadata.annotations?.['cnpg.io/skipEmptyWalArchiveCheck'] === 'enabled') return;
  for (const config of walArchives(deps.store, cluster))
    await ensureEmptyArchive(openArchive(deps, config), log);
}

function choice(target: Record<string, unknown> | undefined): BackupChoice | undefined {
  if (!target) return undefined;
  const s = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    backupID: s(target.backupID),
    targetTime: s(target.targetTime),
    targetLSN: s(target.targetLSN),
    targetTLI: s(target.targetTLI),
  };
}

async function writeEmpty(instance: Instance, file: string): Promise<void> {
  const path = join(instance.dataDir, file);
  await writeFile(path, '', { mode: 0o600 });
  if (instance.user) await chown(path, instance.user.uid, instance.user.gid);
}

/** Extracts the chosen base backup into `instance` and writes recovery.signal. */
export async function restoreBaseBackup(
  deps: AccessDeps,
  cluster: KubeObject,
  instance: Instance,
  log: RecoveryLog,
): Promise<RecoveryPlan> {
  const recovery = obj(obj(cluster.spec?.bootstrap).recovery);
  if (typeof recovery.source === 'string')
    log('Recovering from external cluster', { sourceName: recovery.source });
  const config = recoveryArchive(deps.store, cluster);
  const at = openArchive(deps, config);
  const raw = recovery.recoveryTarget;
  const target = raw === undefined ? undefined : obj(raw);
  const backup = chooseBackup(await listBackups(at.store, at.root), choice(target));
  if (!backup) throw new Error('no target backup found');
  log('Target backup found', { backupID: backup.backupId, backupName: backup.backupName });
  if (!(await findWal(at, backup.beginWal)))
    throw new Error(
      `encountered an error while checking the presence of first needed WAL in the archive: ${backup.beginWal} not found`,
    );
  await instance.removeData();
  log('Starting barman-cloud-restore', { backupID: backup.backupId });
  await downloadBaseBackup(at, backup.backupId, instance);
  log('Restore completed');
  // recovery.signal; and no primary_conninfo of the source (a standby's backup carries it).
  for (const file of ['recovery.signal', 'postgresql.auto.conf', CHECK_EMPTY_WAL_ARCHIVE_FILE])
    await writeEmpty(instance, file);
  return { backup, settings: recoverySettings(target ?? {}) };
}
