// The checks of restore-verify on the restored database, over a port-forward as the
// application user, all in one `BEGIN READ ONLY` transaction: the markers, then each check of
// the `checks` input in its own savepoint (a failing one does not stop the others). Values are
// read as PostgreSQL prints them (no type parsing), so `expect` compares exact text.
import type { Client } from 'pg';
import type { Check } from '../inputs/parse-checks.ts';
import { MARKER_TABLE, type Markers } from './markers.ts';

export type CheckKind = 'marker' | 'sql' | 'amcheck' | 'verify-command';

export interface CheckResult {
  readonly name: string;
  readonly kind: CheckKind;
  readonly passed: boolean;
  /** What was seen, as text (first column of the first row, a count, an exit status). */
  readonly observed: string;
  /** What was required, in words. */
  readonly expected: string;
  readonly ms: number;
}

const asText = { getTypeParser: () => (v: string) => v };

async function firstValue(client: Client, sql: string): Promise<string | null> {
  const res = await client.query<unknown[]>({ text: sql, rowMode: 'array', types: asText });
  const v = res.rows[0]?.[0];
  return typeof v === 'string' ? v : v === undefined || v === null ? null : JSON.stringify(v);
}

export function judge(
  check: Check,
  observed: string | null,
): { passed: boolean; expected: string } {
  if ('expect' in check)
    return { passed: observed === check.expect, expected: `= ${check.expect}` };
  const n = observed === null ? NaN : Number(observed);
  const { min, max } = check;
  const expected =
    min !== undefined && max !== undefined
      ? `${min} .. ${max}`
      : min !== undefined
        ? `>= ${min}`
        : `<= ${String(max)}`;
  const passed =
    Number.isFinite(n) && (min === undefined || n >= min) && (max === undefined || n <= max);
  return { passed, expected };
}

async function oneCheck(client: Client, check: Check, now: () => number): Promise<CheckResult> {
  const started = now();
  await client.query('SAVEPOINT pgha_check');
  let observed: string | null;
  let error: string | undefined;
  try {
    observed = await firstValue(client, check.sql);
    await client.query('RELEASE SAVEPOINT pgha_check');
  } catch (e) {
    observed = null;
    error = e instanceof Error ? e.message : String(e);
    await client.query('ROLLBACK TO SAVEPOINT pgha_check');
  }
  const verdict = judge(check, observed);
  return {
    name: check.name,
    kind: 'sql',
    passed: error === undefined && verdict.passed,
    observed: error !== undefined ? `error: ${error}` : (observed ?? 'NULL (no row or null)'),
    expected: verdict.expected,
    ms: now() - started,
  };
}

async function markerChecks(client: Client, m: Markers, now: () => number): Promise<CheckResult[]> {
  const started = now();
  const tokens = [m.a.token, ...(m.b ? [m.b.token] : [])];
  let found: string[] = [];
  let error: string | undefined;
  await client.query('SAVEPOINT pgha_check');
  try {
    const res = await client.query<{ marker: string }>(
      `SELECT marker FROM ${MARKER_TABLE} WHERE token = ANY($1::text[])`,
      [tokens],
    );
    found = res.rows.map((r) => r.marker);
    await client.query('RELEASE SAVEPOINT pgha_check');
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    await client.query('ROLLBACK TO SAVEPOINT pgha_check');
  }
  const ms = now() - started;
  const seen = (label: string) =>
    error ? `error: ${error}` : found.includes(label) ? 'present' : 'absent';
  const out: CheckResult[] = [
    {
      name: `marker A (written ${m.a.writtenAt}) restored`,
      kind: 'marker',
      passed: !error && found.includes('A'),
      observed: seen('A'),
      expected: 'present',
      ms,
    },
  ];
  if (m.b)
    out.push({
      name: `marker B (written ${m.b.writtenAt}, after the target) not restored`,
      kind: 'marker',
      passed: !error && !found.includes('B'),
      observed: seen('B'),
      expected: 'absent',
      ms,
    });
  return out;
}

export interface SessionFindings {
  readonly results: CheckResult[];
}

export async function runSessionChecks(
  client: Client,
  markers: Markers | undefined,
  checks: readonly Check[],
  now: () => number,
): Promise<SessionFindings> {
  await client.query('BEGIN READ ONLY');
  try {
    const results = markers ? await markerChecks(client, markers, now) : [];
    for (const c of checks) results.push(await oneCheck(client, c, now));
    return { results };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}
