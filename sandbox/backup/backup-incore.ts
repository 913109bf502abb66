// An in-core (barmanObjectStore) backup in the instance manager, as CNPG 1.30 runs it
// (pkg/management/postgres/backup.go): the status is set up and the phase becomes `running`
// (backupName backup-<YYYYMMDDHHMMSS>, destinationPath, serverName, credentials); WAL
// archiving must work first (checked up to 10 x 60 s, then `walArchivingFailing`, which is
// not terminal); then event Starting "Backup started", the base backup, event Completed,
// `completed` with barman's fields, LastBackupSucceeded; a failure is a Normal event
// Failed "Backup failed" and FlagBackupAsFailed. Backup maintenance follows either way:
// retention, then firstRecoverabilityPoint and lastSuccessfulBackup on the Cluster, so they
// are written after the Backup is completed.
import { recordEvent } from '../cnpg/events.ts';
import { rfc3339 } from '../cnpg/resources.ts';
import { openArchive } from './access.ts';
import type { BackupInfo } from './backup-info.ts';
import { backupNameAt, stopping, takeBaseBackup, windowAfterBackup } from './backup-job.ts';
import type { BackupJob } from './backup-job.ts';
import {
  failBackup,
  patchBackup,
  setBackupCondition,
  setClusterBackupTimes,
} from './backup-status.ts';
import { walArchiveWorks } from './wal-check.ts';

function barmanFields(info: BackupInfo): Record<string, unknown> {
  return {
    backupName: info.backupName,
    backupId: info.backupId,
    startedAt: rfc3339(info.beginTime),
    stoppedAt: rfc3339(info.endTime),
    beginWal: info.beginWal,
    endWal: info.endWal,
    beginLSN: info.beginXlog,
    endLSN: info.endXlog,
  };
}

/** setupBackupStatus: phase running with where the backup goes. */
function setUp(job: BackupJob, backupName: string): void {
  const c = job.config.configuration;
  patchBackup(job.deps.store, job.backup, (s) => {
    Object.assign(s, {
      backupName,
      destinationPath: c.destinationPath,
      ...(c.endpointURL ? { endpointURL: c.endpointURL } : {}),
      serverName: job.config.serverName,
      ...(c.azureCredentials ? { azureCredentials: c.azureCredentials } : {}),
      ...(c.s3Credentials ? { s3Credentials: c.s3Credentials } : {}),
      phase: 'running',
    });
  });
}

async function takeBackup(job: BackupJob, backupName: string): Promise<void> {
  const { deps, backup, cluster } = job;
  recordEvent(deps, backup, 'Normal', 'Starting', 'Backup started');
  setBackupCondition(deps.store, cluster, false);
  const at = openArchive(deps, job.config);
  const info = await takeBaseBackup(job, at, backupName);
  recordEvent(deps, backup, 'Normal', 'Completed', 'Backup completed');
  patchBackup(deps.store, backup, (s) =>
    Object.assign(
      s,
      { phase: 'completed', error: '', reconciliationTerminatedAt: rfc3339() },
      barmanFields(info),
    ),
  );
  setBackupCondition(deps.store, cluster, true);
  deps.log(
    `${backup.metadata.namespace ?? ''}/${backup.metadata.name}: backup ${info.backupId} of ${cluster.metadata.name} completed on ${job.target.pod.metadata.name}`,
  );
}

async function maintenance(job: BackupJob): Promise<void> {
  try {
    const window = await windowAfterBackup(openArchive(job.deps, job.config));
    setClusterBackupTimes(job.deps.store, job.cluster, window);
  } catch (error) {
    job.deps.log(`${job.cluster.metadata.name}: backup maintenance failed: ${String(error)}`);
  }
}

export async function runInCoreBackup(job: BackupJob): Promise<void> {
  const { deps, backup, cluster, target } = job;
  const backupName = backupNameAt(new Date());
  setUp(job, backupName);
  const works = await walArchiveWorks({
    target: target.instance,
    primary: target.primary,
    attempts: deps.timings.walArchiveCheckAttempts,
    intervalMs: deps.timings.walArchiveCheckIntervalMs,
    signal: deps.signal,
  }).catch(() => false);
  if (stopping(deps)) return;
  if (!works) {
    deps.log(
      `${backup.metadata.namespace ?? ''}/${backup.metadata.name}: WAL archiving is not working`,
    );
    patchBackup(deps.store, backup, (s) => (s.phase = 'walArchivingFailing'));
    return;
  }
  try {
    await takeBackup(job, backupName);
  } catch (error) {
    if (stopping(deps)) return;
    recordEvent(deps, backup, 'Normal', 'Failed', 'Backup failed');
    failBackup(deps.store, backup, cluster, error instanceof Error ? error.message : String(error));
  }
  await maintenance(job);
}
