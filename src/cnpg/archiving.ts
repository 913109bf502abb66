// WAL archiving proven end to end, on the primary through psql as postgres: switch WAL, note
// the segment the switch closed, wait until pg_stat_archiver shows it (or a later segment)
// archived, then wait until the Cluster's ContinuousArchiving condition is True (the archive
// wrapper sets it on every attempt, facts §1.2). Archiver failures are reported as they
// happen; a timeout names the last failed WAL and its time, the condition's message and what
// to check.
import type { KubeConfig } from '@kubernetes/client-node';
import { DiagnosedError } from '../errors.ts';
import type { KubeHttp } from '../kube/http.ts';
import { CNPG_CLUSTER, collectionPath } from '../kube/resources.ts';
import { WatchTimeout, waitFor } from '../kube/watch.ts';
import { oneLine } from '../log-safety.ts';
import type { Logger } from '../logging.ts';
import {
  SWITCH_WAL_SQL,
  archiverStatusSql,
  failureSince,
  hasArchived,
  parseArchiverStatus,
  parseWalSwitch,
  type ArchiverStatus,
  type WalSwitch,
} from '../postgres/archiver.ts';
import { superuserSql } from '../postgres/superuser-sql.ts';
import { archiveChecks, describeArchiver, type ArchiveContext } from './archiving-report.ts';
import type { ClusterStatusView } from './health.ts';
import { recentEvents } from './diagnostics.ts';

export type Condition = NonNullable<ClusterStatusView['conditions']>[number];

export interface ArchivingDeps {
  readonly http: KubeHttp;
  readonly kc: KubeConfig;
  readonly logger: Logger;
  readonly now: () => number;
  readonly deadline: number;
}

export interface WalProof {
  readonly segment: string;
  readonly lsn: string;
  /** ISO 8601, server clock. */
  readonly switchedAt: string;
  readonly archivedAt: string;
  /** Switch until pg_stat_archiver showed the segment (or a later one) archived. */
  readonly seconds: number;
  /** What pg_stat_archiver showed as last archived at that moment. */
  readonly lastArchivedWal?: string;
  readonly condition: Condition;
}

const POLL_MS = 250;

export function archivingCondition(status: ClusterStatusView | undefined): Condition | undefined {
  return status?.conditions?.find((c) => c.type === 'ContinuousArchiving');
}

/** pg_stat_archiver of the primary (and whether `segment` is marked done). */
export async function readArchiver(
  deps: ArchivingDeps,
  where: ArchiveContext,
  segment?: string,
): Promise<ArchiverStatus> {
  const lines = await superuserSql(sqlTarget(deps, where), archiverStatusSql(segment));
  return parseArchiverStatus(lines);
}

function sqlTarget(deps: ArchivingDeps, where: ArchiveContext) {
  return {
    kc: deps.kc,
    namespace: where.namespace,
    pod: where.primary,
    deadline: deps.deadline,
    now: deps.now,
    onRetry: (m: string) => {
      deps.logger.info(`exec into ${where.primary}: ${oneLine(m)}`);
    },
  };
}

export async function proveWalArchiving(
  deps: ArchivingDeps,
  where: ArchiveContext,
  before: ArchiverStatus,
): Promise<WalProof> {
  const sw = parseWalSwitch(await superuserSql(sqlTarget(deps, where), SWITCH_WAL_SQL));
  deps.logger.info(
    `Switched WAL on ${where.primary}: segment ${sw.segment} closed at LSN ${sw.lsn}; waiting until it is archived to ${where.location}`,
  );
  const archived = await waitArchived(deps, where, sw, before.serverNow);
  const seconds = Math.max(0, (archived.at - sw.at) / 1000);
  deps.logger.info(
    `Segment ${sw.segment} archived ${seconds.toFixed(1)} s after the switch (pg_stat_archiver: last archived ${archived.status.lastArchivedWal ?? 'none'})`,
  );
  const condition = await waitConditionTrue(deps, where, sw.segment);
  deps.logger.info(
    `ContinuousArchiving: ${condition.status} (${oneLine(condition.message ?? '')})`,
  );
  return {
    segment: sw.segment,
    lsn: sw.lsn,
    switchedAt: new Date(sw.at).toISOString(),
    archivedAt: new Date(archived.at).toISOString(),
    seconds,
    ...(archived.status.lastArchivedWal
      ? { lastArchivedWal: archived.status.lastArchivedWal }
      : {}),
    condition,
  };
}

/** Polls pg_stat_archiver until the segment is archived; reports each new failure once. */
async function waitArchived(
  deps: ArchivingDeps,
  where: ArchiveContext,
  sw: WalSwitch,
  since: number,
): Promise<{ status: ArchiverStatus; at: number }> {
  const reported = new Set<number>();
  for (;;) {
    const status = await readArchiver(deps, where, sw.segment);
    if (hasArchived(status, sw.segment)) {
      const exact = status.lastArchivedWal === sw.segment && status.lastArchivedAt !== undefined;
      return { status, at: exact ? (status.lastArchivedAt ?? 0) : status.serverNow };
    }
    const failure = failureSince(status, since);
    if (failure && !reported.has(failure.at)) {
      reported.add(failure.at);
      deps.logger.warning(
        `WAL archiving failed for ${failure.wal} at ${new Date(failure.at).toISOString()} (pg_stat_archiver on ${where.primary}, ${status.failedCount} failures so far); PostgreSQL keeps retrying`,
      );
    }
    if (deps.now() + POLL_MS >= deps.deadline) throw await notArchived(deps, where, sw, status);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function notArchived(
  deps: ArchivingDeps,
  where: ArchiveContext,
  sw: WalSwitch,
  status: ArchiverStatus,
): Promise<DiagnosedError> {
  const condition = await currentCondition(deps, where);
  const failed =
    status.lastFailedWal !== undefined && status.lastFailedAt !== undefined
      ? `the last failed WAL is ${status.lastFailedWal} at ${new Date(status.lastFailedAt).toISOString()}`
      : `pg_stat_archiver shows no failure (last archived ${status.lastArchivedWal ?? 'none'}): is the archiver stuck?`;
  const cond = condition
    ? `; ContinuousArchiving is ${condition.status}${condition.message ? `: ${oneLine(condition.message)}` : ''}`
    : '; the Cluster has no ContinuousArchiving condition';
  const waited = Math.round((deps.now() - sw.at) / 1000);
  return new DiagnosedError(
    `WAL segment ${sw.segment} was not archived within ${waited} s (input 'timeout'): ${failed}${cond}. Check the object store credentials, the workload identity federation of service account ${where.serviceAccount} and the ${where.container} container of ${where.primary}`,
    await diagnostics(deps, where, status, condition),
  );
}

async function diagnostics(
  deps: ArchivingDeps,
  where: ArchiveContext,
  status: ArchiverStatus,
  condition: Condition | undefined,
): Promise<string> {
  const lines = [describeArchiver(where.primary, status)];
  lines.push(
    condition
      ? `Cluster ${where.cluster} condition ContinuousArchiving=${condition.status} ${condition.reason ?? ''}: ${oneLine(condition.message ?? '')}`
      : `Cluster ${where.cluster}: no ContinuousArchiving condition`,
  );
  lines.push(...archiveChecks(where));
  try {
    const events = await recentEvents(deps.http, where.namespace, [where.cluster, where.primary]);
    if (events.length > 0) lines.push('Recent events:', ...events.map((e) => `  ${e}`));
  } catch (error) {
    lines.push(
      `(could not read events: ${oneLine(error instanceof Error ? error.message : String(error))})`,
    );
  }
  return lines.join('\n');
}

async function currentCondition(
  deps: ArchivingDeps,
  where: ArchiveContext,
): Promise<Condition | undefined> {
  try {
    const { body } = await deps.http.json<{ status?: ClusterStatusView }>({
      method: 'GET',
      path: `${collectionPath(CNPG_CLUSTER.apiVersion, CNPG_CLUSTER.kind, where.namespace)}/${where.cluster}`,
      context: `reading Cluster ${where.cluster}`,
    });
    return archivingCondition(body.status);
  } catch {
    return undefined;
  }
}

/** After the segment is archived the wrapper has set the condition: wait until it is True. */
async function waitConditionTrue(
  deps: ArchivingDeps,
  where: ArchiveContext,
  segment: string,
): Promise<Condition> {
  try {
    return await waitFor(
      deps.http,
      {
        collection: collectionPath(CNPG_CLUSTER.apiVersion, CNPG_CLUSTER.kind, where.namespace),
        name: where.cluster,
        what: `the ContinuousArchiving condition of Cluster ${where.cluster} to be True`,
      },
      {
        deadline: deps.deadline,
        now: deps.now,
        check: (obj) => {
          const c = archivingCondition(obj?.status as ClusterStatusView | undefined);
          return c?.status === 'True' ? c : undefined;
        },
        onReconnect: (reason) => {
          deps.logger.info(`Watch interrupted (${oneLine(reason)}); resuming`);
        },
      },
    );
  } catch (error) {
    if (!(error instanceof WatchTimeout)) throw error;
    const c = archivingCondition(error.last?.status as ClusterStatusView | undefined);
    throw new DiagnosedError(
      `WAL segment ${segment} was archived, but the ContinuousArchiving condition of Cluster ${where.cluster} is ${c ? `${c.status}: ${oneLine(c.message ?? '')}` : 'missing'} (input 'timeout')`,
      [
        `Cluster ${where.cluster}: ${c ? `${c.status} ${c.reason ?? ''} ${oneLine(c.message ?? '')}` : 'no ContinuousArchiving condition'}`,
        ...archiveChecks(where),
      ].join('\n'),
      { cause: error },
    );
  }
}
