// Pure parsers of single input values. Each returns the parsed value or throws a ParseError
// saying what is wrong and giving a value that would work; the reader adds the input name.
import type { Quantity } from './types.ts';

export class ParseError extends Error {
  readonly example: string;
  constructor(problem: string, example: string) {
    super(problem);
    this.example = example;
  }
}

/** No input may smuggle a newline or another control character into a name or a path. */
export function singleLine(raw: string, example: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw))
    throw new ParseError('contains a newline or control character', example);
  return raw;
}

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function clusterName(raw: string): string {
  const example = 'pg-orders';
  singleLine(raw, example);
  if (!DNS1035.test(raw)) {
    throw new ParseError(
      `'${raw}' is not a DNS-1035 label (lowercase letters, digits and '-', starting with a letter)`,
      example,
    );
  }
  if (raw.length > 50)
    throw new ParseError(
      `'${raw}' has ${raw.length} characters; at most 50 keep pod and service names valid`,
      example,
    );
  return raw;
}

export function namespaceName(raw: string): string {
  singleLine(raw, 'cnpg-database');
  if (!DNS1123_LABEL.test(raw) || raw.length > 63) {
    throw new ParseError(
      `'${raw}' is not a DNS-1123 label of at most 63 characters`,
      'cnpg-database',
    );
  }
  return raw;
}

export function objectName(raw: string, example: string): string {
  singleLine(raw, example);
  if (!DNS1123_SUBDOMAIN.test(raw) || raw.length > 253) {
    throw new ParseError(
      `'${raw}' is not a valid Kubernetes object name (DNS-1123 subdomain)`,
      example,
    );
  }
  return raw;
}

const RESERVED_DATABASES = new Set(['postgres', 'template0', 'template1']);

export function sqlIdentifier(raw: string, kind: 'database' | 'role', example: string): string {
  singleLine(raw, example);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) {
    throw new ParseError(
      `'${raw}' is not a lowercase PostgreSQL identifier of at most 63 characters`,
      example,
    );
  }
  if (kind === 'database' && RESERVED_DATABASES.has(raw))
    throw new ParseError(`'${raw}' is reserved`, example);
  if (kind === 'role' && (raw === 'postgres' || raw.startsWith('pg_'))) {
    throw new ParseError(`'${raw}' is reserved for PostgreSQL and the operator`, example);
  }
  return raw;
}

const SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A Kubernetes resource quantity above zero (and at most max): 64Gi, 500Mi, 2, 500m, 1e3. */
export function quantity(raw: string, example: string, max = Number.MAX_SAFE_INTEGER): Quantity {
  singleLine(raw, example);
  const m = /^(\d+(?:\.\d+)?|\.\d+)(?:([eE][-+]?\d+)|(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?)$/.exec(
    raw,
  );
  if (!m?.[1]) throw new ParseError(`'${raw}' is not a Kubernetes quantity`, example);
  const value = Number(m[1] + (m[2] ?? '')) * (SUFFIX[m[3] ?? ''] ?? 1);
  if (!(value > 0)) throw new ParseError(`'${raw}' must be above zero`, example);
  if (!(value <= max)) throw new ParseError(`'${raw}' is above ${binarySize(max)}`, example);
  return { text: raw, value };
}

/** A size in the largest binary unit that divides it: 2^46 -> 64Ti. */
function binarySize(bytes: number): string {
  const units = ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const;
  const unit = units.find((u) => bytes % (SUFFIX[u] ?? 1) === 0);
  return unit ? `${bytes / (SUFFIX[unit] ?? 1)}${unit}` : String(bytes);
}

export function integer(raw: string, min: number, max: number, example: string): number {
  if (!/^\d+$/.test(raw))
    throw new ParseError(`'${singleLine(raw, example)}' is not a whole number`, example);
  const n = Number(raw);
  if (n < min || n > max) throw new ParseError(`${n} is out of range ${min}..${max}`, example);
  return n;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Durations such as 15m, 90s, 1h30m, 500ms; at most maxMs. */
export function duration(raw: string, example = '15m', maxMs = Number.MAX_SAFE_INTEGER): number {
  singleLine(raw, example);
  if (!/^(\d+(ms|s|m|h))+$/.test(raw))
    throw new ParseError(`'${raw}' is not a duration of h, m, s or ms`, example);
  let ms = 0;
  for (const [, n, unit] of raw.matchAll(/(\d+)(ms|s|m|h)/g))
    ms += Number(n) * (UNIT_MS[unit ?? ''] ?? 0);
  if (ms <= 0) throw new ParseError(`'${raw}' must be longer than zero`, example);
  if (!(ms <= maxMs))
    throw new ParseError(`'${raw}' is longer than ${durationText(maxMs)}`, example);
  return ms;
}

/** 86400000 -> 24h, 90000 -> 90s: the largest unit that divides the duration. */
function durationText(ms: number): string {
  const unit = (['h', 'm', 's'] as const).find((u) => ms % (UNIT_MS[u] ?? 1) === 0) ?? 'ms';
  return `${ms / (UNIT_MS[unit] ?? 1)}${unit}`;
}

/** Exactly what core.getBooleanInput accepts (YAML 1.2 core booleans), nothing else. */
export function boolean(raw: string): boolean {
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new ParseError(`'${singleLine(raw, 'true')}' is not a boolean (true or false)`, 'true');
}

export function guid(raw: string): string {
  const example = '6b8d3a4e-1f2c-4e5d-9a7b-0c1d2e3f4a5b';
  if (!/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/.test(singleLine(raw, example))) {
    throw new ParseError(`'${raw}' is not a GUID`, example);
  }
  return raw.toLowerCase();
}

const IMAGE =
  /^([a-z0-9.-]+(:\d+)?\/)?[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;

export function image(raw: string): string {
  const example = 'ghcr.io/cloudnative-pg/postgresql:18-standard-trixie';
  if (!IMAGE.test(singleLine(raw, example)))
    throw new ParseError(`'${raw}' is not an image reference`, example);
  return raw;
}

export function oneOf<T extends string>(raw: string, values: readonly T[]): T {
  const found = values.find((v) => v === raw);
  if (found === undefined) {
    throw new ParseError(
      `'${singleLine(raw, values[0] ?? '')}' is not one of ${values.join(', ')}`,
      values[0] ?? '',
    );
  }
  return found;
}

/** An https origin (no path), e.g. an authority host or ARM endpoint of a sovereign cloud. */
export function httpsOrigin(raw: string, example: string): string {
  const url = httpsUrl(raw, example);
  if (url.pathname !== '/') throw new ParseError('must be an origin without a path', example);
  return url.origin;
}

/** An https URL without credentials, query or fragment (a path is allowed). */
export function httpsUrl(raw: string, example: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(singleLine(raw, example));
  } catch (error) {
    if (error instanceof ParseError) throw error;
    url = undefined;
  }
  if (url?.protocol !== 'https:') throw new ParseError('is not an https URL', example);
  if (url.search || url.hash || url.username || url.password)
    throw new ParseError('must be a URL without query, fragment or credentials', example);
  return url;
}
