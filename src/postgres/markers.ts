// The marker proof of restore-verify, on the source's primary through psql as postgres (pods/
// exec) acting as the application owner: marker A (a fresh random token and the server's
// time) in pgha_restore_markers (created if absent), the server's time T, then marker B, each
// in its own transaction, so that A committed before T and B after it. A restore to T must
// hold A and not B; a restore to the end of the archive must hold A.
import { randomBytes } from 'node:crypto';
import { superuserSql, type SqlTarget } from './superuser-sql.ts';

export const MARKER_TABLE = 'public.pgha_restore_markers';

export interface Marker {
  readonly label: 'A' | 'B';
  readonly token: string;
  /** Server time of the insert, RFC 3339 with microseconds, UTC. */
  readonly writtenAt: string;
}

export interface Markers {
  readonly a: Marker;
  /** The time to restore to (marker proof only). */
  readonly t?: string;
  readonly b?: Marker;
}

const UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const CREATE = `CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, marker text NOT NULL, token text NOT NULL UNIQUE, run_id text, written_at timestamptz NOT NULL DEFAULT clock_timestamp())`;

/** Inserts a marker as the owner; returns the insert's server time. */
export function markerSql(owner: string, label: 'A' | 'B', token: string, runId: string): string {
  if (!/^[0-9a-f]+$/.test(token)) throw new Error('a marker token is hex');
  const run = runId.replace(/[^\w.-]/g, '');
  return (
    `SET ROLE ${quoteIdent(owner)}; ${label === 'A' ? `${CREATE}; ` : ''}` +
    `INSERT INTO ${MARKER_TABLE} (marker, token, run_id) VALUES ('${label}', '${token}', '${run}') ` +
    `RETURNING to_char(written_at AT TIME ZONE 'UTC', ${UTC})`
  );
}

/** The server's time, a little after the previous transaction ended. */
export const SERVER_TIME_SQL = `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', ${UTC}) FROM pg_sleep(0.01)`;

function last(lines: readonly string[], what: string): string {
  const value = lines.at(-1) ?? '';
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value))
    throw new Error(`unexpected psql output for ${what}: ${JSON.stringify(lines.slice(-3))}`);
  return value;
}

const token = () => randomBytes(12).toString('hex');

async function insert(
  t: SqlTarget,
  owner: string,
  label: 'A' | 'B',
  runId: string,
): Promise<Marker> {
  const tok = token();
  const at = last(await superuserSql(t, markerSql(owner, label, tok, runId)), `marker ${label}`);
  return { label, token: tok, writtenAt: at };
}

/** A, then (with `around`) T and B. */
export async function writeMarkers(
  t: SqlTarget,
  owner: string,
  runId: string,
  around: boolean,
): Promise<Markers> {
  const a = await insert(t, owner, 'A', runId);
  if (!around) return { a };
  const time = last(await superuserSql(t, SERVER_TIME_SQL), 'the server time');
  const b = await insert(t, owner, 'B', runId);
  return { a, t: time, b };
}
