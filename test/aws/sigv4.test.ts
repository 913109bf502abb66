// SigV4 for S3 against the examples AWS publishes in "Signature Calculations for the
// Authorization Header: Transferring Payload in a Single Chunk": the same credentials, time,
// region and bucket, and the signatures printed there. Then the encoding rules around them.
import { describe, expect, test } from 'vitest';
import {
  EMPTY_SHA256,
  amzDate,
  canonicalQuery,
  canonicalUri,
  s3Path,
  s3Query,
  sha256Hex,
  signV4,
  uriEncode,
  type SignRequest,
} from '../../src/aws/sigv4.ts';

const EXAMPLE = {
  credentials: {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  },
  region: 'us-east-1',
  now: Date.parse('2013-05-24T00:00:00Z'),
} as const;
const HOST = 'https://examplebucket.s3.amazonaws.com';
const SCOPE = 'AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request';

const sign = (req: Omit<SignRequest, keyof typeof EXAMPLE>) => signV4({ ...EXAMPLE, ...req });

describe("AWS's published S3 examples", () => {
  test('GET Object, first 10 bytes (Range): canonical request, string to sign, header', () => {
    const s = sign({
      method: 'GET',
      url: new URL(`${HOST}/test.txt`),
      headers: { Range: 'bytes=0-9' },
      payloadHash: EMPTY_SHA256,
    });
    expect(s.canonicalRequest).toBe(
      [
        'GET',
        '/test.txt',
        '',
        'host:examplebucket.s3.amazonaws.com',
        'range:bytes=0-9',
        `x-amz-content-sha256:${EMPTY_SHA256}`,
        'x-amz-date:20130524T000000Z',
        '',
        'host;range;x-amz-content-sha256;x-amz-date',
        EMPTY_SHA256,
      ].join('\n'),
    );
    expect(s.stringToSign.split('\n')).toEqual([
      'AWS4-HMAC-SHA256',
      '20130524T000000Z',
      '20130524/us-east-1/s3/aws4_request',
      '7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972',
    ]);
    expect(s.headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=${SCOPE},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41`,
    );
    expect(s.headers).toMatchObject({
      range: 'bytes=0-9',
      'x-amz-content-sha256': EMPTY_SHA256,
      'x-amz-date': '20130524T000000Z',
    });
    expect(Object.keys(s.headers)).not.toContain('host');
  });

  test("PUT Object test$file.text: the key's $ encoded once, the payload's hash signed", () => {
    const payloadHash = sha256Hex('Welcome to Amazon S3.');
    expect(payloadHash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const s = sign({
      method: 'PUT',
      url: new URL(`${HOST}/${s3Path('test$file.text')}`),
      headers: {
        Date: 'Fri, 24 May 2013 00:00:00 GMT',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
      },
      payloadHash,
    });
    expect(s.canonicalRequest.split('\n').slice(0, 2)).toEqual(['PUT', '/test%24file.text']);
    expect(s.headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=${SCOPE},SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd`,
    );
  });

  test('GET Bucket Lifecycle: a parameter without a value is signed as lifecycle=', () => {
    const s = sign({
      method: 'GET',
      url: new URL(`${HOST}/?lifecycle`),
      payloadHash: EMPTY_SHA256,
    });
    expect(s.canonicalRequest.split('\n')[2]).toBe('lifecycle=');
    expect(s.signature).toBe('fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543');
  });

  test('GET Bucket (List Objects) with max-keys and prefix, given unsorted', () => {
    const s = sign({
      method: 'GET',
      url: new URL(`${HOST}/?prefix=J&max-keys=2`),
      payloadHash: EMPTY_SHA256,
    });
    expect(s.canonicalRequest.split('\n')[2]).toBe('max-keys=2&prefix=J');
    expect(s.signature).toBe('34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
  });
});

describe('temporary credentials', () => {
  test('the session token is sent and signed; the secret is in no header', () => {
    const s = signV4({
      ...EXAMPLE,
      credentials: { ...EXAMPLE.credentials, sessionToken: 'FQoGZXIvYXdzEXAMPLETOKEN' },
      method: 'GET',
      url: new URL(`${HOST}/?list-type=2`),
      payloadHash: EMPTY_SHA256,
    });
    expect(s.headers['x-amz-security-token']).toBe('FQoGZXIvYXdzEXAMPLETOKEN');
    expect(s.headers.authorization).toContain(
      'SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,',
    );
    expect(s.canonicalRequest).toContain('x-amz-security-token:FQoGZXIvYXdzEXAMPLETOKEN\n');
    expect(JSON.stringify(s.headers)).not.toContain(EXAMPLE.credentials.secretAccessKey);
    // Without the token, the same request signs differently.
    const plain = sign({
      method: 'GET',
      url: new URL(`${HOST}/?list-type=2`),
      payloadHash: EMPTY_SHA256,
    });
    expect(plain.signature).not.toBe(s.signature);
  });
});

describe('encoding', () => {
  test.each([
    ['unreserved characters stay', 'AZaz09-._~', 'AZaz09-._~'],
    ['space is %20, never +', 'a b', 'a%20b'],
    ['plus, slash, equals, ampersand', '+/=&', '%2B%2F%3D%26'],
    ["what encodeURIComponent leaves: ! ' ( ) *", "!'()*", '%21%27%28%29%2A'],
    ['dollar, colon, at', '$:@', '%24%3A%40'],
    ['UTF-8 bytes, uppercase hex', 'é€', '%C3%A9%E2%82%AC'],
  ])('uriEncode: %s', (_what, text, encoded) => {
    expect(uriEncode(text)).toBe(encoded);
  });

  test.each([
    [
      'a key: slashes kept, segments encoded',
      '/' + s3Path('pg/wals/0000 1/a+b'),
      '/pg/wals/0000%201/a%2Bb',
    ],
    ['an already encoded path is not encoded again', '/test%24file.text', '/test%24file.text'],
    ['lowercase escapes come out uppercase', '/a%2fb', '/a%2Fb'],
    ['a trailing slash stays', '/bucket/', '/bucket/'],
    ['no dot-segment normalisation', '/a/./b', '/a/./b'],
    ['empty path', '', '/'],
  ])('canonicalUri: %s', (_what, path, canonical) => {
    expect(canonicalUri(path)).toBe(canonical);
  });

  test.each([
    ['empty', '', ''],
    ['sorted by name, then value', '?b=2&a=2&a=1', 'a=1&a=2&b=2'],
    ['names without value', '?delete', 'delete='],
    ['values re-encoded as RFC 3986', '?prefix=pg%2Fx%20y&k=(1)', 'k=%281%29&prefix=pg%2Fx%20y'],
    ['a plus is a plus', '?prefix=a+b', 'prefix=a%2Bb'],
    ['uppercase sorts before lowercase', '?a=1&B=2', 'B=2&a=1'],
  ])('canonicalQuery: %s', (_what, search, canonical) => {
    expect(canonicalQuery(search)).toBe(canonical);
  });

  test('s3Query builds the query in canonical form, so that what is sent is what is signed', () => {
    const query = s3Query({
      prefix: 'pg/pg-orders/',
      'list-type': '2',
      'continuation-token': 'a+b/c=',
    });
    expect(query).toBe('continuation-token=a%2Bb%2Fc%3D&list-type=2&prefix=pg%2Fpg-orders%2F');
    const url = new URL(`https://s3.us-east-1.amazonaws.com/bucket?${query}`);
    expect(url.search.slice(1)).toBe(query);
    expect(canonicalQuery(url.search)).toBe(query);
  });

  test('amzDate is the basic ISO 8601 form in UTC', () => {
    expect(amzDate(Date.parse('2026-03-05T07:08:09.123Z'))).toBe('20260305T070809Z');
  });
});
