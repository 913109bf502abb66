// Before backup writes anything: the Cluster exists (and is healthy, or the step waits and
// says so), its backup method and WAL archive are found from its spec (or the step fails at
// once saying how deploy configures backups), a Backup of the same name is found (a re-run
// reports it), and what is known about archiving and backups is read: the ContinuousArchiving
// condition, pg_stat_archiver, the recovery window, the newest completed Backup and the
// ScheduledBackups.
import type { KubeConfig } from '@kubernetes/client-node';
import { ConfigurationError } from '../errors.ts';
import type { BackupInputs } from '../inputs/read-backup.ts';
import type { KubeHttp } from '../kube/http.ts';
import { oneLine } from '../log-safety.ts';
import type { Logger } from '../logging.ts';
import type { ArchiverStatus } from '../postgres/archiver.ts';
import { backupConfig, type BackupConfig, type BackupSpecView } from './backup-config.ts';
import {
  checkOwnBackup,
  listBackups,
  newestCompleted,
  type BackupView,
  type CompletedBackup,
} from './backups.ts';
import { archivingCondition, readArchiver, type Condition } from './archiving.ts';
import {
  describeArchiver,
  describeCredentials,
  walLocation,
  type ArchiveContext,
} from './archiving-report.ts';
import { primaryOf, readCluster, type ClusterObject } from './clusters.ts';
import { isHealthy } from './health.ts';
import {
  destinationOf,
  readObjectStore,
  windowOf,
  type ObjectStoreView,
  type RecoveryWindow,
} from './recovery-window.ts';
import { listSchedules, type ScheduleReport } from './schedules.ts';
import { waitHealthy } from './wait.ts';

export interface PreflightDeps {
  readonly http: KubeHttp;
  readonly kc: KubeConfig;
  readonly logger: Logger;
  readonly now: () => number;
  readonly deadline: number;
}

export interface Preflight {
  readonly cluster: ClusterObject;
  readonly config: BackupConfig;
  readonly primary: string;
  /** Where WAL goes; undefined when nothing archives it (volume snapshots alone). */
  readonly where?: ArchiveContext;
  readonly store?: ObjectStoreView;
  /** The Backup of that name from an earlier run. */
  readonly existing?: BackupView;
  /** The newest completed backup before this run (Backups, or the recovery window). */
  readonly previous?: CompletedBackup;
  readonly schedules: readonly ScheduleReport[];
  /** The Backups of the Cluster before this run. */
  readonly backups: readonly BackupView[];
  readonly condition?: Condition;
  readonly archiver?: ArchiverStatus;
  readonly window?: RecoveryWindow;
}

type ClusterWithSpec = ClusterObject & BackupSpecView & { spec?: { serviceAccountName?: string } };

export async function preflight(deps: PreflightDeps, inputs: BackupInputs): Promise<Preflight> {
  const { namespace, clusterName: name } = inputs;
  let cluster: ClusterWithSpec = await readCluster(deps.http, namespace, name);
  const config = backupConfig(cluster, inputs.method);
  deps.logger.info(`Backup method: ${config.method} (${config.reason})`);
  checkArchiving(config, inputs);
  const [store, backups, schedules] = await Promise.all([
    config.archive?.kind === 'plugin'
      ? readObjectStore(deps.http, namespace, config.archive.objectStore, name)
      : undefined,
    listBackups(deps.http, namespace),
    listSchedules(deps.http, namespace, name, deps.now()),
  ]);
  const existing = backups.find((b) => b.metadata.name === inputs.backupName);
  if (existing) checkOwnBackup(existing, name);
  if (!isHealthy(cluster)) cluster = await waitUntilHealthy(deps, cluster);
  const primary = primaryOf(cluster).primary ?? '';
  const where = config.archive ? archiveContext(cluster, config, store, primary) : undefined;
  const window = config.archive ? windowOf(config.archive, cluster, store) : undefined;
  const ours = backups.filter((b) => b.spec?.cluster?.name === name);
  const previous = newest(newestCompleted(ours), window);
  const condition = archivingCondition(cluster.status);
  const archiver = inputs.verifyWal && where ? await readArchiver(deps, where) : undefined;
  report(deps.logger, { where, condition, archiver, window, previous, schedules });
  return {
    cluster,
    config,
    primary,
    schedules,
    backups: ours,
    ...defined({ where, store, existing, previous, condition, archiver, window }),
  };
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkArchiving(config: BackupConfig, inputs: BackupInputs): void {
  if (!inputs.verifyWal) return;
  if (config.walArchivingDisabled)
    throw new ConfigurationError(
      `Cluster ${inputs.clusterName} has WAL archiving turned off (annotation cnpg.io/skipWalArchiving: enabled), so no backup can be restored to a point in time; remove the annotation, or set verify-wal: false to back up without the check`,
    );
  if (!config.archive)
    throw new ConfigurationError(
      `input 'verify-wal': Cluster ${inputs.clusterName} archives WAL nowhere (no Barman Cloud plugin, no spec.backup.barmanObjectStore): there is nothing to verify; configure a WAL archive (pgha deploy with backup-destination), or set verify-wal: false (example: verify-wal: false)`,
    );
}

async function waitUntilHealthy(
  deps: PreflightDeps,
  cluster: ClusterObject,
): Promise<ClusterObject> {
  const s = cluster.status;
  deps.logger.info(
    `Cluster ${cluster.metadata.name} is not healthy yet (phase '${oneLine(s?.phase ?? 'none')}'${s?.phaseReason ? `: ${oneLine(s.phaseReason)}` : ''}, ${s?.readyInstances ?? 0} ready); waiting until it is, within the timeout`,
  );
  return waitHealthy(deps.http, {
    namespace: cluster.metadata.namespace ?? '',
    name: cluster.metadata.name,
    deadline: deps.deadline,
    logger: deps.logger,
    now: deps.now,
  });
}

export function archiveContext(
  cluster: ClusterWithSpec,
  config: BackupConfig,
  store: ObjectStoreView | undefined,
  primary: string,
): ArchiveContext | undefined {
  const archive = config.archive;
  if (!archive) return undefined;
  const plugin = archive.kind === 'plugin';
  return {
    namespace: cluster.metadata.namespace ?? '',
    cluster: cluster.metadata.name,
    primary,
    serviceAccount: cluster.spec?.serviceAccountName ?? cluster.metadata.name,
    archive,
    location: walLocation(destinationOf(archive, store), archive.serverName),
    credentials: describeCredentials(
      plugin ? store?.spec?.configuration : cluster.spec?.backup?.barmanObjectStore,
    ),
    container: plugin ? 'plugin-barman-cloud' : 'postgres',
  };
}

/** The newer of the newest completed Backup and the recovery window's last successful backup. */
function newest(
  fromBackups: CompletedBackup | undefined,
  window: RecoveryWindow | undefined,
): CompletedBackup | undefined {
  const last = window?.lastSuccessfulBackup;
  if (!last) return fromBackups;
  if (fromBackups && Date.parse(fromBackups.completedAt) >= Date.parse(last)) return fromBackups;
  return { name: `(last successful backup in the ${window.source})`, completedAt: last };
}

interface Known {
  where: ArchiveContext | undefined;
  condition: Condition | undefined;
  archiver: ArchiverStatus | undefined;
  window: RecoveryWindow | undefined;
  previous: CompletedBackup | undefined;
  schedules: readonly ScheduleReport[];
}

function report(logger: Logger, k: Known): void {
  if (k.where)
    logger.info(`WAL archive: ${k.where.location} (credentials: ${k.where.credentials})`);
  logger.info(
    k.condition
      ? `ContinuousArchiving: ${oneLine(k.condition.status)}${k.condition.message ? ` (${oneLine(k.condition.message)})` : ''}`
      : 'ContinuousArchiving: not reported yet (it is set at the first archive attempt)',
  );
  if (k.archiver && k.where) logger.info(describeArchiver(k.where.primary, k.archiver));
  if (k.window)
    logger.info(
      `Recovery window (${k.window.source}): from ${k.window.firstRecoverabilityPoint ?? 'none yet'}; last successful backup ${k.window.lastSuccessfulBackup ?? 'none'}`,
    );
  logger.info(
    k.previous
      ? `Newest completed backup: ${k.previous.name} at ${k.previous.completedAt}`
      : 'No completed backup yet',
  );
  for (const s of k.schedules)
    logger.info(
      `ScheduledBackup ${s.name}: '${oneLine(s.schedule)}'${s.suspended ? ', suspended' : ''}, last ${s.lastScheduleTime ?? 'never'}, next ${s.nextRun ?? s.problem ?? '-'}`,
    );
}
