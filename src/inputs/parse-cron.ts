// ScheduledBackup schedules: CNPG reads robfig/cron with a leading seconds field. A five-field
// Unix cron is accepted by CNPG but silently means something else (`0 0 * * *` runs hourly),
// so it is refused here with the six-field form of what the user probably meant.
import { ParseError, singleLine } from './parse.ts';

const MONTHS = 'JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC';
const DAYS = 'SUN|MON|TUE|WED|THU|FRI|SAT';

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: string;
  readonly question?: boolean;
}

const FIELDS: readonly Field[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: DAYS, question: true },
];

const DESCRIPTORS = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/;
const EXAMPLE = '0 0 0 * * *';

/** Returns the schedule, or undefined for `none`. */
export function schedule(raw: string): string | undefined {
  singleLine(raw, EXAMPLE);
  if (raw === 'none') return undefined;
  if (DESCRIPTORS.test(raw) || /^@every (\d+(ms|s|m|h))+$/.test(raw)) return raw;
  const fields = raw.split(/\s+/);
  if (fields.length === 5) {
    throw new ParseError(
      `'${raw}' has five fields, but CNPG reads the first as seconds, so it would run at another time (e.g. '0 0 * * *' runs hourly); write six fields, seconds first: '0 ${raw}'`,
      EXAMPLE,
    );
  }
  if (fields.length !== 6)
    throw new ParseError(
      `'${raw}' must have six fields: second minute hour day month weekday`,
      EXAMPLE,
    );
  fields.forEach((f, i) => {
    checkField(f, FIELDS[i] as Field);
  });
  return raw;
}

function checkField(text: string, field: Field): void {
  if (field.question && text === '?') return;
  for (const part of text.split(',')) {
    const m = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(part);
    if (!m?.[1] || (m[2] !== undefined && Number(m[2]) === 0)) throw bad(text, field);
    if (m[1] === '*') continue;
    for (const v of m[1].split('-')) {
      const n = value(v, field);
      if (n === undefined || n < field.min || n > field.max) throw bad(text, field);
    }
  }
}

function value(text: string, field: Field): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const names = field.names?.split('|') ?? [];
  const at = names.indexOf(text.toUpperCase());
  if (at < 0) return undefined;
  return field.min + at;
}

function bad(text: string, field: Field): ParseError {
  return new ParseError(
    `'${text}' is not a valid ${field.name} (${field.min}-${field.max})`,
    EXAMPLE,
  );
}
