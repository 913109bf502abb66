// Where the restored server's recovery stopped, as PostgreSQL recorded it when it promoted:
// the last line of the new timeline's history file holds the parent timeline, the switch
// point (LSN) and the reason ("before 2026-05-01 03:00:00.123+00", "no recovery target
// specified", ...). Read through psql as postgres (pods/exec): pg_read_file needs it.
import { superuserSql, type SqlTarget } from './superuser-sql.ts';

export interface RecoveryPoint {
  readonly timeline: number;
  /** The LSN where the new timeline begins: everything before it was recovered. */
  readonly lsn: string;
  readonly reason: string;
}

export const RECOVERY_POINT_SQL =
  "SELECT timeline_id, pg_read_file('pg_wal/' || lpad(upper(to_hex(timeline_id)), 8, '0') || '.history') FROM pg_control_checkpoint()";

export function parseRecoveryPoint(lines: readonly string[]): RecoveryPoint | undefined {
  const timeline = Number(lines[0]?.split('|')[0]);
  const entry = lines
    .map((l) => l.replace(/^\d+\|/, ''))
    .filter((l) => l.includes('\t'))
    .at(-1);
  const [, lsn, reason] = entry?.split('\t') ?? [];
  if (!Number.isInteger(timeline) || !lsn) return undefined;
  return { timeline, lsn, reason: (reason ?? '').trim() };
}

export async function readRecoveryPoint(t: SqlTarget): Promise<RecoveryPoint | undefined> {
  return parseRecoveryPoint(await superuserSql(t, RECOVERY_POINT_SQL));
}
