// bootstrap.recovery, the `<cluster>-1-full-recovery` job (facts §5): choose the base
// backup (recoveryTarget.backupID, else the latest that ended before targetTime/targetLSN,
// else the latest), extract it, and configure PostgreSQL to replay the archived WAL through
// restore_command up to the target, then promote on a new timeline. Also the guard that a
// new cluster archives only into an empty serverName ("Expected empty archive").
import { writeFile, chown } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '../kube/types.ts';
import type { Instance } from '../postgres/instance.ts';
import { openArchive } from './access.ts';
import type { AccessDeps } from './access.ts';
import type { BackupInfo } from './backup-info.ts';
import { downloadBaseBackup } from './base-backup.ts';
import { chooseBackup, listBackups } from './catalog.ts';
import { clusterArchive, obj, recoveryArchive } from './config.ts';
import { walsPrefix } from './layout.ts';

/** PostgreSQL's recovery settings for a recoveryTarget (CNPG's mapping). */
export function recoverySettings(target: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const set = (key: string, v: unknown) => {
    if (typeof v === 'string' || typeof v === 'number') out[key] = String(v);
  };
  // PostgreSQL reads a timestamp, not RFC3339 ('T', 'Z'): CNPG converts it the same way.
  const time = targetDate(target.targetTime);
  if (time) out.recovery_target_time = time.toISOString().replace('T', ' ').replace('Z', '+00');
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

function targetDate(v: unknown): Date | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const d = new Date(
    /[zZ]|[+-]\d\d(:?\d\d)?$/.test(v) ? v.replace(' ', 'T') : `${v.replace(' ', 'T')}Z`,
  );
  if (Number.isNaN(d.getTime())) throw new Error(`recoveryTarget.targetTime ${v} is not a time`);
  return d;
}

/** Fails as barman-cloud-check-wal-archive does when serverName already holds WAL. */
export async function checkEmptyArchive(deps: AccessDeps, cluster: KubeObject): Promise<void> {
  if (cluster.metadata.annotations?.['cnpg.io/skipEmptyWalArchiveCheck'] === 'enabled') return;
  const config = clusterArchive(deps.store, cluster);
  if (!config) return;
  const at = openArchive(deps, config);
  const first = await at.container.listBlobsFlat({ prefix: walsPrefix(at.root) }).next();
  if (!first.done)
    throw new Error(
      `WAL archive check failed for server ${config.serverName}: Expected empty archive`,
    );
}

export interface RecoveryPlan {
  backup: BackupInfo;
  settings: Record<string, string>;
}

/** Extracts the chosen base backup into `instance` and writes recovery.signal. */
export async function restoreBaseBackup(
  deps: AccessDeps,
  cluster: KubeObject,
  instance: Instance,
): Promise<RecoveryPlan> {
  const config = recoveryArchive(deps.store, cluster);
  const at = openArchive(deps, config);
  const target = obj(obj(obj(cluster.spec?.bootstrap).recovery).recoveryTarget);
  const backups = await listBackups(at.container, at.root);
  const backup = chooseBackup(backups, {
    backupID: typeof target.backupID === 'string' ? target.backupID : undefined,
    targetTime: targetDate(target.targetTime),
    targetLSN: typeof target.targetLSN === 'string' ? target.targetLSN : undefined,
  });
  if (!backup)
    throw new Error(
      `no target backup found in ${config.configuration.destinationPath} for server ${config.serverName} ` +
        `(${String(backups.length)} backups there)`,
    );
  await instance.removeData();
  await downloadBaseBackup(at, backup.backupId, instance);
  // recovery.signal; and no primary_conninfo of the source (a standby's backup carries it).
  for (const file of ['recovery.signal', 'postgresql.auto.conf']) {
    const path = join(instance.dataDir, file);
    await writeFile(path, '', { mode: 0o600 });
    if (instance.user) await chown(path, instance.user.uid, instance.user.gid);
  }
  return { backup, settings: recoverySettings(target) };
}
