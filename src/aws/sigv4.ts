// AWS Signature Version 4 for S3 with the Authorization header, from AWS's description of it
// ("Signature Calculations for the Authorization Header: Transferring Payload in a Single
// Chunk"): a canonical request (method, URI, query, headers, payload hash), hashed into a
// string to sign under the scope <date>/<region>/s3/aws4_request, signed with a key derived
// from the secret by HMAC-SHA256. S3 differs from other services in two ways that matter
// here: the path is not normalised or encoded twice (each segment once, as sent), and
// x-amz-content-sha256 carries the payload's hash. node:crypto only: no AWS SDK.
import { createHash, createHmac } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

/** SHA-256 of the empty payload, the x-amz-content-sha256 of every request without a body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary credentials (STS) come with one; sent as x-amz-security-token. */
  readonly sessionToken?: string;
}

export interface SignRequest {
  readonly method: string;
  /** The URL exactly as it is sent: path segments and query already encoded (s3Path, s3Query). */
  readonly url: URL;
  /** Further headers to send and sign (range, content-md5, content-type, date, x-amz-*). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body (sha256Hex), or UNSIGNED-PAYLOAD. */
  readonly payloadHash: string;
  readonly region: string;
  /** Default s3. */
  readonly service?: string;
  readonly credentials: AwsCredentials;
  /** Time of signing, ms since the epoch. */
  readonly now: number;
}

export interface Signature {
  /** Every header to send except Host (fetch sets it from the URL): authorization included. */
  readonly headers: Readonly<Record<string, string>>;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 percent-encoding of every UTF-8 byte but A-Z a-z 0-9 - . _ ~ (S3's UriEncode). */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** An object key as a URL path: each segment encoded, the slashes kept. */
export function s3Path(key: string): string {
  return key.split('/').map(uriEncode).join('/');
}

/** A query string in canonical form: names and values encoded, sorted, `name=` when empty. */
export function s3Query(params: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(params).map(([k, v]) => [uriEncode(k), uriEncode(v)] as const);
  pairs.sort(([a, av], [b, bv]) => compare(a, b) || compare(av, bv));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Code-unit order, as AWS sorts (not localeCompare). */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The path as S3 canonicalises it: each segment decoded once and encoded once, not normalised. */
export function canonicalUri(pathname: string): string {
  if (pathname === '') return '/';
  return pathname
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
}

/** The query of a URL in canonical form; `+` is a plus sign, never a space. */
export function canonicalQuery(search: string): string {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  if (raw === '') return '';
  const params = raw
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      const name = at < 0 ? pair : pair.slice(0, at);
      const value = at < 0 ? '' : pair.slice(at + 1);
      return [uriEncode(decodeURIComponent(name)), uriEncode(decodeURIComponent(value))] as const;
    });
  params.sort(([a, av], [b, bv]) => compare(a, b) || compare(av, bv));
  return params.map(([k, v]) => `${k}=${v}`).join('&');
}

/** x-amz-date: YYYYMMDD'T'HHMMSS'Z' in UTC. */
export function amzDate(now: number): string {
  return new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Signs the request; returns the headers to send with it. */
export function signV4(req: SignRequest): Signature {
  const service = req.service ?? 's3';
  const timestamp = amzDate(req.now);
  const day = timestamp.slice(0, 8);
  const { sessionToken } = req.credentials;
  const sent: Record<string, string> = {
    ...lowerCased(req.headers ?? {}),
    'x-amz-content-sha256': req.payloadHash,
    'x-amz-date': timestamp,
    ...(sessionToken ? { 'x-amz-security-token': sessionToken } : {}),
  };
  const signed: Record<string, string> = { ...sent, host: req.url.host };
  const names = Object.keys(signed).sort(compare);
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalUri(req.url.pathname),
    canonicalQuery(req.url.search),
    ...names.map((n) => `${n}:${headerValue(signed[n] ?? '')}`),
    '',
    signedHeaders,
    req.payloadHash,
  ].join('\n');
  const scope = `${day}/${req.region}/${service}/aws4_request`;
  const stringToSign = [ALGORITHM, timestamp, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = signingKey(req.credentials.secretAccessKey, day, req.region, service);
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  const authorization = `${ALGORITHM} Credential=${req.credentials.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { headers: { ...sent, authorization }, canonicalRequest, stringToSign, signature };
}

/** HMAC chain: "AWS4" + secret, then the day, the region, the service and "aws4_request". */
export function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const dated = hmac(`AWS4${secret}`, day);
  return hmac(hmac(hmac(dated, region), service), 'aws4_request');
}

function lowerCased(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Leading and trailing blanks trimmed, inner runs of blanks as one space. */
function headerValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}
