// Runs one Backup the way CNPG 1.30 and barman-cloud do: pick the instance (target
// prefer-standby or primary), phases started -> running -> completed|failed (plugin backups
// skip running), base backup to the object store, the end WAL archived, then the Backup
// status fields, the Cluster's LastBackupSucceeded condition and recoverability fields
// (in-core only), or the ObjectStore's status.serverRecoveryWindow (plugin).
import { recordEvent } from '../cnpg/events.ts';
import { instancePods, podIsReady } from '../cnpg/pods.ts';
import { CLUSTERS, rfc3339 } from '../cnpg/resources.ts';
import { setClusterCondition } from '../cnpg/status.ts';
import type { Condition } from '../cnpg/status.ts';
import type { KubeObject } from '../kube/types.ts';
import type { Instance } from '../postgres/instance.ts';
import { openArchive } from './access.ts';
import type { AccessDeps, ArchiveLocation } from './access.ts';
import type { BackupInfo } from './backup-info.ts';
import { uploadBaseBackup } from './base-backup.ts';
import { BACKUPS, obj } from './config.ts';
import type { ArchiveConfig } from './config.ts';
import { backupIdAt, walBlobName } from './layout.ts';

export interface BackupRunDeps extends AccessDeps {
  log: (line: string) => void;
  instance: (namespace: string, pod: string) => Instance | undefined;
  /** After a completed backup: retention and the recovery window. */
  afterBackup: (cluster: KubeObject, config: ArchiveConfig, at: ArchiveLocation) => Promise<void>;
}

const END_WAL_TIMEOUT_MS = 60_000;

export function patchBackup(
  deps: AccessDeps,
  b: KubeObject,
  fn: (s: Record<string, unknown>) => void,
) {
  if (!deps.store.get(BACKUPS, b.metadata.namespace, b.metadata.name)) return;
  deps.store.patchStatus(BACKUPS, b.metadata.namespace, b.metadata.name, fn);
}

function lastBackupCondition(error?: string, started = false): Condition {
  if (started)
    return {
      type: 'LastBackupSucceeded',
      status: 'False',
      reason: 'BackupStarted',
      message: 'New Backup starting up',
    };
  return error === undefined
    ? {
        type: 'LastBackupSucceeded',
        status: 'True',
        reason: 'LastBackupSucceeded',
        message: 'Backup was successful',
      }
    : { type: 'LastBackupSucceeded', status: 'False', reason: 'LastBackupFailed', message: error };
}

function patchCluster(
  deps: AccessDeps,
  cluster: KubeObject,
  fn: (s: Record<string, unknown>) => void,
) {
  const { namespace, name } = cluster.metadata;
  if (deps.store.get(CLUSTERS, namespace, name))
    deps.store.patchStatus(CLUSTERS, namespace, name, fn);
}

function setLastBackup(deps: AccessDeps, cluster: KubeObject, cond: Condition) {
  setClusterCondition(deps.store, cluster.metadata.namespace, cluster.metadata.name, cond);
}

function currentPrimary(cluster: KubeObject): string | undefined {
  const name = cluster.status?.currentPrimary;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The pod the backup runs on: a ready standby when preferred and available, else the primary. */
function targetPod(deps: AccessDeps, cluster: KubeObject, backup: KubeObject): string | undefined {
  const primary = currentPrimary(cluster);
  const target = obj(backup.spec).target ?? obj(obj(cluster.spec).backup).target;
  if (target === 'primary') return primary;
  const standby = instancePods(deps.store, cluster.metadata.namespace, cluster.metadata.name)
    .filter((p) => p.metadata.name !== primary && podIsReady(p))
    .map((p) => p.metadata.name)
    .sort()[0];
  return standby ?? primary;
}

async function waitArchived(
  deps: BackupRunDeps,
  cluster: KubeObject,
  at: ArchiveLocation,
  wal: string,
) {
  const primary = currentPrimary(cluster);
  // A record first: pg_switch_wal() on an empty segment switches nothing, and a standby's
  // backup can end right at the start of the primary's current (empty) segment.
  await deps
    .instance(cluster.metadata.namespace ?? '', primary ?? '')
    ?.query("SELECT pg_logical_emit_message(false, 'sandbox', 'backup end'), pg_switch_wal()");
  const blob = at.container.getBlobClient(walBlobName(at.root, wal));
  const deadline = Date.now() + END_WAL_TIMEOUT_MS;
  while (!(await blob.exists())) {
    if (Date.now() > deadline)
      throw new Error(
        `WAL archiving is not working: ${wal}, the end of the backup, was not archived within 60 s`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

function completedStatus(info: BackupInfo, config: ArchiveConfig) {
  return {
    phase: 'completed',
    backupId: info.backupId,
    backupName: info.backupName,
    destinationPath: config.configuration.destinationPath,
    serverName: config.serverName,
    ...(config.method === 'barmanObjectStore' && config.configuration.azureCredentials
      ? { azureCredentials: config.configuration.azureCredentials }
      : {}),
    beginWal: info.beginWal,
    endWal: info.endWal,
    beginLSN: info.beginXlog,
    endLSN: info.endXlog,
    startedAt: rfc3339(info.beginTime),
    stoppedAt: rfc3339(info.endTime),
    backupLabelFile: Buffer.from(info.backupLabel).toString('base64'),
    majorVersion: Math.floor(info.version / 10000),
    online: true,
  };
}

export async function runBackup(
  deps: BackupRunDeps,
  backup: KubeObject,
  cluster: KubeObject,
  config: ArchiveConfig,
) {
  const namespace = backup.metadata.namespace ?? 'default';
  const pod = targetPod(deps, cluster, backup);
  const instance = pod ? deps.instance(namespace, pod) : undefined;
  if (!pod || !instance?.running)
    throw new Error(`no running instance to take the backup on (target ${pod ?? 'none'})`);
  const plugin = config.method === 'plugin';
  recordEvent(
    deps,
    backup,
    'Normal',
    'Starting',
    `Starting backup for cluster ${cluster.metadata.name}`,
  );
  patchBackup(deps, backup, (s) => {
    Object.assign(s, {
      phase: 'started',
      method: plugin ? 'plugin' : 'barmanObjectStore',
      instanceID: { podName: pod },
      reconciliationStartedAt: rfc3339(),
    });
  });
  setLastBackup(deps, cluster, lastBackupCondition(undefined, true));
  const at = openArchive(deps, config);
  const backupId = backupIdAt(new Date());
  if (!plugin)
    patchBackup(deps, backup, (s) => {
      Object.assign(s, {
        phase: 'running',
        backupId,
        destinationPath: config.configuration.destinationPath,
        serverName: config.serverName,
        startedAt: rfc3339(),
      });
    });
  recordEvent(deps, backup, 'Normal', 'BackupStarted', 'Backup started');
  const failing = deps.faults.get().failingBackups;
  if (failing.includes('*') || failing.includes(backup.metadata.name))
    throw new Error(
      'barman-cloud-backup: uploading data.tar failed (injected: faults.failingBackups)',
    );
  const info = await uploadBaseBackup({ instance, at, backupId, backupName: backup.metadata.name });
  await waitArchived(deps, cluster, at, info.endWal);
  // The recovery window (and retention) before `completed`, so that a waiter sees both.
  await deps.afterBackup(cluster, config, at);
  patchBackup(deps, backup, (s) =>
    Object.assign(s, completedStatus(info, config), { reconciliationTerminatedAt: rfc3339() }),
  );
  setLastBackup(deps, cluster, lastBackupCondition());
  if (!plugin)
    patchCluster(deps, cluster, (s) => {
      s.lastSuccessfulBackup = rfc3339(info.endTime);
      s.lastSuccessfulBackupByMethod = { barmanObjectStore: rfc3339(info.endTime) };
    });
  recordEvent(deps, backup, 'Normal', 'Completed', 'Backup completed');
  deps.log(
    `${namespace}/${backup.metadata.name}: backup ${backupId} of ${cluster.metadata.name} completed on ${pod}`,
  );
}

export function failBackup(
  deps: AccessDeps & { log: (l: string) => void },
  backup: KubeObject,
  cluster: KubeObject | undefined,
  message: string,
) {
  patchBackup(deps, backup, (s) =>
    Object.assign(s, {
      phase: 'failed',
      error: message,
      stoppedAt: rfc3339(),
      reconciliationTerminatedAt: rfc3339(),
    }),
  );
  if (cluster) {
    setLastBackup(deps, cluster, lastBackupCondition(message));
    patchCluster(deps, cluster, (s) => (s.lastFailedBackup = rfc3339()));
  }
  recordEvent(deps, backup, 'Warning', 'Failed', `Backup failed: ${message}`);
}
