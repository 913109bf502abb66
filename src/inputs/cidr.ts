// allowed-source-ranges: CIDR lists, and the public-access guard over their union. Ranges that
// together cover half or more of the IPv4 space (2^31 addresses, e.g. one /1), or half or
// more of IPv6's global unicast space 2000::/3 (e.g. one 2000::/4), open the database to the
// internet. IPv4-mapped IPv6 ranges (::ffff:0:0/96) count as the IPv4 they map.
import { isIP } from 'node:net';
import { ParseError, singleLine } from './parse.ts';

interface Range {
  readonly start: bigint;
  /** Exclusive. */
  readonly end: bigint;
}

interface Cidr {
  readonly text: string;
  readonly family: 4 | 6;
  readonly range: Range;
}

const V4_SPACE = 2n ** 32n;
const GLOBAL_UNICAST: Range = { start: 0x2n << 124n, end: 0x4n << 124n };
const V4_MAPPED: Range = { start: 0xffffn << 32n, end: (0xffffn << 32n) + V4_SPACE };
const EXAMPLE = '203.0.113.7/32';

export function cidrs(raw: string, allowPublic: boolean): string[] {
  singleLine(raw, EXAMPLE);
  const parsed = raw.split(',').map((part) => parseCidr(part.trim()));
  const reach = publicReach(parsed);
  if (reach && !allowPublic) {
    throw new ParseError(
      `together these ranges cover half or more of the ${reach}, which opens the database to the internet (public: half or more of the IPv4 space or of the IPv6 global unicast space 2000::/3); set allow-public: true if you mean it`,
      EXAMPLE,
    );
  }
  return parsed.map((c) => c.text);
}

function parseCidr(cidr: string): Cidr {
  const [ip = '', bits = '', extra] = cidr.split('/');
  const family = ip.includes('%') ? 0 : isIP(ip);
  const max = family === 4 ? 32 : family === 6 ? 128 : 0;
  if (!max || extra !== undefined || !/^\d+$/.test(bits) || Number(bits) > max) {
    throw new ParseError(`'${cidr}' is not an IPv4 or IPv6 CIDR`, EXAMPLE);
  }
  const size = 2n ** BigInt(max - Number(bits));
  const address = family === 4 ? ipv4(ip) : ipv6(ip);
  const start = address - (address % size);
  return { text: cidr, family: family === 4 ? 4 : 6, range: { start, end: start + size } };
}

function ipv4(ip: string): bigint {
  return ip.split('.').reduce((n, octet) => (n << 8n) + BigInt(octet), 0n);
}

function ipv6(ip: string): bigint {
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  const hex = dotted?.[1] && dotted[2] ? `${dotted[1]}0:0` : ip;
  const [head = '', tail] = hex.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const value = groups.reduce((n, g) => (n << 16n) + BigInt(`0x${g || '0'}`), 0n);
  return dotted?.[2] ? value + ipv4(dotted[2]) : value;
}

/** Which space the union of the ranges covers half or more of, or undefined. */
function publicReach(list: readonly Cidr[]): string | undefined {
  const v4 = list.filter((c) => c.family === 4).map((c) => c.range);
  const v6 = list.filter((c) => c.family === 6).map((c) => c.range);
  const mapped = v6.flatMap((r) => clip(r, V4_MAPPED)).map((r) => shift(r, -V4_MAPPED.start));
  if (covered([...v4, ...mapped]) * 2n >= V4_SPACE) return 'IPv4 space';
  const unicast = v6.flatMap((r) => clip(r, GLOBAL_UNICAST));
  if (covered(unicast) * 2n >= GLOBAL_UNICAST.end - GLOBAL_UNICAST.start)
    return 'IPv6 global unicast space 2000::/3';
  return undefined;
}

function clip(r: Range, to: Range): Range[] {
  const start = r.start > to.start ? r.start : to.start;
  const end = r.end < to.end ? r.end : to.end;
  return start < end ? [{ start, end }] : [];
}

const shift = (r: Range, by: bigint): Range => ({ start: r.start + by, end: r.end + by });

/** Addresses in the union of the ranges. */
function covered(ranges: readonly Range[]): bigint {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let total = 0n;
  let reached = -1n;
  for (const r of sorted) {
    const from = r.start > reached ? r.start : reached;
    if (r.end > from) total += r.end - from;
    if (r.end > reached) reached = r.end;
  }
  return total;
}
