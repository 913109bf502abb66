// When a ScheduledBackup runs next, computed as CNPG computes it: robfig/cron v1.2.0 with the
// parser Second|Minute|Hour|Dom|Month|DowOptional|Descriptor (facts §4). Six fields, seconds
// first; five fields are accepted with the day of week as `*` (so `0 0 * * *` is hourly);
// `*` and `?` are the whole range; `N/step` runs from N to the end of the range; names of
// months and weekdays in any case; descriptors @yearly, @annually, @monthly, @weekly, @daily,
// @midnight, @hourly and @every <duration>. Day of month and day of week both restricted
// means either matches, else both must. Times are UTC, the operator container's zone.

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const BOUNDS: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  {
    min: 1,
    max: 12,
    names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  },
  { min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

export interface Field {
  readonly values: ReadonlySet<number>;
  /** The field was `*` or `?` (matters for day of month and day of week). */
  readonly star: boolean;
}

export type Schedule =
  | { readonly kind: 'spec'; readonly fields: readonly Field[] }
  | { readonly kind: 'every'; readonly ms: number };

export class CronError extends Error {
  override readonly name = 'CronError';
}

function number(text: string, b: Bounds): number {
  const at = b.names?.indexOf(text.toLowerCase()) ?? -1;
  if (at >= 0) return b.min + at;
  if (!/^\d+$/.test(text)) throw new CronError(`cannot read '${text}' as a number`);
  return Number(text);
}

function range(expr: string, b: Bounds): Field {
  const [span = '', stepText, extra] = expr.split('/');
  if (extra !== undefined) throw new CronError(`too many slashes: ${expr}`);
  const ends = span.split('-');
  if (ends.length > 2) throw new CronError(`too many hyphens: ${expr}`);
  const star = ends[0] === '*' || ends[0] === '?';
  const start = star ? b.min : number(ends[0] ?? '', b);
  let end = star ? b.max : ends.length === 2 ? number(ends[1] ?? '', b) : start;
  const step = stepText === undefined ? 1 : number(stepText, { min: 0, max: 0 });
  if (stepText !== undefined && ends.length === 1) end = b.max;
  if (start < b.min) throw new CronError(`${expr}: ${start} is below ${b.min}`);
  if (end > b.max) throw new CronError(`${expr}: ${end} is above ${b.max}`);
  if (start > end) throw new CronError(`${expr}: ${start} is after ${end}`);
  if (step === 0) throw new CronError(`${expr}: the step must be positive`);
  const values = new Set<number>();
  for (let v = start; v <= end; v += step) values.add(v);
  return { values, star };
}

function field(text: string, b: Bounds): Field {
  const parts = text.split(',').filter((p) => p !== '');
  const fields = parts.map((p) => range(p, b));
  return {
    values: new Set(fields.flatMap((f) => [...f.values])),
    star: fields.some((f) => f.star),
  };
}

function spec(fields: readonly string[]): Schedule {
  return { kind: 'spec', fields: fields.map((f, i) => field(f, BOUNDS[i] as Bounds)) };
}

const DESCRIPTORS: Readonly<Record<string, readonly string[]>> = {
  '@yearly': ['0', '0', '0', '1', '1', '*'],
  '@annually': ['0', '0', '0', '1', '1', '*'],
  '@monthly': ['0', '0', '0', '1', '*', '*'],
  '@weekly': ['0', '0', '0', '*', '*', '0'],
  '@daily': ['0', '0', '0', '*', '*', '*'],
  '@midnight': ['0', '0', '0', '*', '*', '*'],
  '@hourly': ['0', '0', '*', '*', '*', '*'],
};

const GO_UNITS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration for positive durations (1h30m, 90s, 1.5h). */
function goDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text)
    throw new CronError(`cannot read '${text}' as a duration`);
  return parts.reduce((ms, p) => ms + Number(p[1]) * (GO_UNITS[p[2] ?? ''] ?? 0), 0);
}

export function parseSchedule(text: string): Schedule {
  const s = text.trim();
  if (s === '') throw new CronError('the schedule is empty');
  if (s.startsWith('@every ')) {
    const ms = Math.max(1000, goDuration(s.slice('@every '.length)));
    return { kind: 'every', ms: ms - (ms % 1000) };
  }
  if (s.startsWith('@')) {
    const fields = DESCRIPTORS[s];
    if (!fields) throw new CronError(`unknown descriptor ${s}`);
    return spec(fields);
  }
  const fields = s.split(/\s+/);
  if (fields.length < 5 || fields.length > 6)
    throw new CronError(`expected 5 to 6 fields, found ${fields.length}: ${s}`);
  return spec(fields.length === 5 ? [...fields, '*'] : fields);
}

/** The schedule has five fields: CNPG reads the first as seconds (facts §14, trap 1). */
export function isFiveFields(text: string): boolean {
  const s = text.trim();
  return !s.startsWith('@') && s.split(/\s+/).length === 5;
}

const has = (f: Field | undefined, v: number) => f?.values.has(v) ?? false;

function dayMatches(fields: readonly Field[], t: Date): boolean {
  const [, , , dom, , dow] = fields;
  const domMatch = has(dom, t.getUTCDate());
  const dowMatch = has(dow, t.getUTCDay());
  return dom?.star || dow?.star ? domMatch && dowMatch : domMatch || dowMatch;
}

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) =>
  new Date(Date.UTC(y, mo, d, h, mi, s));

/** The first activation strictly after `from` (ms), or undefined if none within five years. */
export function nextRun(schedule: Schedule, from: number): number | undefined {
  if (schedule.kind === 'every') return from - (from % 1000) + schedule.ms;
  const f = schedule.fields;
  let t = new Date(from - (((from % 1000) + 1000) % 1000) + 1000);
  let added = false;
  const yearLimit = t.getUTCFullYear() + 5;
  const reset = (next: Date) => {
    if (!added) {
      added = true;
      t = next;
    }
  };
  wrap: for (;;) {
    if (t.getUTCFullYear() > yearLimit) return undefined;
    while (!has(f[4], t.getUTCMonth() + 1)) {
      reset(utc(t.getUTCFullYear(), t.getUTCMonth(), 1));
      t = utc(t.getUTCFullYear(), t.getUTCMonth() + 1, 1);
      if (t.getUTCMonth() === 0) continue wrap;
    }
    while (!dayMatches(f, t)) {
      reset(utc(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
      t = utc(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1);
      if (t.getUTCDate() === 1) continue wrap;
    }
    for (const [i, unit, get] of CLOCK) {
      while (!has(f[i], get(t))) {
        reset(new Date(t.getTime() - (t.getTime() % unit)));
        t = new Date(t.getTime() + unit);
        if (get(t) === 0) continue wrap;
      }
    }
    return t.getTime();
  }
}

const CLOCK: readonly (readonly [number, number, (t: Date) => number])[] = [
  [2, 3_600_000, (t) => t.getUTCHours()],
  [1, 60_000, (t) => t.getUTCMinutes()],
  [0, 1000, (t) => t.getUTCSeconds()],
];
