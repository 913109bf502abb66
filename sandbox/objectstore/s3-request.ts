// What the S3 front reads from a request before it routes it: the bucket and key of a
// path-style path, the query as S3 decodes it, the integrity headers it checks against the
// body (Content-MD5, x-amz-checksum-*), the keys s3rver cannot hold, CreateBucket's region
// rules, and the request log's query without secrets.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { header, type SignedRequest } from './s3-sigv4.ts';
import { s3Error, type S3Error } from './s3-errors.ts';

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** Query parameters the request log leaves out. */
const SECRET_PARAMETERS = /^(x-amz-signature|signature|x-amz-security-token|x-amz-credential)$/i;
const CHECKSUMS = {
  'x-amz-checksum-crc32': {
    name: 'CRC32',
    of: (b: Buffer) => {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(crc32(b));
      return out.toString('base64');
    },
  },
  'x-amz-checksum-sha1': { name: 'SHA1', of: (b: Buffer) => digest('sha1', b) },
  'x-amz-checksum-sha256': { name: 'SHA256', of: (b: Buffer) => digest('sha256', b) },
} as const;

export function validBucketName(name: string): boolean {
  return BUCKET_NAME.test(name) && !name.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}

/** Content-MD5 and the x-amz-checksum-* headers the front can compute, checked as S3 does. */
export function digestRefusal(r: SignedRequest): S3Error | undefined {
  const md5 = header(r, 'content-md5');
  if (md5 !== undefined) {
    if (Buffer.from(md5, 'base64').length !== 16 || !/^[A-Za-z0-9+/]{22}==$/.test(md5))
      return s3Error(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.', {
        'Content-MD5': md5,
      });
    const computed = digest('md5', r.body);
    if (computed !== md5)
      return s3Error(
        400,
        'BadDigest',
        'The Content-MD5 you specified did not match what we received.',
        {
          ExpectedDigest: md5,
          CalculatedDigest: computed,
        },
      );
  }
  for (const [name, checksum] of Object.entries(CHECKSUMS)) {
    const given = header(r, name);
    if (given !== undefined && given !== checksum.of(r.body))
      return s3Error(
        400,
        'BadDigest',
        `The ${checksum.name} you specified did not match the calculated checksum.`,
      );
  }
  return undefined;
}

/**
 * s3rver keeps an object in a file named after its key, so a key with an empty, '.' or '..'
 * segment ('a//b', '/a', 'a/../b') would land elsewhere or outside its bucket: refused.
 */
export function pathRefusal(rawPath: string): S3Error | undefined {
  let segments: string[];
  try {
    segments = rawPath.split('/').slice(1).map(decodeURIComponent).join('/').split('/');
  } catch {
    return s3Error(400, 'InvalidURI', "Couldn't parse the specified URI.");
  }
  const inner = segments.slice(0, -1);
  const unsafe =
    segments.some((s) => s === '.' || s === '..') || inner.slice(1).some((s) => s === '');
  if (!unsafe) return undefined;
  return s3Error(
    400,
    'InvalidArgument',
    "The sandbox S3 store (s3rver, one file per key) does not take keys with empty, '.' or '..' path segments.",
  );
}

/** [bucket, key] of a path-style path; the key is undefined for /<bucket> and /<bucket>/. */
export function targetOf(rawPath: string): [string | undefined, string | undefined] {
  const [, bucket = '', ...rest] = rawPath.split('/');
  const key = rest.map(decodeURIComponent).join('/');
  return [bucket ? decodeURIComponent(bucket) : undefined, key ? key : undefined];
}

/** Query parameters decoded as S3 reads them: '+' is a plus sign, a name without '=' has ''. */
export function parseQuery(rawQuery: string): [string, string][] {
  if (!rawQuery) return [];
  return rawQuery.split('&').map((part) => {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    return [safeDecode(name), safeDecode(value)];
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function logQuery(rawQuery: string): string {
  const kept = rawQuery
    .split('&')
    .filter((part) => part && !SECRET_PARAMETERS.test(safeDecode(part.split('=')[0] ?? '')));
  return kept.length ? `?${kept.join('&')}` : '';
}

function digest(algorithm: string, body: Buffer): string {
  return createHash(algorithm).update(body).digest('base64');
}

/** LocationConstraint as S3 takes it: none in us-east-1, the endpoint's region elsewhere. */
export function createBucketRefusal(
  bucket: string,
  body: Buffer,
  region: string,
): S3Error | undefined {
  if (!validBucketName(bucket))
    return s3Error(400, 'InvalidBucketName', 'The specified bucket is not valid.', {
      BucketName: bucket,
    });
  const constraint =
    /<LocationConstraint>([^<]*)<\/LocationConstraint>/.exec(body.toString('utf8'))?.[1] ?? '';
  if (region === 'us-east-1' && constraint === 'us-east-1')
    return s3Error(
      400,
      'InvalidLocationConstraint',
      'The specified location-constraint is not valid',
      {
        LocationConstraint: constraint,
      },
    );
  if (region === 'us-east-1' ? constraint === '' : constraint === region) return undefined;
  return s3Error(
    400,
    'IllegalLocationConstraintException',
    `The ${constraint || 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
  );
}
