// A plugin backup (method plugin) as the instance manager and the Barman Cloud plugin run it
// (pkg/management/postgres/webserver/plugin_backup.go; plugin internal/cnpgi/instance/
// backup.go): never `running`; event Starting "Backup started", LastBackupSucceeded
// starting; the plugin takes the base backup, refreshes the ObjectStore's
// serverRecoveryWindow (or sets lastFailedBackupTime when the backup fails); then event
// Completed and `completed` with only what the plugin returns (no destinationPath or
// serverName, online true, pluginMetadata). A failure is a Normal event Failed "Backup
// failed" and FlagBackupAsFailed.
import { recordEvent } from '../cnpg/events.ts';
import { rfc3339 } from '../cnpg/resources.ts';
import { openArchive } from './access.ts';
import type { BackupInfo } from './backup-info.ts';
import { backupNameAt, stopping, takeBaseBackup, windowAfterBackup } from './backup-job.ts';
import type { BackupJob } from './backup-job.ts';
import { failBackup, patchBackup, setBackupCondition } from './backup-status.ts';
import { PLUGIN_NAME } from './config.ts';
import { setLastFailedBackupTime, setRecoveryWindow } from './objectstore-status.ts';

const PLUGIN_VERSION = '0.14.0';

function pluginResult(job: BackupJob, info: BackupInfo): Record<string, unknown> {
  return {
    backupId: info.backupId,
    backupName: info.backupName,
    beginWal: info.beginWal,
    endWal: info.endWal,
    beginLSN: info.beginXlog,
    endLSN: info.endXlog,
    online: true,
    pluginMetadata: {
      timeline: String(info.timeline),
      version: PLUGIN_VERSION,
      name: PLUGIN_NAME,
      displayName: 'BarmanCloudInstance',
      clusterUID: job.cluster.metadata.uid ?? '',
      pluginName: PLUGIN_NAME,
    },
    startedAt: rfc3339(info.beginTime),
    stoppedAt: rfc3339(info.endTime),
  };
}

/** The plugin's Backup RPC: the backup, then the recovery window (or the failure time). */
async function pluginBackup(job: BackupJob): Promise<BackupInfo> {
  const at = openArchive(job.deps, job.config);
  let info: BackupInfo;
  try {
    info = await takeBaseBackup(job, at, backupNameAt(new Date()));
  } catch (error) {
    if (!stopping(job.deps)) setLastFailedBackupTime(job.deps.store, job.config, new Date());
    throw error;
  }
  setRecoveryWindow(job.deps.store, job.config, await windowAfterBackup(at));
  return info;
}

export async function runPluginBackup(job: BackupJob): Promise<void> {
  const { deps, backup, cluster } = job;
  recordEvent(deps, backup, 'Normal', 'Starting', 'Backup started');
  setBackupCondition(deps.store, cluster, false);
  let info: BackupInfo;
  try {
    info = await pluginBackup(job);
  } catch (error) {
    if (stopping(deps)) return;
    recordEvent(deps, backup, 'Normal', 'Failed', 'Backup failed');
    failBackup(deps.store, backup, cluster, error instanceof Error ? error.message : String(error));
    return;
  }
  recordEvent(deps, backup, 'Normal', 'Completed', 'Backup completed');
  patchBackup(deps.store, backup, (s) =>
    Object.assign(
      s,
      { phase: 'completed', error: '', reconciliationTerminatedAt: rfc3339() },
      pluginResult(job, info),
    ),
  );
  setBackupCondition(deps.store, cluster, true);
  deps.log(
    `${backup.metadata.namespace ?? ''}/${backup.metadata.name}: plugin backup ${info.backupId} of ${cluster.metadata.name} completed`,
  );
}
