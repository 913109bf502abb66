// amcheck on the restored application database, through psql as postgres (pods/exec): the
// extension is created in the throwaway Cluster only, then every valid B-tree index is
// checked with bt_index_check (heapallindexed: also that every heap tuple is indexed). A
// temporary function turns each index's error into a row, so one corrupt index does not
// hide the others.
import type { AmcheckMode } from '../inputs/read-restore-verify.ts';
import { superuserSql, type SqlTarget } from './superuser-sql.ts';

export interface AmcheckResult {
  readonly mode: Exclude<AmcheckMode, 'none'>;
  readonly indexes: number;
  /** Index name and the error amcheck gave. */
  readonly corrupt: readonly { readonly index: string; readonly error: string }[];
}

export function amcheckSql(mode: Exclude<AmcheckMode, 'none'>): string {
  const heap = mode === 'heapallindexed' ? 'true' : 'false';
  return [
    'CREATE EXTENSION IF NOT EXISTS amcheck',
    `CREATE FUNCTION pg_temp.pgha_amcheck(idx regclass) RETURNS text LANGUAGE plpgsql AS $f$ BEGIN PERFORM bt_index_check(idx, ${heap}); RETURN 'ok'; EXCEPTION WHEN OTHERS THEN RETURN SQLERRM; END $f$`,
    "SELECT n.nspname || '.' || c.relname || '|' || replace(pg_temp.pgha_amcheck(c.oid::regclass), E'\\n', ' ') FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' AND c.relpersistence <> 't' AND i.indisvalid AND i.indisready ORDER BY 1",
  ].join('; ');
}

export function parseAmcheck(
  mode: Exclude<AmcheckMode, 'none'>,
  lines: readonly string[],
): AmcheckResult {
  const rows = lines
    .filter((l) => l.includes('|'))
    .map((l) => {
      const at = l.indexOf('|');
      return { index: l.slice(0, at), result: l.slice(at + 1) };
    });
  return {
    mode,
    indexes: rows.length,
    corrupt: rows
      .filter((r) => r.result !== 'ok')
      .map((r) => ({ index: r.index, error: r.result })),
  };
}

export async function runAmcheck(
  t: SqlTarget,
  mode: Exclude<AmcheckMode, 'none'>,
): Promise<AmcheckResult> {
  return parseAmcheck(mode, await superuserSql(t, amcheckSql(mode)));
}
