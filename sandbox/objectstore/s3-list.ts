// ListObjectsV2 (list-type=2) and ListObjects (v1) as S3 answers them, over the objects of
// s3rver's store. The front answers listings itself because s3rver's own do not hold up:
// its keys come in file-system walk order rather than S3's UTF-8 byte order (a key "a-b"
// after "a/c"), so start-after and continuation tokens skip or repeat keys, and its
// continuation tokens use DES, which Node 24's OpenSSL no longer offers (a truncated listing
// fails with 500). Here keys are sorted by their UTF-8 bytes, delimiters roll keys up into
// CommonPrefixes that count towards max-keys (at most 1000), a continuation token is an
// opaque base64 of the last entry returned, and encoding-type=url encodes the keys.
import { createHash } from 'node:crypto';
import { element, s3Error, type S3Error } from './s3-errors.ts';

export interface StoredObject {
  key: string;
  size: number;
  /** Quoted, as the ETag header has it. */
  etag: string;
  lastModified: Date;
}

/** The objects of a bucket whose keys start with prefix, in any order. */
export type ObjectSource = (bucket: string, prefix: string) => Promise<StoredObject[]>;

const LIST_PARAMETERS = new Set([
  'list-type',
  'prefix',
  'delimiter',
  'max-keys',
  'continuation-token',
  'start-after',
  'fetch-owner',
  'encoding-type',
  'marker',
  'x-id',
]);
const MAX_KEYS = 1000;
const NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** GET /<bucket> with nothing but listing parameters. */
export function isListing(query: ReadonlyMap<string, string>): boolean {
  return [...query.keys()].every((name) => LIST_PARAMETERS.has(name));
}

interface Page {
  contents: StoredObject[];
  prefixes: string[];
  truncated: boolean;
  /** The last entry (key or common prefix) returned. */
  last?: string;
}

interface Request {
  v2: boolean;
  prefix: string;
  delimiter: string;
  after: string | undefined;
  maxKeys: number;
  encode: (text: string) => string;
}

export async function listObjects(
  bucket: string,
  query: ReadonlyMap<string, string>,
  source: ObjectSource,
  ownerId: string,
): Promise<S3Error | string> {
  const request = parse(bucket, query);
  if ('status' in request) return request;
  const objects = (await source(bucket, request.prefix)).map((o) => ({
    o,
    bytes: Buffer.from(o.key),
  }));
  objects.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  const page = paginate(
    objects.map(({ o }) => o),
    request,
  );
  return render(bucket, query, request, page, ownerId);
}

function parse(bucket: string, query: ReadonlyMap<string, string>): Request | S3Error {
  const encoding = query.get('encoding-type');
  if (encoding !== undefined && encoding !== 'url')
    return s3Error(400, 'InvalidArgument', 'Invalid Encoding Method specified in Request', {
      ArgumentName: 'encoding-type',
      ArgumentValue: encoding,
    });
  const rawMaxKeys = query.get('max-keys');
  if (rawMaxKeys !== undefined && !/^\d{1,10}$/.test(rawMaxKeys))
    return s3Error(
      400,
      'InvalidArgument',
      'Provided max-keys not an integer or within integer range',
      {
        ArgumentName: 'max-keys',
        ArgumentValue: rawMaxKeys,
      },
    );
  const v2 = query.get('list-type') === '2';
  const token = v2 ? query.get('continuation-token') : undefined;
  const after =
    token !== undefined ? tokenEntry(token, bucket) : query.get(v2 ? 'start-after' : 'marker');
  if (after === null)
    return s3Error(400, 'InvalidArgument', 'The continuation token provided is incorrect', {
      ArgumentName: 'continuation-token',
    });
  return {
    v2,
    prefix: query.get('prefix') ?? '',
    delimiter: query.get('delimiter') ?? '',
    after,
    maxKeys: Math.min(MAX_KEYS, Number(rawMaxKeys ?? MAX_KEYS)),
    encode: encoding === 'url' ? urlEncode : (text) => text,
  };
}

/** Keys after `after` in byte order, rolled up at the delimiter, up to maxKeys entries. */
function paginate(objects: readonly StoredObject[], r: Request): Page {
  const page: Page = { contents: [], prefixes: [], truncated: false };
  const after = r.after === undefined ? undefined : Buffer.from(r.after);
  if (r.maxKeys === 0) return page;
  for (const o of objects) {
    if (!o.key.startsWith(r.prefix)) continue;
    const cut = r.delimiter ? o.key.indexOf(r.delimiter, r.prefix.length) : -1;
    const entry = cut < 0 ? o.key : o.key.slice(0, cut + r.delimiter.length);
    if (after && Buffer.compare(Buffer.from(entry), after) <= 0) continue;
    if (cut >= 0 && page.prefixes.at(-1) === entry) continue;
    if (page.contents.length + page.prefixes.length === r.maxKeys) {
      page.truncated = true;
      break;
    }
    if (cut < 0) page.contents.push(o);
    else page.prefixes.push(entry);
    page.last = entry;
  }
  return page;
}

function render(
  bucket: string,
  query: ReadonlyMap<string, string>,
  r: Request,
  page: Page,
  ownerId: string,
): string {
  const owner = `<Owner>${element('ID', ownerId)}${element('DisplayName', 'sandbox')}</Owner>`;
  const withOwner = !r.v2 || query.get('fetch-owner') === 'true';
  const contents = page.contents.map(
    (o) =>
      '<Contents>' +
      element('Key', r.encode(o.key)) +
      element('LastModified', o.lastModified.toISOString()) +
      element('ETag', o.etag) +
      element('Size', o.size) +
      (withOwner ? owner : '') +
      element('StorageClass', 'STANDARD') +
      '</Contents>',
  );
  const prefixes = page.prefixes.map(
    (p) => `<CommonPrefixes>${element('Prefix', r.encode(p))}</CommonPrefixes>`,
  );
  const optional = (name: string, value: string | undefined) =>
    value === undefined ? '' : element(name, value);
  const next = page.truncated ? page.last : undefined;
  const position = r.v2
    ? optional('ContinuationToken', query.get('continuation-token')) +
      optional('StartAfter', mapOptional(query.get('start-after'), r.encode)) +
      element('KeyCount', page.contents.length + page.prefixes.length)
    : element('Marker', r.encode(query.get('marker') ?? '')) +
      (r.delimiter ? optional('NextMarker', mapOptional(next, r.encode)) : '');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="${NAMESPACE}">` +
    element('Name', bucket) +
    element('Prefix', r.encode(r.prefix)) +
    position +
    element('MaxKeys', r.maxKeys) +
    (r.delimiter ? element('Delimiter', r.encode(r.delimiter)) : '') +
    (query.has('encoding-type') ? element('EncodingType', 'url') : '') +
    element('IsTruncated', page.truncated) +
    (r.v2
      ? optional(
          'NextContinuationToken',
          mapOptional(next, (e) => tokenOf(e, bucket)),
        )
      : '') +
    contents.join('') +
    prefixes.join('') +
    '</ListBucketResult>'
  );
}

function mapOptional(value: string | undefined, f: (text: string) => string): string | undefined {
  return value === undefined ? undefined : f(value);
}

/** S3's encoding-type=url: percent-encoding with '+' for a space (clients decode with unquote_plus). */
function urlEncode(text: string): string {
  return encodeURIComponent(text).replace(/%2F/g, '/').replace(/%20/g, '+');
}

function tokenOf(entry: string, bucket: string): string {
  return Buffer.from(JSON.stringify({ b: bucket, a: entry })).toString('base64');
}

/** The entry a continuation token continues after, or null when it is not one of ours for this bucket. */
function tokenEntry(token: string, bucket: string): string | null {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { a, b } = value as { a?: unknown; b?: unknown };
    return b === bucket && typeof a === 'string' ? a : null;
  } catch {
    return null;
  }
}

/** The owner's canonical user id S3 lists: 64 hex characters, derived from the access key id. */
export function ownerIdOf(accessKeyId: string): string {
  return createHash('sha256').update(`sandbox-owner:${accessKeyId}`).digest('hex');
}
