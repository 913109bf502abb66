// restore-verify's `checks` input: a YAML list of {name, sql, expect} (the exact text of the
// first column of the first row) or {name, sql, min, max} (a number in a range), read with the
// same defences as every YAML input and validated before anything starts. Every problem names
// the entry by its position.
import { ParseError } from './parse.ts';
import { loadInputYaml } from './yaml.ts';

export type Check =
  | { readonly name: string; readonly sql: string; readonly expect: string }
  | { readonly name: string; readonly sql: string; readonly min?: number; readonly max?: number };

export const CHECKS_EXAMPLE =
  "[{name: orders, sql: 'select count(*) from orders', min: 1}, {name: schema, sql: 'select max(version) from schema_migrations', expect: '42'}]";

const KEYS = new Set(['name', 'sql', 'expect', 'min', 'max']);
const MAX_CHECKS = 100;

/** A scalar YAML value as PostgreSQL would print it: strings as they are, numbers and booleans in text. */
function scalarText(v: unknown, at: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new ParseError(`${at}.expect must be a text, a number or a boolean`, CHECKS_EXAMPLE);
}

function bound(v: unknown, at: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ParseError(`${at} must be a number`, CHECKS_EXAMPLE);
  return v;
}

function text(v: unknown, at: string): string {
  if (typeof v !== 'string' || v.trim() === '')
    throw new ParseError(`${at} must be a non-empty text`, CHECKS_EXAMPLE);
  return v;
}

function oneCheck(item: unknown, i: number): Check {
  const at = `checks[${i}]`;
  if (item === null || typeof item !== 'object' || Array.isArray(item))
    throw new ParseError(`${at} must be a map with name and sql`, CHECKS_EXAMPLE);
  const m = item as Record<string, unknown>;
  const unknown = Object.keys(m).filter((k) => !KEYS.has(k));
  if (unknown.length > 0)
    throw new ParseError(
      `${at} has unknown key ${unknown.map((k) => `'${k}'`).join(', ')} (name, sql, expect, min, max)`,
      CHECKS_EXAMPLE,
    );
  const name = text(m.name, `${at}.name`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name) || name.length > 100)
    throw new ParseError(`${at}.name must be one line of at most 100 characters`, CHECKS_EXAMPLE);
  const sql = text(m.sql, `${at}.sql`);
  const hasExpect = 'expect' in m;
  const min = bound(m.min, `${at}.min`);
  const max = bound(m.max, `${at}.max`);
  if (hasExpect && (min !== undefined || max !== undefined))
    throw new ParseError(`${at} has expect and min/max: give one or the other`, CHECKS_EXAMPLE);
  if (hasExpect) return { name, sql, expect: scalarText(m.expect, at) };
  if (min === undefined && max === undefined)
    throw new ParseError(`${at} needs expect, or min and/or max`, CHECKS_EXAMPLE);
  if (min !== undefined && max !== undefined && min > max)
    throw new ParseError(`${at}: min ${min} is above max ${max}`, CHECKS_EXAMPLE);
  return {
    name,
    sql,
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
  };
}

export function parseChecks(raw: string): Check[] {
  const doc = loadInputYaml(raw, CHECKS_EXAMPLE);
  if (!Array.isArray(doc)) throw new ParseError('must be a YAML list of checks', CHECKS_EXAMPLE);
  if (doc.length === 0) throw new ParseError('is an empty list', CHECKS_EXAMPLE);
  if (doc.length > MAX_CHECKS)
    throw new ParseError(`has ${doc.length} checks; at most ${MAX_CHECKS}`, CHECKS_EXAMPLE);
  const checks = doc.map(oneCheck);
  const seen = new Set<string>();
  for (const c of checks) {
    if (seen.has(c.name)) throw new ParseError(`has two checks named '${c.name}'`, CHECKS_EXAMPLE);
    seen.add(c.name);
  }
  return checks;
}
