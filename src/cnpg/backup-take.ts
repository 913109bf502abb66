// The on-demand Backup: created with the method and target, or the existing one of that name
// reported instead (a re-run), then watched to completed or failed unless wait is false.
// What it gives back is the Backup as the outputs and the summary report it.
import type { BackupInputs } from '../inputs/read-backup.ts';
import type { RunOrigin } from '../inputs/types.ts';
import type { KubeHttp } from '../kube/http.ts';
import { oneLine } from '../log-safety.ts';
import type { Logger } from '../logging.ts';
import { safeLocation } from './archiving-report.ts';
import { backupLocation, type BackupConfig } from './backup-config.ts';
import { BackupWaitError, waitBackup, type PhaseSeen } from './backup-wait.ts';
import { backupManifest, createBackup, unfinished, type BackupView } from './backups.ts';
import { destinationOf, type ObjectStoreView } from './recovery-window.ts';

export interface TakeDeps {
  readonly http: KubeHttp;
  readonly logger: Logger;
  readonly now: () => number;
  readonly deadline: number;
  readonly origin: RunOrigin;
}

export interface BackupReport {
  readonly name: string;
  /** Created by this run (false: an earlier run's Backup of that name, reported). */
  readonly created: boolean;
  readonly method: BackupConfig['method'];
  readonly phase?: string;
  readonly error?: string;
  readonly target?: string;
  readonly pod?: string;
  readonly backupId?: string;
  readonly beginWal?: string;
  readonly endWal?: string;
  readonly beginLsn?: string;
  readonly endLsn?: string;
  readonly startedAt?: string;
  readonly stoppedAt?: string;
  /** startedAt to stoppedAt. */
  readonly seconds?: number;
  /** Where the base backup is in the object store. */
  readonly location?: string;
  readonly createdAt?: string;
  /** Phases as this run saw them, with this machine's time. */
  readonly phases: readonly PhaseSeen[];
}

export interface BackupContext {
  readonly inputs: BackupInputs;
  readonly config: BackupConfig;
  readonly existing?: BackupView;
  readonly store?: ObjectStoreView;
  /** The Cluster's Backups as the preflight found them. */
  readonly backups: readonly BackupView[];
}

/** Creates (or finds) the Backup and waits for it; `record` gets its facts, on failure too. */
export async function takeBackup(
  deps: TakeDeps,
  c: BackupContext,
  record: (r: BackupReport) => void,
): Promise<BackupReport> {
  const { namespace, clusterName: cluster, backupName: name } = c.inputs;
  const phases: PhaseSeen[] = [];
  const { backup, created } = c.existing
    ? { backup: c.existing, created: false }
    : await create(deps, c);
  record(report(backup, created, phases, c));
  if (!created) reportExisting(deps.logger, backup);
  if (!c.inputs.wait) {
    deps.logger.info(`Not waiting for Backup ${name} (wait: false)`);
    return report(backup, created, phases, c);
  }
  const onPhase = (p: PhaseSeen) => phases.push(p);
  const o = {
    namespace,
    name,
    cluster,
    deadline: deps.deadline,
    logger: deps.logger,
    now: deps.now,
    onPhase,
  };
  try {
    const done = report(await waitBackup(deps.http, o), created, phases, c);
    record(done);
    return done;
  } catch (error) {
    if (error instanceof BackupWaitError && error.backup)
      record(report(error.backup, created, phases, c));
    throw error;
  }
}

function reportExisting(logger: Logger, b: BackupView): void {
  const phase = b.status?.phase ?? 'new';
  logger.info(
    `Backup ${b.metadata.name} already exists (created ${b.metadata.creationTimestamp ?? '?'}, phase ${oneLine(phase)}): reporting it instead of taking another`,
  );
  if (phase === 'failed')
    logger.warning(
      `Backup ${b.metadata.name} failed in an earlier run, and a Backup is never retried (its spec is immutable): give another backup-name, or none, to take a new one`,
    );
}

async function create(
  deps: TakeDeps,
  c: BackupContext,
): Promise<{ backup: BackupView; created: boolean }> {
  const { namespace, clusterName: cluster, backupName: name, target } = c.inputs;
  const others = unfinished(c.backups, name);
  const manifest = backupManifest({
    name,
    namespace,
    cluster,
    method: c.config.method,
    ...(target ? { target } : {}),
    origin: deps.origin,
  });
  const result = await createBackup(deps.http, manifest, cluster);
  if (result.created)
    deps.logger.info(
      `Created Backup ${name} (method ${c.config.method}, target ${target ?? "the Cluster's spec.backup.target"})${others.length > 0 ? `; not finished yet, CNPG runs them first: ${others.join(', ')}` : ''}`,
    );
  return result;
}

function seconds(from?: string, to?: string): number | undefined {
  const a = Date.parse(from ?? '');
  const b = Date.parse(to ?? '');
  return Number.isFinite(a) && Number.isFinite(b) ? Math.max(0, (b - a) / 1000) : undefined;
}

/** The Backup's facts; undefined fields are left out. */
export function report(
  b: BackupView,
  created: boolean,
  phases: readonly PhaseSeen[],
  c: BackupContext,
): BackupReport {
  const s = b.status ?? {};
  const archive = c.config.archive;
  const destination = s.destinationPath ?? (archive ? destinationOf(archive, c.store) : undefined);
  const server = s.serverName ?? archive?.serverName;
  const location =
    s.backupId && destination && server
      ? backupLocation(safeLocation(destination), server, s.backupId)
      : undefined;
  const fields = {
    phase: s.phase,
    error: s.error,
    target: b.spec?.target,
    pod: s.instanceID?.podName,
    backupId: s.backupId,
    beginWal: s.beginWal,
    endWal: s.endWal,
    beginLsn: s.beginLSN,
    endLsn: s.endLSN,
    startedAt: s.startedAt,
    stoppedAt: s.stoppedAt,
    seconds: seconds(s.startedAt, s.stoppedAt),
    location,
    createdAt: b.metadata.creationTimestamp,
  };
  const set = Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined && v !== ''),
  );
  return { name: b.metadata.name, created, method: c.config.method, phases, ...set };
}
