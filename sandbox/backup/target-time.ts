// recoveryTarget.targetTime and targetLSN as CNPG parses them (machinery pkg/types: a
// PostgreSQL timestamp `YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM]]`, RFC3339 with or without
// fraction, or `YYYY-MM-DDTHH:MM:SS`; a time without zone is UTC) and an LSN `X/Y` in hex.

const PG_TIMESTAMP =
  /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(\.\d{1,6})?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?$/;
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;
const LOCAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;

function valid(d: Date): Date | undefined {
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function fromPostgres(m: RegExpExecArray): Date | undefined {
  const [, day = '', time = '', frac = '', sign, hh = '00', mm = '00', ss = '00'] = m;
  const zone = sign ? `${sign}${hh}:${mm}` : 'Z';
  const d = valid(new Date(`${day}T${time}${frac.slice(0, 4)}${zone}`));
  if (!d || !sign || ss === '00') return d;
  return new Date(d.getTime() - (sign === '+' ? 1 : -1) * Number(ss) * 1000);
}

/** The instant a targetTime names, or undefined when CNPG would refuse it. */
export function parseTargetTime(s: string): Date | undefined {
  const pg = PG_TIMESTAMP.exec(s);
  if (pg) return fromPostgres(pg);
  if (RFC3339.test(s)) return valid(new Date(s));
  if (LOCAL.test(s)) return valid(new Date(`${s}Z`));
  return undefined;
}

/** An LSN as a bigint, or undefined when it is not `X/Y` in hex. */
export function parseLsn(s: string): bigint | undefined {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(s);
  if (!m) return undefined;
  return (BigInt(`0x${m[1] ?? '0'}`) << 32n) | BigInt(`0x${m[2] ?? '0'}`);
}
