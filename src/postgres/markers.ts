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

/**
 * CREATE TABLE IF NOT EXISTS is not safe against itself: two runs creating the table at once
 * (two restore-verify jobs on one source) fail one with a duplicate pg_type key. A transaction
 * advisory lock, held until the first COMMIT, makes them take turns.
 */
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('${MARKER_TABLE}'))`;

function insertSql(label: 'A' | 'B', token: string, runId: string): string {
  if (!/^[0-9a-f]+$/.test(token)) throw new Error('a marker token is hex');
  const run = runId.replace(/[^\w.-]/g, '');
  return (
    `INSERT INTO ${MARKER_TABLE} (marker, token, run_id) VALUES ('${label}', '${token}', '${run}') ` +
    `RETURNING to_char(written_at AT TIME ZONE 'UTC', ${UTC})`
  );
}

/**
 * One psql call as the owner: the table (created once, under a lock), marker A, COMMIT, the server's time T a little later, COMMIT,
 * marker B (committed when the call ends). Explicit COMMITs split a multi-statement query into
 * transactions, so A is committed before T is read and B after. Prints A's time, T, B's time.
 */
export function markersSql(
  owner: string,
  tokens: { a: string; b?: string },
  runId: string,
): string {
  const parts = [`SET ROLE ${quoteIdent(owner)}`, LOCK, CREATE, insertSql('A', tokens.a, runId)];
  if (tokens.b !== undefined)
    parts.push('COMMIT', SERVER_TIME_SQL, 'COMMIT', insertSql('B', tokens.b, runId));
  return parts.join('; ');
}

/** The server's time, a little after the previous transaction ended. */
export const SERVER_TIME_SQL = `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', ${UTC}) FROM pg_sleep(0.01)`;

const TIME = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;

const token = () => randomBytes(12).toString('hex');

/** A, then (with `around`) T and B, in one exec. */
export async function writeMarkers(
  t: SqlTarget,
  owner: string,
  runId: string,
  around: boolean,
): Promise<Markers> {
  const tokens = { a: token(), ...(around ? { b: token() } : {}) };
  const lines = await superuserSql(t, markersSql(owner, tokens, runId));
  const times = lines.filter((l) => TIME.test(l));
  const [a = '', time = '', b = ''] = times;
  if (times.length !== (around ? 3 : 1))
    throw new Error(`unexpected psql output for the markers: ${JSON.stringify(lines.slice(-4))}`);
  const markerA: Marker = { label: 'A', token: tokens.a, writtenAt: a };
  if (!around || tokens.b === undefined) return { a: markerA };
  return { a: markerA, t: time, b: { label: 'B', token: tokens.b, writtenAt: b } };
}
