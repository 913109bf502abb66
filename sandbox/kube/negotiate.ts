// Content negotiation of responses as the API server does it: the Accept header's media
// ranges by q-value (then in the client's order), wildcards, and parameters the sandbox cannot
// serve (as=Table, stream=watch) ruling a range out; no Accept means JSON.
import { PROTOBUF } from './protobuf/codec.ts';

export type MediaType = 'application/json' | 'application/yaml' | typeof PROTOBUF;

export const ALL_MEDIA_TYPES: readonly MediaType[] = [
  'application/json',
  'application/yaml',
  PROTOBUF,
];

interface Range {
  type: string;
  params: Map<string, string>;
  q: number;
  order: number;
}

function parseRange(text: string, order: number): Range | undefined {
  const [type, ...rest] = text.split(';').map((s) => s.trim());
  if (!type) return undefined;
  const params = new Map<string, string>();
  for (const p of rest) {
    const at = p.indexOf('=');
    if (at > 0) params.set(p.slice(0, at).trim().toLowerCase(), p.slice(at + 1).trim());
  }
  const q = params.has('q') ? Number(params.get('q')) : 1;
  params.delete('q');
  return { type: type.toLowerCase(), params, q: Number.isFinite(q) ? q : 0, order };
}

export function parseAccept(header: string | undefined): Range[] {
  return (header ?? '')
    .split(',')
    .map((t, i) => parseRange(t, i))
    .filter((r): r is Range => r !== undefined)
    .sort((a, b) => b.q - a.q || a.order - b.order);
}

function matches(range: Range, offer: MediaType): boolean {
  // Tables, partial metadata and watch streams are conversions the sandbox does not offer.
  if (range.params.has('as') || range.params.has('stream')) return false;
  if (range.type === '*/*' || range.type === offer) return true;
  return range.type === 'application/*' && offer.startsWith('application/');
}

/** The offers the client accepts, most preferred first ([json] without an Accept header). */
export function acceptable(header: string | undefined, offers: readonly MediaType[]): MediaType[] {
  const ranges = parseAccept(header);
  if (ranges.length === 0) return offers.includes('application/json') ? ['application/json'] : [];
  const out: MediaType[] = [];
  for (const r of ranges.filter((x) => x.q > 0))
    for (const o of offers) if (matches(r, o) && !out.includes(o)) out.push(o);
  return out;
}
