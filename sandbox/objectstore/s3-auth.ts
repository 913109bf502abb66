// Signature Version 4 as S3 checks it, for the sandbox's S3 front. Only header authentication
// (Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/s3/aws4_request,
// SignedHeaders=..., Signature=...) is taken; the expected signature comes from s3-sigv4.ts
// (AWS's signer library). Refusals carry S3's codes, statuses and messages, in the order S3
// checks: the header's form, the date, the scope, the key id, the clock, the payload hash's
// form, the signature, unsigned x-amz-* headers, streaming, and the payload's hash.
import { timingSafeEqual } from 'node:crypto';
import { ALGORITHM_IDENTIFIER } from '@smithy/signature-v4';
import { s3Error, type S3Error } from './s3-errors.ts';
import {
  header,
  type Authorization,
  type S3Identity,
  type SignedRequest,
  type Verifier,
} from './s3-sigv4.ts';
import { sha256Hex } from './sha256.ts';

const MAX_SKEW_MS = 15 * 60_000;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const UNSIGNED = 'UNSIGNED-PAYLOAD';

/** undefined when S3 would take the request as signed by `id`; otherwise S3's refusal. */
export async function authenticate(
  r: SignedRequest,
  id: S3Identity,
  verifier: Verifier,
  now = Date.now(),
): Promise<S3Error | undefined> {
  const authorization = header(r, 'authorization');
  if (authorization === undefined) return anonymous(r);
  const auth = parseAuthorization(authorization);
  if ('status' in auth) return auth;
  const amzDate = header(r, 'x-amz-date') ?? '';
  const time = parseAmzDate(amzDate);
  if (time === undefined)
    return s3Error(
      403,
      'AccessDenied',
      'AWS authentication requires a valid Date or x-amz-date header',
    );
  const scope = scopeRefusal(auth, amzDate, id.region);
  if (scope) return scope;
  if (header(r, 'x-amz-security-token') !== undefined)
    return s3Error(400, 'InvalidToken', 'The provided token is malformed or otherwise invalid.');
  if (auth.accessKeyId !== id.accessKeyId)
    return s3Error(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      { AWSAccessKeyId: auth.accessKeyId },
    );
  if (Math.abs(now - time) > MAX_SKEW_MS) return skewed(amzDate, now);
  const payloadHash = header(r, 'x-amz-content-sha256');
  if (payloadHash === undefined)
    return s3Error(
      400,
      'InvalidRequest',
      'Missing required header for this request: x-amz-content-sha256',
    );
  if (!validPayloadHash(payloadHash))
    return s3Error(
      400,
      'InvalidArgument',
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, ' +
        'STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
      { ArgumentName: 'x-amz-content-sha256', ArgumentValue: payloadHash },
    );
  const expected = await verifier.expected(r, auth, amzDate, payloadHash);
  if (!sameHex(expected.signature, auth.signature))
    return s3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      {
        AWSAccessKeyId: auth.accessKeyId,
        StringToSign: expected.stringToSign,
        CanonicalRequest: expected.canonicalRequest,
      },
    );
  return payloadRefusal(r, auth, payloadHash);
}

/** No Authorization header: anonymous, which the sandbox's buckets (all private) refuse. */
function anonymous(r: SignedRequest): S3Error {
  const names = new Set(r.query.map(([name]) => name.toLowerCase()));
  if (names.has('x-amz-algorithm') || names.has('x-amz-signature') || names.has('signature'))
    return s3Error(
      501,
      'NotImplemented',
      'Query-string authentication (presigned URLs) is not implemented by the sandbox S3 front; ' +
        'sign with an Authorization header (AWS4-HMAC-SHA256).',
    );
  return s3Error(403, 'AccessDenied', 'Access Denied');
}

function parseAuthorization(value: string): Authorization | S3Error {
  if (/^AWS\s/.test(value))
    return s3Error(
      400,
      'InvalidRequest',
      'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
    );
  if (!value.startsWith(`${ALGORITHM_IDENTIFIER} `))
    return s3Error(400, 'InvalidArgument', 'Unsupported Authorization Type', {
      ArgumentName: 'Authorization',
    });
  const fields = new Map(
    value
      .slice(ALGORITHM_IDENTIFIER.length + 1)
      .split(',')
      .map((part) => part.trim())
      .map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)]),
  );
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature)
    return malformed(
      'the authorization header requires three components: Credential, SignedHeaders, and Signature.',
    );
  const [accessKeyId = '', date = '', region = '', service = '', terminator, ...rest] =
    credential.split('/');
  if (terminator !== 'aws4_request' || rest.length > 0 || !/^\d{8}$/.test(date) || !accessKeyId)
    return malformed(
      'the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    );
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signedHeaders.split(';'),
    signature,
  };
}

function malformed(why: string, detail?: Record<string, string>): S3Error {
  return s3Error(
    400,
    'AuthorizationHeaderMalformed',
    `The authorization header is malformed; ${why}`,
    detail,
  );
}

function scopeRefusal(auth: Authorization, amzDate: string, region: string): S3Error | undefined {
  if (auth.region !== region)
    return malformed(`the region '${auth.region}' is wrong; expecting '${region}'`, {
      Region: region,
    });
  if (auth.service !== 's3')
    return malformed(`incorrect service "${auth.service}". This endpoint belongs to "s3".`);
  if (auth.date !== amzDate.slice(0, 8))
    return malformed('Invalid credential date. Date is not the same as X-Amz-Date.');
  return undefined;
}

function parseAmzDate(value: string): number | undefined {
  const m = AMZ_DATE.exec(value);
  if (!m) return undefined;
  const time = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(time) ? undefined : time;
}

function skewed(amzDate: string, now: number): S3Error {
  return s3Error(
    403,
    'RequestTimeTooSkewed',
    'The difference between the request time and the current time is too large.',
    {
      RequestTime: amzDate,
      ServerTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
    },
  );
}

function validPayloadHash(value: string): boolean {
  return value === UNSIGNED || value.startsWith('STREAMING-') || HEX_SHA256.test(value);
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/** After the signature: headers that should have been signed, streaming, the payload's hash. */
function payloadRefusal(
  r: SignedRequest,
  auth: Authorization,
  payloadHash: string,
): S3Error | undefined {
  const signed = new Set(auth.signedHeaders);
  const unsigned = Object.keys(r.headers)
    .filter((name) => name.startsWith('x-amz-') && !signed.has(name))
    .sort();
  if (unsigned.length > 0)
    return s3Error(
      403,
      'AccessDenied',
      'There were headers present in the request which were not signed',
      {
        HeadersNotSigned: unsigned.join(', '),
      },
    );
  const encoding = header(r, 'content-encoding') ?? '';
  if (payloadHash.startsWith('STREAMING-') || /(^|,)\s*aws-chunked\s*(,|$)/i.test(encoding))
    return s3Error(
      501,
      'NotImplemented',
      `The sandbox S3 front does not take aws-chunked (streaming) payloads (x-amz-content-sha256: ${payloadHash}); ` +
        'sign the whole payload (its hex SHA-256) or send UNSIGNED-PAYLOAD.',
    );
  if (payloadHash === UNSIGNED) return undefined;
  const computed = sha256Hex(r.body);
  if (computed === payloadHash.toLowerCase()) return undefined;
  return s3Error(
    400,
    'XAmzContentSHA256Mismatch',
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
    { ClientComputedContentSHA256: payloadHash, S3ComputedContentSHA256: computed },
  );
}
