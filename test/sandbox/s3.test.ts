// The sandbox's S3 store: s3rver behind a front that verifies SigV4 as S3 does. Requests are
// signed three ways, so that the front is not only checked by the client written with it:
// AWS's published SigV4 examples (fixed signatures), a SigV4 signer written here from the
// specification with node:crypto alone, and the sandbox's own client (@smithy/signature-v4).
// Every refusal leaves the bucket as it was; the request log never holds a secret or a
// signature; a sandbox writes the store's settings and Secret manifest into objectstore.json.
import { createHash, createHmac } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox } from '../../sandbox/index.ts';
import { authenticate } from '../../sandbox/objectstore/s3-auth.ts';
import { Verifier, type SignedRequest } from '../../sandbox/objectstore/s3-sigv4.ts';
import {
  s3Bucket,
  S3ClientError,
  S3ConnectionError,
  type S3Bucket,
} from '../../sandbox/objectstore/s3-client.ts';
import { startS3, type S3Service } from '../../sandbox/objectstore/s3.ts';

const dirs: string[] = [];
let s3: S3Service;
let startMs = 0;

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(`/tmp/pgha-${prefix}-`);
  await chmod(dir, 0o711);
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  const dir = await tempDir('s3');
  const started = performance.now();
  s3 = await startS3({ dir, buckets: ['backups', 'archive'] });
  startMs = performance.now() - started;
});

afterAll(async () => {
  await s3.stop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) =>
  createHmac('sha256', key).update(data).digest();
const rfc3986 = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
const crc32Base64 = (text: string) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(text));
  return out.toString('base64');
};
const amzDateOf = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Every signature sent by `call`, to look for in the request log. */
const signaturesSent = new Set<string>();

interface Call {
  method: string;
  /** Encoded path-style path, /<bucket>/<key>. */
  path: string;
  query?: [string, string][];
  body?: string;
  headers?: Record<string, string>;
  /** What the request is signed with (default: the service's own). */
  accessKeyId?: string;
  secretAccessKey?: string;
  region?: string;
  date?: Date;
  /** The x-amz-content-sha256 value; null: no such header (default: the body's hex SHA-256). */
  payloadHash?: string | null;
  /** Headers sent but not signed. */
  unsigned?: Record<string, string>;
  /** Send no Authorization at all. */
  anonymous?: boolean;
}

interface Answer {
  status: number;
  code: string | undefined;
  text: string;
  headers: Headers;
}

/**
 * A request signed with SigV4 as the specification describes it, by hand: canonical request
 * (method, path as sent, sorted RFC 3986 query, sorted lower-case headers, their names, the
 * payload hash), string to sign, key derived from the secret by date, region and service.
 */
async function call(c: Call, service: S3Service = s3): Promise<Answer> {
  const url = new URL(`${service.url}${c.path}`);
  const query = (c.query ?? [])
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .sort()
    .join('&');
  const body = c.body ?? '';
  const amzDate = amzDateOf(c.date ?? new Date());
  const payloadHash = c.payloadHash === undefined ? sha256(body) : c.payloadHash;
  const headers: Record<string, string> = {
    host: url.host,
    'x-amz-date': amzDate,
    ...(payloadHash === null ? {} : { 'x-amz-content-sha256': payloadHash }),
    ...c.headers,
  };
  const names = Object.keys(headers).sort();
  const canonicalRequest = [
    c.method,
    c.path,
    query,
    names.map((n) => `${n}:${(headers[n] ?? '').trim()}\n`).join(''),
    names.join(';'),
    payloadHash ?? EMPTY_SHA256,
  ].join('\n');
  const region = c.region ?? service.region;
  const scope = `${amzDate.slice(0, 8)}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${c.secretAccessKey ?? service.secretAccessKey}`, amzDate.slice(0, 8));
  for (const part of [region, 's3', 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  signaturesSent.add(signature);
  const authorization = `AWS4-HMAC-SHA256 Credential=${c.accessKeyId ?? service.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  const { host: _host, ...sent } = headers;
  const response = await fetch(`${service.url}${c.path}${query ? `?${query}` : ''}`, {
    method: c.method,
    headers: { ...sent, ...c.unsigned, ...(c.anonymous ? {} : { authorization }) },
    ...(c.body !== undefined ? { body: c.body } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1],
    text,
    headers: response.headers,
  };
}

const bucket = (name = 'backups'): S3Bucket =>
  s3Bucket({ endpoint: s3.url, region: s3.region, bucket: name, credentials: s3 });

async function keys(b: S3Bucket, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for await (const o of b.list(prefix)) found.push(o.key);
  return found;
}

describe('SigV4 verification', () => {
  // AWS's published examples of header-based SigV4 for S3 (examplebucket, 24 May 2013).
  const example = {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    region: 'us-east-1',
  };
  const verifier = new Verifier(example);
  const at = Date.UTC(2013, 4, 24, 0, 0, 0);
  const request = (
    path: string,
    query: [string, string][],
    headers: Record<string, string>,
    signature: string,
  ): SignedRequest => {
    const all: Record<string, string> = {
      host: 'examplebucket.s3.amazonaws.com',
      'x-amz-content-sha256': EMPTY_SHA256,
      'x-amz-date': '20130524T000000Z',
      ...headers,
    };
    const signed = Object.keys(all).sort().join(';');
    all.authorization = `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=${signed},Signature=${signature}`;
    return {
      method: 'GET',
      rawPath: path,
      query,
      headers: Object.fromEntries(Object.entries(all).map(([n, v]) => [n, [v]])),
      body: Buffer.alloc(0),
    };
  };
  const getObject = (range: string) =>
    request(
      '/test.txt',
      [],
      { range },
      'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );

  test("AWS's GET Object and ListObjects examples verify", async () => {
    expect(await authenticate(getObject('bytes=0-9'), example, verifier, at)).toBeUndefined();
    const list = request(
      '/',
      [
        ['max-keys', '2'],
        ['prefix', 'J'],
      ],
      {},
      '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
    );
    expect(await authenticate(list, example, verifier, at)).toBeUndefined();
  });

  test('a changed signed header, or the same request 16 minutes later, is refused', async () => {
    const changed = await authenticate(getObject('bytes=0-10'), example, verifier, at);
    expect(changed).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(changed?.detail?.CanonicalRequest).toContain('range:bytes=0-10');
    const late = await authenticate(getObject('bytes=0-9'), example, verifier, at + 16 * 60_000);
    expect(late).toMatchObject({ status: 403, code: 'RequestTimeTooSkewed' });
    const inTime = await authenticate(getObject('bytes=0-9'), example, verifier, at + 14 * 60_000);
    expect(inTime).toBeUndefined();
  });
});

describe('the S3 front with the right keys', () => {
  test('starts in well under 200 ms, with generated AKIA-like keys', () => {
    expect(startMs).toBeLessThan(200);
    expect(s3.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s3.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(s3.secretAccessKey).toHaveLength(40);
    expect(s3).toMatchObject({ region: 'us-east-1', buckets: ['backups', 'archive'] });
  });

  test('the sandbox client puts, lists in UTF-8 byte order, gets and deletes', async () => {
    const b = bucket();
    const names = ['a0', 'a/c', 'a.b', 'a-b', 'a b+c', 'aé', 'z'];
    for (const name of names) await b.put(name, Buffer.from(`body of ${name}`));
    // s3rver alone lists in file-system walk order ('a/c' before 'a-b'); S3 sorts by bytes.
    expect(await keys(b, 'a')).toEqual(['a b+c', 'a-b', 'a.b', 'a/c', 'a0', 'aé']);
    expect((await b.get('a b+c')).toString()).toBe('body of a b+c');
    expect(await b.exists()).toBe(true);
    for (const name of names) await b.delete(name);
    expect(await keys(b)).toEqual([]);
  });

  test('a request signed by hand is served: PutObject (hex and UNSIGNED-PAYLOAD), GetObject, HeadBucket', async () => {
    expect((await call({ method: 'PUT', path: '/backups/hand/one', body: 'first' })).status).toBe(
      200,
    );
    const unsigned = await call({
      method: 'PUT',
      path: '/backups/hand/two',
      body: 'second',
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    expect(unsigned.status).toBe(200);
    expect(unsigned.headers.get('etag')).toBe(
      `"${createHash('md5').update('second').digest('hex')}"`,
    );
    const got = await call({ method: 'GET', path: '/backups/hand/two' });
    expect(got).toMatchObject({ status: 200, text: 'second' });
    const head = await call({ method: 'HEAD', path: '/backups' });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-amz-bucket-region')).toBe('us-east-1');
    await bucket().delete('hand/one');
    await bucket().delete('hand/two');
  });

  test('ListObjectsV2 pages with max-keys, continuation tokens and CommonPrefixes', async () => {
    const b = bucket('archive');
    for (const k of ['p/1', 'p/2', 'p/3', 'p/d/x', 'p/d/y', 'p/e/z', 'q'])
      await b.put(k, Buffer.from(k));
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const query: [string, string][] = [
        ['list-type', '2'],
        ['prefix', 'p/'],
        ['delimiter', '/'],
        ['max-keys', '2'],
      ];
      if (token) query.push(['continuation-token', token]);
      const page = await call({ method: 'GET', path: '/archive', query });
      expect(page.status).toBe(200);
      const entries = [...page.text.matchAll(/<(?:Key|Prefix)>([^<]*)<\/(?:Key|Prefix)>/g)].map(
        (m) => m[1] ?? '',
      );
      pages.push(entries.slice(1)); // the first <Prefix> is the request's
      expect(page.text).toContain(`<KeyCount>${String(entries.length - 1)}</KeyCount>`);
      token = /<NextContinuationToken>([^<]*)</.exec(page.text)?.[1];
      expect(page.text).toContain(`<IsTruncated>${String(token !== undefined)}</IsTruncated>`);
    } while (token);
    expect(pages).toEqual([['p/1', 'p/2'], ['p/3', 'p/d/'], ['p/e/']]);
    expect(await keys(b, 'p/d/')).toEqual(['p/d/x', 'p/d/y']);
  });

  test('a multipart upload (as barman-cloud-backup sends its tar files): initiate, parts, complete; abort', async () => {
    const initiate = await call({
      method: 'POST',
      path: '/backups/base/data.tar',
      query: [['uploads', '']],
    });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(initiate.text)?.[1] ?? '';
    expect(uploadId).toMatch(/^[0-9a-f]{32}$/);
    const parts = ['a'.repeat(5 << 20), 'tail'];
    const etags: string[] = [];
    for (const [i, body] of parts.entries()) {
      const part = await call({
        method: 'PUT',
        path: '/backups/base/data.tar',
        query: [
          ['partNumber', String(i + 1)],
          ['uploadId', uploadId],
        ],
        body,
        headers: { 'x-amz-checksum-crc32': crc32Base64(body) },
      });
      expect(part.status).toBe(200);
      etags.push(part.headers.get('etag') ?? '');
    }
    const complete = `<CompleteMultipartUpload>${etags.map((e, i) => `<Part><PartNumber>${String(i + 1)}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
    const done = await call({
      method: 'POST',
      path: '/backups/base/data.tar',
      query: [['uploadId', uploadId]],
      body: complete,
    });
    expect(done.status).toBe(200);
    const head = await call({ method: 'HEAD', path: '/backups/base/data.tar' });
    expect(head.headers.get('content-length')).toBe(String((5 << 20) + 4));
    // Completed: the upload is gone. An aborted one is gone too.
    const again = {
      method: 'POST',
      path: '/backups/base/data.tar',
      query: [['uploadId', uploadId]] as [string, string][],
      body: complete,
    };
    expect(await call(again)).toMatchObject({ status: 404, code: 'NoSuchUpload' });
    const other = await call({
      method: 'POST',
      path: '/backups/base/other.tar',
      query: [['uploads', '']],
    });
    const otherId = /<UploadId>([^<]+)<\/UploadId>/.exec(other.text)?.[1] ?? '';
    const abort = {
      method: 'DELETE',
      path: '/backups/base/other.tar',
      query: [['uploadId', otherId]] as [string, string][],
    };
    expect((await call(abort)).status).toBe(204);
    expect(await call(abort)).toMatchObject({ status: 404, code: 'NoSuchUpload' });
    expect(await keys(bucket(), 'base/')).toEqual(['base/data.tar']);
    await bucket().delete('base/data.tar');
  });

  test('DeleteObjects with Content-MD5 or a CRC32 checksum: quiet lists nothing, verbose lists the deleted keys', async () => {
    const b = bucket('archive');
    // Quiet with Content-MD5 (older clients), verbose with x-amz-checksum-crc32 (botocore >= 1.36).
    const remove = (quiet: boolean, ks: string[]) => {
      const body = `<Delete>${quiet ? '<Quiet>true</Quiet>' : ''}${ks.map((k) => `<Object><Key>${k}</Key></Object>`).join('')}</Delete>`;
      return call({
        method: 'POST',
        path: '/archive',
        query: [['delete', '']],
        body,
        headers: {
          ...(quiet
            ? { 'content-md5': createHash('md5').update(body).digest('base64') }
            : { 'x-amz-checksum-crc32': crc32Base64(body) }),
          'content-type': 'application/xml',
        },
      });
    };
    const quiet = await remove(true, ['p/1', 'p/2', 'p/3']);
    expect(quiet.status).toBe(200);
    expect(quiet.text).toContain('<DeleteResult');
    expect(quiet.text).not.toContain('<Deleted>');
    // Two keys in one directory: s3rver alone fails here (its directory clean-up races).
    const verbose = await remove(false, ['p/d/x', 'p/d/y', 'p/e/z', 'q']);
    expect(verbose.text).toContain('<Deleted><Key>q</Key></Deleted>');
    expect(await keys(b)).toEqual([]);
  });
});

describe('refusals, as S3 answers them, leave the bucket unchanged', () => {
  const put = (extra: Partial<Call> = {}): Call => ({
    method: 'PUT',
    path: '/backups/refused/new',
    body: 'data',
    ...extra,
  });
  const minutes = (n: number) => new Date(Date.now() + n * 60_000);
  const cases: [string, Call, number, string, RegExp?][] = [
    ['no Authorization', put({ anonymous: true }), 403, 'AccessDenied'],
    [
      'an unknown access key id',
      put({ accessKeyId: 'AKIAUNKNOWNUNKNOWN00' }),
      403,
      'InvalidAccessKeyId',
      /does not exist in our records/,
    ],
    ['a wrong secret', put({ secretAccessKey: 'x'.repeat(40) }), 403, 'SignatureDoesNotMatch'],
    [
      'a scope in another region',
      put({ region: 'eu-west-1' }),
      400,
      'AuthorizationHeaderMalformed',
      /the region 'eu-west-1' is wrong; expecting 'us-east-1'/,
    ],
    ['x-amz-date 16 minutes ago', put({ date: minutes(-16) }), 403, 'RequestTimeTooSkewed'],
    ['x-amz-date 16 minutes ahead', put({ date: minutes(16) }), 403, 'RequestTimeTooSkewed'],
    [
      'no x-amz-content-sha256',
      put({ payloadHash: null }),
      400,
      'InvalidRequest',
      /x-amz-content-sha256/,
    ],
    [
      'the hash of another body',
      put({ payloadHash: sha256('other') }),
      400,
      'XAmzContentSHA256Mismatch',
    ],
    [
      'an aws-chunked payload',
      put({
        payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        headers: { 'content-encoding': 'aws-chunked' },
      }),
      501,
      'NotImplemented',
      /aws-chunked/,
    ],
    [
      'a Content-MD5 of another body',
      put({ headers: { 'content-md5': createHash('md5').update('other').digest('base64') } }),
      400,
      'BadDigest',
    ],
    [
      'an x-amz-checksum-crc32 of another body',
      put({ headers: { 'x-amz-checksum-crc32': crc32Base64('other') } }),
      400,
      'BadDigest',
      /CRC32/,
    ],
    [
      'an x-amz- header left unsigned',
      put({ unsigned: { 'x-amz-meta-owner': 'me' } }),
      403,
      'AccessDenied',
      /not signed/,
    ],
    [
      'a presigned URL',
      put({
        anonymous: true,
        query: [
          ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
          ['X-Amz-Signature', 'ab'.repeat(32)],
        ],
      }),
      501,
      'NotImplemented',
      /presigned/,
    ],
    [
      'Signature Version 2',
      put({ anonymous: true, unsigned: { authorization: 'AWS AKIAEXAMPLE:c2lnbmF0dXJl' } }),
      400,
      'InvalidRequest',
      /AWS4-HMAC-SHA256/,
    ],
    [
      'a wrong secret deleting a kept object',
      { method: 'DELETE', path: '/backups/refused/kept', secretAccessKey: 'y'.repeat(40) },
      403,
      'SignatureDoesNotMatch',
    ],
    [
      'DeleteObjects without Content-MD5',
      {
        method: 'POST',
        path: '/backups',
        query: [['delete', '']],
        body: '<Delete><Object><Key>refused/kept</Key></Object></Delete>',
      },
      400,
      'InvalidRequest',
      /Content-MD5/,
    ],
  ];
  test.each(
    cases.map(
      ([name, request, status, code, message]) => [name, status, code, request, message] as const,
    ),
  )('%s: %i %s', async (_name, status, code, request, message) => {
    const b = bucket();
    await b.put('refused/kept', Buffer.from('kept'));
    const before = await keys(b);
    const answer = await call(request);
    expect({ status: answer.status, code: answer.code }).toEqual({ status, code });
    expect(answer.text).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><Code>\w+<\/Code><Message>[^<]+<\/Message>/,
    );
    expect(answer.text).toContain(
      `<RequestId>${answer.headers.get('x-amz-request-id') ?? 'none'}</RequestId>`,
    );
    if (message) expect(/<Message>([^<]*)<\/Message>/.exec(answer.text)?.[1]).toMatch(message);
    expect(await keys(b)).toEqual(before);
    expect((await b.get('refused/kept')).toString()).toBe('kept');
  });

  test('a region scope error names the expected region in <Region>', async () => {
    const answer = await call({ method: 'GET', path: '/backups', region: 'eu-central-1' });
    expect(answer.text).toContain('<Region>us-east-1</Region>');
  });
});

describe('errors seen by clients', () => {
  test('an unknown bucket: 404 NoSuchBucket, and HeadBucket 404', async () => {
    for (const request of [
      { method: 'GET', path: '/missing', query: [['list-type', '2']] as [string, string][] },
      { method: 'GET', path: '/missing/key' },
      { method: 'PUT', path: '/missing/key', body: 'x' },
    ])
      expect(await call(request)).toMatchObject({ status: 404, code: 'NoSuchBucket' });
    expect((await call({ method: 'HEAD', path: '/missing' })).status).toBe(404);
    expect(await bucket('missing').exists()).toBe(false);
    await expect(bucket('missing').get('key')).rejects.toThrow(
      'An error occurred (NoSuchBucket) when calling the GetObject operation: The specified bucket does not exist',
    );
  });

  test("the client's errors read as botocore's", async () => {
    const wrongKey = s3Bucket({
      endpoint: s3.url,
      region: s3.region,
      bucket: 'backups',
      credentials: { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: s3.secretAccessKey },
    });
    const error = await wrongKey.put('k', Buffer.from('v')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3ClientError);
    expect(error).toMatchObject({
      status: 403,
      code: 'InvalidAccessKeyId',
      operation: 'PutObject',
    });
    expect((error as Error).message).toBe(
      'An error occurred (InvalidAccessKeyId) when calling the PutObject operation: The AWS Access Key Id you provided does not exist in our records.',
    );
    await expect(bucket().get('no/such/key')).rejects.toMatchObject({
      status: 404,
      code: 'NoSuchKey',
      operation: 'GetObject',
    });
    // HeadBucket answers have no body: botocore reports the status.
    await expect(wrongKey.exists()).rejects.toMatchObject({
      status: 403,
      code: '403',
      message: 'An error occurred (403) when calling the HeadBucket operation: Forbidden',
    });
  });

  test('nothing listening: botocore\'s "Could not connect to the endpoint URL"', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const gone = s3Bucket({
      endpoint: `http://127.0.0.1:${String(port)}`,
      region: 'us-east-1',
      bucket: 'backups',
      credentials: s3,
    });
    const error = await gone.get('a b').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3ConnectionError);
    expect((error as Error).message).toBe(
      `Could not connect to the endpoint URL: "http://127.0.0.1:${String(port)}/backups/a%20b"`,
    );
  });
});

describe('another region', () => {
  test('GetBucketLocation, CreateBucket and scopes follow the service region', async () => {
    const eu = await startS3({
      dir: await tempDir('s3-eu'),
      region: 'eu-west-1',
      buckets: ['eu-backups'],
    });
    try {
      const at = (c: Call) => call(c, eu);
      expect(
        (await at({ method: 'GET', path: '/eu-backups', query: [['location', '']] })).text,
      ).toContain('>eu-west-1</LocationConstraint>');
      const create =
        '<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>';
      expect(await at({ method: 'PUT', path: '/eu-backups', body: create })).toMatchObject({
        status: 409,
        code: 'BucketAlreadyOwnedByYou',
      });
      expect(await at({ method: 'PUT', path: '/new-bucket', body: '' })).toMatchObject({
        status: 400,
        code: 'IllegalLocationConstraintException',
      });
      expect((await at({ method: 'PUT', path: '/new-bucket', body: create })).status).toBe(200);
      expect((await at({ method: 'HEAD', path: '/new-bucket' })).status).toBe(200);
      expect(await at({ method: 'GET', path: '/eu-backups', region: 'us-east-1' })).toMatchObject({
        status: 400,
        code: 'AuthorizationHeaderMalformed',
      });
    } finally {
      await eu.stop();
    }
  });
});

describe('the request log', () => {
  test('one line per answer, without the secret key or any signature', () => {
    expect(s3.requests.length).toBeGreaterThan(40);
    for (const line of s3.requests) expect(line).toMatch(/^[A-Z]+ \/\S* \d{3}( [A-Za-z0-9]+)?$/);
    const log = s3.requests.join('\n');
    expect(log).not.toContain(s3.secretAccessKey);
    expect(signaturesSent.size).toBeGreaterThan(20);
    for (const signature of signaturesSent) expect(log).not.toContain(signature);
    expect(log).not.toMatch(/x-amz-signature|signature=/i);
    expect(s3.requests).toContain(
      'PUT /backups/refused/new?X-Amz-Algorithm=AWS4-HMAC-SHA256 501 NotImplemented',
    );
    expect(s3.requests).toContain('PUT /backups/refused/new 403 SignatureDoesNotMatch');
  });
});

describe('in a sandbox', () => {
  test("objectstore.json has the s3 object next to Azurite's, with a Secret manifest that applies as is", async () => {
    const sandbox = await startSandbox({ dir: await tempDir('s3-sandbox'), cloud: false });
    try {
      const written = JSON.parse(
        await readFile(`${sandbox.dir}/objectstore.json`, 'utf8'),
      ) as Record<string, unknown> & {
        s3: {
          endpoint: string;
          region: string;
          accessKeyId: string;
          secretAccessKey: string;
          buckets: string[];
          destinationPaths: string[];
          secretManifest: string;
        };
      };
      expect(written.url).toBe(sandbox.objectStore?.url);
      expect(written.accounts).toEqual([
        expect.objectContaining({ name: 'sandbox', containers: ['backups'] }),
      ]);
      expect(written.s3).toEqual({
        endpoint: sandbox.s3?.url,
        region: 'us-east-1',
        accessKeyId: sandbox.s3?.accessKeyId,
        secretAccessKey: sandbox.s3?.secretAccessKey,
        buckets: ['backups'],
        destinationPaths: ['s3://backups'],
        secretManifest: expect.any(String) as string,
      });
      expect(load(written.s3.secretManifest)).toEqual({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's3-keys' },
        type: 'Opaque',
        stringData: {
          ACCESS_KEY_ID: written.s3.accessKeyId,
          ACCESS_SECRET_KEY: written.s3.secretAccessKey,
        },
      });
      const b = s3Bucket({
        endpoint: written.s3.endpoint,
        region: written.s3.region,
        bucket: 'backups',
        credentials: written.s3,
      });
      await b.put('from/settings', Buffer.from('ok'));
      expect((await b.get('from/settings')).toString()).toBe('ok');
    } finally {
      await sandbox.stop();
    }
    await expect(fetch(sandbox.s3?.url ?? '')).rejects.toThrow();
  });
});
