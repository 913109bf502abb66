// The WAL archiver as PostgreSQL reports it: the SQL that switches WAL and names the segment it
// closed, the SQL that reads pg_stat_archiver (and the segment's archive_status file), and
// pure functions over their unaligned psql output. Segment names are the 24 hex digits of
// timeline, log and segment; pg_walfile_name of the LSN pg_switch_wal() returns (the end of
// the closed segment) names the closed segment itself.

export interface WalSwitch {
  /** The segment the switch closed, e.g. 000000010000000000000005. */
  readonly segment: string;
  readonly lsn: string;
  /** The server's clock at the switch, ms since the epoch. */
  readonly at: number;
}

export interface ArchiverStatus {
  readonly lastArchivedWal?: string;
  /** ms since the epoch, server clock. */
  readonly lastArchivedAt?: number;
  readonly lastFailedWal?: string;
  readonly lastFailedAt?: number;
  readonly archivedCount: number;
  readonly failedCount: number;
  /** The server's clock when it was read. */
  readonly serverNow: number;
  /** pg_wal/archive_status holds <segment>.done: the archiver has archived it. */
  readonly segmentDone: boolean;
}

const SEGMENT = /^[0-9A-F]{24}$/;

export function isSegmentName(name: string): boolean {
  return SEGMENT.test(name);
}

/**
 * Writes a small WAL record first (pg_switch_wal() does nothing on an empty segment), then
 * switches; MATERIALIZED keeps the order.
 */
export const SWITCH_WAL_SQL =
  "WITH m AS MATERIALIZED (SELECT pg_logical_emit_message(false, 'pgha', 'backup: WAL archiving check') AS lsn), " +
  's AS MATERIALIZED (SELECT pg_switch_wal() AS lsn FROM m) ' +
  'SELECT pg_walfile_name(s.lsn), s.lsn, extract(epoch FROM clock_timestamp()) FROM s';

/** pg_stat_archiver, plus whether `segment` is marked done in pg_wal/archive_status. */
export function archiverStatusSql(segment?: string): string {
  if (segment !== undefined && !isSegmentName(segment))
    throw new Error(`${segment} is not a WAL segment name`);
  const done =
    segment === undefined
      ? 'false'
      : `EXISTS (SELECT 1 FROM pg_ls_archive_statusdir() WHERE name = '${segment}.done')`;
  return (
    "SELECT coalesce(last_archived_wal, ''), coalesce(extract(epoch FROM last_archived_time)::text, ''), " +
    "coalesce(last_failed_wal, ''), coalesce(extract(epoch FROM last_failed_time)::text, ''), " +
    `archived_count, failed_count, extract(epoch FROM clock_timestamp()), ${done} FROM pg_stat_archiver`
  );
}

function epochMs(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const seconds = Number(text);
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : undefined;
}

function onlyRow(lines: readonly string[], what: string, columns: number): string[] {
  const row = lines[0]?.split('|') ?? [];
  if (lines.length !== 1 || row.length !== columns)
    throw new Error(`unexpected psql output for ${what}: ${JSON.stringify(lines.slice(0, 3))}`);
  return row;
}

export function parseWalSwitch(lines: readonly string[]): WalSwitch {
  const [segment = '', lsn = '', at] = onlyRow(lines, 'pg_switch_wal()', 3);
  const ms = epochMs(at);
  if (!isSegmentName(segment) || ms === undefined)
    throw new Error(`unexpected psql output for pg_switch_wal(): ${JSON.stringify(lines)}`);
  return { segment, lsn, at: ms };
}

export function parseArchiverStatus(lines: readonly string[]): ArchiverStatus {
  const [archived, archivedAt, failed, failedAt, archivedCount, failedCount, now, done] = onlyRow(
    lines,
    'pg_stat_archiver',
    8,
  );
  const lastArchivedAt = epochMs(archivedAt);
  const lastFailedAt = epochMs(failedAt);
  return {
    ...(archived ? { lastArchivedWal: archived } : {}),
    ...(lastArchivedAt !== undefined ? { lastArchivedAt } : {}),
    ...(failed ? { lastFailedWal: failed } : {}),
    ...(lastFailedAt !== undefined ? { lastFailedAt } : {}),
    archivedCount: Number(archivedCount),
    failedCount: Number(failedCount),
    serverNow: epochMs(now) ?? 0,
    segmentDone: done === 't',
  };
}

/** Log and segment number of a plain segment name (timeline left out), else undefined. */
export function segmentNumber(wal: string | undefined): bigint | undefined {
  if (wal === undefined || !isSegmentName(wal)) return undefined;
  return BigInt(`0x${wal.slice(8)}`);
}

/**
 * The archiver has archived `segment`: its archive_status file says done, or the last
 * archived file is a plain segment at or after it (PostgreSQL archives segments in order and
 * retries a failing one until it succeeds; history, .backup and .partial files prove nothing).
 */
export function hasArchived(status: ArchiverStatus, segment: string): boolean {
  if (status.segmentDone) return true;
  const last = segmentNumber(status.lastArchivedWal);
  const wanted = segmentNumber(segment);
  return last !== undefined && wanted !== undefined && last >= wanted;
}

/** As `kubectl cnpg status` says "Working WAL archiving": last archived after last failed. */
export function archivingWorks(status: ArchiverStatus): boolean | undefined {
  if (status.lastArchivedAt === undefined)
    return status.lastFailedAt === undefined ? undefined : false;
  return status.lastFailedAt === undefined || status.lastArchivedAt > status.lastFailedAt;
}

/** A failure the archiver reported after `since` (ms, server clock), if there is one. */
export function failureSince(
  status: ArchiverStatus,
  since: number,
): { readonly wal: string; readonly at: number } | undefined {
  const { lastFailedWal: wal, lastFailedAt: at } = status;
  return wal !== undefined && at !== undefined && at >= since ? { wal, at } : undefined;
}
