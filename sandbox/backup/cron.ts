// ScheduledBackup spec.schedule as CNPG 1.30 reads it: robfig/cron v1's default parser
// (Second | Minute | Hour | Dom | Month | DowOptional | Descriptor), so `sec min hour dom
// month [dow]`, the @yearly…@hourly descriptors and `@every <Go duration>`. Next times are
// searched as robfig's SpecSchedule.Next does (UTC, at most five years ahead).

/** When a schedule fires: the first time strictly after `after`, in whole seconds. */
export interface Schedule {
  next(after: Date): Date;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

/** The values a field allows; star when it began with `*` or `?` (robfig's starBit). */
interface Field {
  values: Set<number>;
  star: boolean;
}

const MONTH_NAMES = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
const DOW_NAMES = 'sun mon tue wed thu fri sat'.split(' ');
const SECONDS: Bounds = { min: 0, max: 59 };
const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: Object.fromEntries(MONTH_NAMES.map((n, i) => [n, i + 1])),
};
const DOW: Bounds = { min: 0, max: 6, names: Object.fromEntries(DOW_NAMES.map((n, i) => [n, i])) };
const PLACES = [SECONDS, MINUTES, HOURS, DOM, MONTHS, DOW];
type Six = [Field, Field, Field, Field, Field, Field];

/** Parses a schedule; throws an Error saying what is wrong with it. */
export function parseSchedule(text: string): Schedule {
  if (text.length === 0) throw new Error('invalid schedule: empty spec string');
  if (text.startsWith('@')) return parseDescriptor(text);
  const fields = text.split(/\s+/).filter((f) => f !== '');
  if (fields.length < 5 || fields.length > 6)
    throw new Error(
      `invalid schedule "${text}": expected 5 to 6 fields (sec min hour dom month [dow]), found ${fields.length}`,
    );
  if (fields.length === 5) fields.push('*');
  const parsed = fields.map((f, i) => parseField(text, f, PLACES[i] ?? DOW));
  const [second, minute, hour, dom, month, dow] = parsed as Six;
  return specSchedule({ second, minute, hour, dom, month, dow });
}

function parseDescriptor(text: string): Schedule {
  const every = '@every ';
  if (text.startsWith(every)) {
    try {
      return everySchedule(parseGoDuration(text.slice(every.length)));
    } catch (e) {
      throw new Error(`invalid schedule "${text}": ${(e as Error).message}`, { cause: e });
    }
  }
  const one = (v: number): Field => ({ values: new Set([v]), star: false });
  const all = (b: Bounds): Field => ({ values: range(b.min, b.max, 1), star: true });
  const yearly = { second: one(0), minute: one(0), hour: one(0), dom: one(1), month: one(1) };
  const base = { ...yearly, dow: all(DOW) };
  switch (text) {
    case '@yearly':
    case '@annually':
      return specSchedule(base);
    case '@monthly':
      return specSchedule({ ...base, month: all(MONTHS) });
    case '@weekly':
      return specSchedule({ ...base, dom: all(DOM), month: all(MONTHS), dow: one(0) });
    case '@daily':
    case '@midnight':
      return specSchedule({ ...base, dom: all(DOM), month: all(MONTHS) });
    case '@hourly':
      return specSchedule({ ...base, hour: all(HOURS), dom: all(DOM), month: all(MONTHS) });
    default:
      throw new Error(
        `invalid schedule "${text}": unrecognized descriptor (expected @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>)`,
      );
  }
}

function range(start: number, end: number, step: number): Set<number> {
  const values = new Set<number>();
  for (let v = start; v <= end; v += step) values.add(v);
  return values;
}

function parseField(spec: string, text: string, b: Bounds): Field {
  const field: Field = { values: new Set(), star: false };
  for (const expr of text.split(',')) {
    const part = parseRange(spec, expr, b);
    for (const v of part.values) field.values.add(v);
    field.star ||= part.star;
  }
  return field;
}

/** One comma-separated part: `*`, `?`, `n`, `a-b`, each optionally `/step` (robfig getRange). */
function parseRange(spec: string, expr: string, b: Bounds): Field {
  const fail = (why: string): Error => new Error(`invalid schedule "${spec}": ${why}: ${expr}`);
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  if (rangeAndStep.length > 2) throw fail('too many slashes');
  if (lowAndHigh.length > 2) throw fail('too many hyphens');
  const star = lowAndHigh[0] === '*' || lowAndHigh[0] === '?';
  let start = b.min;
  let end = b.max;
  if (!star) {
    start = parseIntOrName(spec, lowAndHigh[0] ?? '', b);
    end = lowAndHigh[1] === undefined ? start : parseIntOrName(spec, lowAndHigh[1], b);
  }
  let step = 1;
  if (rangeAndStep[1] !== undefined) {
    step = parseNumber(spec, rangeAndStep[1]);
    if (lowAndHigh.length === 1) end = b.max; // "N/step" means "N-max/step"
  }
  if (start < b.min) throw fail(`beginning of range (${start}) below minimum (${b.min})`);
  if (end > b.max) throw fail(`end of range (${end}) above maximum (${b.max})`);
  if (start > end) throw fail(`beginning of range (${start}) beyond end of range (${end})`);
  if (step === 0) throw fail('step of range should be a positive number');
  return { values: range(start, end, step), star };
}

function parseIntOrName(spec: string, text: string, b: Bounds): number {
  const named = b.names?.[text.toLowerCase()];
  return named ?? parseNumber(spec, text);
}

/** Go's strconv.Atoi, then robfig's refusal of negative numbers. */
function parseNumber(spec: string, text: string): number {
  if (!/^[+-]?\d+$/.test(text))
    throw new Error(`invalid schedule "${spec}": failed to parse int from "${text}"`);
  const n = Number(text);
  if (n < 0) throw new Error(`invalid schedule "${spec}": negative number (${n}) not allowed`);
  return n;
}

const GO_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration, in milliseconds: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` or "0". */
function parseGoDuration(text: string): number {
  const invalid = new Error(`time: invalid duration "${text}"`);
  const sign = /^[-+]/.test(text) ? text.charAt(0) : '';
  let rest = text.slice(sign.length);
  if (rest === '0') return 0;
  if (rest === '') throw invalid;
  let total = 0;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?([^\d.]*)/.exec(rest);
    const [all = '', whole = '', frac] = m ?? [];
    if (whole === '' && (frac ?? '') === '') throw invalid;
    const unit = m?.[3] ?? '';
    if (unit === '') throw new Error(`time: missing unit in duration "${text}"`);
    const scale = GO_UNITS[unit];
    if (scale === undefined) throw new Error(`time: unknown unit "${unit}" in duration "${text}"`);
    total += Number(`${whole || '0'}.${frac ?? ''}0`) * scale;
    rest = rest.slice(all.length);
  }
  if (total * 1e6 > 2 ** 63) throw invalid;
  const ms = Math.round(total * 1e6) / 1e6; // whole nanoseconds, as Go keeps them
  return sign === '-' ? -ms : ms;
}

/** robfig's Every: at least one second, truncated to whole seconds, after the whole second. */
function everySchedule(ms: number): Schedule {
  const delay = ms < 1000 ? 1000 : Math.floor(ms / 1000) * 1000;
  return { next: (after) => new Date(Math.floor(after.getTime() / 1000) * 1000 + delay) };
}

interface Spec {
  second: Field;
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

/** Both dom and dow restricted: either matches; otherwise both must (robfig dayMatches). */
function dayMatches(s: Spec, t: Date): boolean {
  const dom = s.dom.values.has(t.getUTCDate());
  const dow = s.dow.values.has(t.getUTCDay());
  return s.dom.star || s.dow.star ? dom && dow : dom || dow;
}

function specSchedule(s: Spec): Schedule {
  return {
    next(after: Date): Date {
      const found = searchNext(s, new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000));
      if (!found)
        throw new Error(
          `schedule never matches: no time within five years after ${after.toISOString()}`,
        );
      return found;
    },
  };
}

/** UTC date parts [year, month0, day, hour, minute, second]. */
function parts(t: Date): number[] {
  return [
    t.getUTCFullYear(),
    t.getUTCMonth(),
    t.getUTCDate(),
    t.getUTCHours(),
    t.getUTCMinutes(),
    t.getUTCSeconds(),
  ];
}

/** Go's time.Date normalization: parts[index] += by (months overflow into years, …). */
function add(t: Date, index: number, by: number): Date {
  const p = parts(t);
  p[index] = (p[index] ?? 0) + by;
  const [y = 0, mo = 0, d = 1, h = 0, mi = 0, sec = 0] = p;
  return new Date(Date.UTC(y, mo, d, h, mi, sec));
}

/** Keeps parts up to index and zeroes the finer ones (the day becomes 1). */
function truncate(t: Date, index: number): Date {
  const p = parts(t).map((v, i) => (i <= index ? v : i === 2 ? 1 : 0));
  const [y = 0, mo = 0, d = 1, h = 0, mi = 0, sec = 0] = p;
  return new Date(Date.UTC(y, mo, d, h, mi, sec));
}

/**
 * robfig SpecSchedule.Next from the upcoming second: the first mismatching field, coarsest
 * first, is bumped (finer fields reset once); a field wrapping to its start re-checks all.
 */
function searchNext(s: Spec, start: Date): Date | undefined {
  const yearLimit = start.getUTCFullYear() + 5;
  let t = start;
  let added = false;
  const bump = (index: number): void => {
    if (!added) t = truncate(t, index);
    added = true;
    t = add(t, index, 1);
  };
  wrap: for (;;) {
    if (t.getUTCFullYear() > yearLimit) return undefined;
    while (!s.month.values.has(t.getUTCMonth() + 1)) {
      bump(1);
      if (t.getUTCMonth() === 0) continue wrap;
    }
    while (!dayMatches(s, t)) {
      bump(2);
      if (t.getUTCDate() === 1) continue wrap;
    }
    const clock: [Field, number][] = [
      [s.hour, 3],
      [s.minute, 4],
      [s.second, 5],
    ];
    for (const [field, index] of clock)
      while (!field.values.has(parts(t)[index] ?? 0)) {
        bump(index);
        if (parts(t)[index] === 0) continue wrap;
      }
    return t;
  }
}
