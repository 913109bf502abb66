// What restore-verify restores, chosen before anything is written: the source Cluster and how
// it archives (the Barman Cloud plugin's ObjectStore or the in-core barmanObjectStore), the
// Backup (backup-name, else the newest completed Backup of that method), pinned by its
// backupID, its age against max-backup-age, and that the throwaway Cluster's name is free.
import type { KubeConfig } from '@kubernetes/client-node';
import { ConfigurationError, DiagnosedError } from '../errors.ts';
import type { RestoreVerifyInputs } from '../inputs/read-restore-verify.ts';
import type { KubeHttp } from '../kube/http.ts';
import { CNPG_CLUSTER, collectionPath } from '../kube/resources.ts';
import { oneLine } from '../log-safety.ts';
import type { Logger } from '../logging.ts';
import { appDatabase, appOwner } from './app-credentials.ts';
import {
  backupConfig,
  CNPG_METHOD,
  type BackupSpecView,
  type WalArchive,
} from './backup-config.ts';
import { archiveContext } from './backup-preflight.ts';
import type { ArchiveContext } from './archiving-report.ts';
import { getBackup, listBackups, type BackupView } from './backups.ts';
import { primaryOf, readCluster, type ClusterObject } from './clusters.ts';
import { age } from './freshness.ts';
import { isHealthy } from './health.ts';
import { destinationOf, readObjectStore, type ObjectStoreView } from './recovery-window.ts';

export interface SourceDeps {
  readonly http: KubeHttp;
  readonly kc: KubeConfig;
  readonly logger: Logger;
  readonly now: () => number;
}

export type SourceCluster = ClusterObject & BackupSpecView & { spec?: Record<string, unknown> };

export interface ChosenBackup {
  readonly name: string;
  readonly backupId: string;
  /** Backup CR spec.method: plugin or barmanObjectStore. */
  readonly method: string;
  readonly startedAt?: string;
  readonly completedAt: string;
  readonly beginWal?: string;
  readonly endWal?: string;
  readonly ageSeconds: number;
  /** Where it is: <destinationPath>/<serverName>/base/<backupId>/ (no secrets). */
  readonly location: string;
}

export interface RestoreSource {
  readonly cluster: SourceCluster;
  readonly archive: WalArchive;
  readonly where: ArchiveContext;
  readonly primary: string;
  readonly database: string;
  readonly owner: string;
  readonly backup: ChosenBackup;
  readonly store?: ObjectStoreView;
}

export async function chooseSource(
  deps: SourceDeps,
  inputs: RestoreVerifyInputs,
): Promise<RestoreSource> {
  const { namespace, clusterName: name } = inputs;
  const cluster: SourceCluster = await readCluster(deps.http, namespace, name);
  const config = backupConfig(cluster, 'auto');
  const archive = config.archive;
  if (!archive) throw new ConfigurationError(`Cluster ${name} archives WAL nowhere`);
  const store =
    archive.kind === 'plugin'
      ? await readObjectStore(deps.http, namespace, archive.objectStore, name)
      : undefined;
  if (archive.kind === 'plugin' && inputs.recoveryNamespace !== namespace)
    await readObjectStore(deps.http, inputs.recoveryNamespace, archive.objectStore, name);
  const primary = primaryOf(cluster).primary ?? '';
  if (!isHealthy(cluster) && inputs.target.kind !== 'time')
    throw new ConfigurationError(
      `Cluster ${name} is not healthy (phase '${oneLine(cluster.status?.phase ?? 'none')}'): target ${inputs.target.kind} writes markers on its primary; wait until it is healthy, or restore to an explicit time (example: target: 2026-05-01T03:00:00Z)`,
    );
  const chosen = await pickBackup(deps, inputs, archive);
  const where = archiveContext(cluster, config, store, primary);
  if (!where) throw new Error('no archive context');
  const backup = describeBackup(chosen, archive, store, deps.now());
  checkAge(backup, inputs);
  checkTargetTime(backup, inputs, deps.now());
  await checkFreeName(deps.http, inputs);
  deps.logger.info(
    `Backup ${backup.name} (backupID ${backup.backupId}, ${backup.method}) completed ${backup.completedAt}, ${age(backup.ageSeconds)} ago; at ${backup.location}`,
  );
  return {
    cluster,
    archive,
    where,
    primary,
    database: appDatabase(cluster),
    owner: appOwner(cluster),
    backup,
    ...(store ? { store } : {}),
  };
}

const methodOf = (b: BackupView) => b.status?.method ?? b.spec?.method ?? 'barmanObjectStore';

async function pickBackup(
  deps: SourceDeps,
  inputs: RestoreVerifyInputs,
  archive: WalArchive,
): Promise<BackupView> {
  const { namespace, clusterName: name } = inputs;
  const wanted =
    archive.kind === 'plugin' ? CNPG_METHOD.plugin : CNPG_METHOD['barman-object-store'];
  if (inputs.backupName) {
    const b = await getBackup(deps.http, namespace, inputs.backupName);
    const problem = !b
      ? `there is no Backup ${inputs.backupName} in namespace ${namespace}`
      : b.spec?.cluster?.name !== name
        ? `Backup ${inputs.backupName} backs up Cluster ${b.spec?.cluster?.name ?? '?'}, not ${name}`
        : b.status?.phase !== 'completed'
          ? `Backup ${inputs.backupName} is ${b.status?.phase ?? 'new'}, not completed`
          : methodOf(b) !== wanted
            ? `Backup ${inputs.backupName} was taken with method ${methodOf(b)}, and Cluster ${name} archives WAL with ${wanted}: only a ${wanted} backup can be restored with that WAL`
            : undefined;
    if (problem || !b)
      throw new ConfigurationError(
        `input 'backup-name': ${problem ?? ''} (example: leave backup-name empty for the newest completed backup)`,
      );
    return b;
  }
  const all = (await listBackups(deps.http, namespace)).filter(
    (b) =>
      b.spec?.cluster?.name === name && b.status?.phase === 'completed' && methodOf(b) === wanted,
  );
  const newest = all
    .filter((b) => b.status?.backupId && Number.isFinite(Date.parse(b.status.stoppedAt ?? '')))
    .sort(
      (a, b) => Date.parse(b.status?.stoppedAt ?? '') - Date.parse(a.status?.stoppedAt ?? ''),
    )[0];
  if (!newest)
    throw new ConfigurationError(
      `Cluster ${name} has no completed ${wanted} Backup in namespace ${namespace} to restore: take one first (pgha backup), or name one with backup-name`,
    );
  return newest;
}

function describeBackup(
  b: BackupView,
  archive: WalArchive,
  store: ObjectStoreView | undefined,
  now: number,
): ChosenBackup {
  const s = b.status ?? {};
  const backupId = s.backupId ?? '';
  if (backupId === '')
    throw new ConfigurationError(
      `Backup ${b.metadata.name} has no backupId in its status: it cannot be pinned`,
    );
  const completedAt = s.stoppedAt ?? s.reconciliationTerminatedAt ?? '';
  const destination = destinationOf(archive, store)
    .replace(/[?#].*$/s, '')
    .replace(/\/+$/, '');
  return {
    name: b.metadata.name,
    backupId,
    method: methodOf(b),
    ...(s.startedAt ? { startedAt: s.startedAt } : {}),
    completedAt,
    ...(s.beginWal ? { beginWal: s.beginWal } : {}),
    ...(s.endWal ? { endWal: s.endWal } : {}),
    ageSeconds: Math.max(0, (now - Date.parse(completedAt)) / 1000),
    location: `${destination}/${archive.serverName}/base/${backupId}/`,
  };
}

function checkAge(b: ChosenBackup, inputs: RestoreVerifyInputs): void {
  const max = inputs.maxBackupAgeMs;
  if (max === undefined || b.ageSeconds * 1000 <= max) return;
  throw new DiagnosedError(
    `Backup ${b.name} completed ${age(b.ageSeconds)} ago (${b.completedAt}), more than max-backup-age (${age(max / 1000)}): has a schedule stopped?`,
    `Newest usable backup of Cluster ${inputs.clusterName}: ${b.name} (backupID ${b.backupId}). Nothing was restored.`,
  );
}

function checkTargetTime(b: ChosenBackup, inputs: RestoreVerifyInputs, now: number): void {
  const t = inputs.target;
  if (t.kind !== 'time') return;
  if (Date.parse(t.time) <= Date.parse(b.completedAt))
    throw new ConfigurationError(
      `input 'target': ${t.time} is not after Backup ${b.name} completed (${b.completedAt}); a recovery from it can only reach later times (example: target: ${new Date(Date.parse(b.completedAt) + 60_000).toISOString()}, or a backup-name of an earlier backup)`,
    );
  if (Date.parse(t.time) > now)
    throw new ConfigurationError(
      `input 'target': ${t.time} is in the future; the archive cannot reach it (example: target: latest)`,
    );
}

async function checkFreeName(http: KubeHttp, inputs: RestoreVerifyInputs): Promise<void> {
  const { recoveryCluster: name, recoveryNamespace: ns } = inputs;
  const { status } = await http.json<unknown>({
    method: 'GET',
    path: `${collectionPath(CNPG_CLUSTER.apiVersion, CNPG_CLUSTER.kind, ns)}/${name}`,
    allowNotFound: true,
    context: `checking that Cluster ${name} does not exist`,
  });
  if (status !== 404)
    throw new ConfigurationError(
      `input 'recovery-cluster': Cluster ${name} already exists in namespace ${ns} (kept by an earlier run?); delete it (kubectl delete cluster -n ${ns} ${name}) or choose another name (example: recovery-cluster: ${inputs.clusterName}-verify-2)`,
    );
}
