// The S3 client's pure parts: where a server's backups are (s3Location, a table of good and
// bad inputs), the XML documents S3 sends and receives, and how its errors become errors that
// say what to do without ever carrying a key.
import { describe, expect, test } from 'vitest';
import { s3Location, type S3Location } from '../../src/aws/s3.ts';
import { S3Error, s3Error } from '../../src/aws/s3-errors.ts';
import { bucketUrl } from '../../src/aws/s3-http.ts';
import {
  deleteObjectsBody,
  parseDeleteResult,
  parseObjectList,
  parseS3Error,
} from '../../src/aws/s3-xml.ts';
import { ConfigurationError } from '../../src/errors.ts';

type Args = Parameters<typeof s3Location>;

describe('s3Location', () => {
  test.each<[string, Args, S3Location]>([
    [
      'AWS, with a path',
      ['s3://pg-backups/orders', 'pg-orders'],
      { bucket: 'pg-backups', prefix: 'orders/pg-orders/' },
    ],
    [
      'bucket only, trailing slash',
      ['s3://pg-backups/', 'pg'],
      { bucket: 'pg-backups', prefix: 'pg/' },
    ],
    [
      'nested path, doubled slashes dropped',
      ['s3://pg.backups.example/a//b/', 'pg'],
      { bucket: 'pg.backups.example', prefix: 'a/b/pg/' },
    ],
    [
      'MinIO endpoint, trailing slash dropped',
      ['s3://backups/x', 'pg', 'https://minio.example.com:9000/'],
      { bucket: 'backups', prefix: 'x/pg/', endpoint: 'https://minio.example.com:9000' },
    ],
    [
      'an endpoint with a path',
      ['s3://backups', 'pg', 'https://gw.example.com/s3'],
      { bucket: 'backups', prefix: 'pg/', endpoint: 'https://gw.example.com/s3' },
    ],
    [
      'plain http on loopback (the sandbox)',
      ['s3://backups', 'pg', 'http://127.0.0.1:9000'],
      { bucket: 'backups', prefix: 'pg/', endpoint: 'http://127.0.0.1:9000' },
    ],
    [
      'plain http on IPv6 loopback',
      ['s3://backups', 'pg', 'http://[::1]:9000'],
      { bucket: 'backups', prefix: 'pg/', endpoint: 'http://[::1]:9000' },
    ],
    [
      'plain http to an in-cluster MinIO, as the cluster itself uses it',
      ['s3://backups', 'pg', 'http://minio.minio:9000'],
      { bucket: 'backups', prefix: 'pg/', endpoint: 'http://minio.minio:9000' },
    ],
    [
      "the s3-endpoint input over the cluster's endpointURL",
      ['s3://backups/x', 'pg', 'http://minio.minio:9000', 'https://minio.example.com/'],
      { bucket: 'backups', prefix: 'x/pg/', endpoint: 'https://minio.example.com' },
    ],
  ])('%s', (_what, args, expected) => {
    expect(s3Location(...args)).toEqual(expected);
  });

  test.each<[string, Args, RegExp]>([
    [
      'an Azure URL',
      ['https://a.blob.core.windows.net/c', 'pg'],
      /destinationPath .*is not an s3:\/\/ URL/,
    ],
    [
      'an upper-case bucket',
      ['s3://PG-Backups/x', 'pg'],
      /destinationPath .*'PG-Backups' is not an S3 bucket name/,
    ],
    ['a two-letter bucket', ['s3://pg/x', 'pg'], /'pg' is not an S3 bucket name/],
    ['a bucket with ..', ['s3://pg..backups', 'pg'], /'pg\.\.backups' is not an S3 bucket name/],
    [
      'an IP address as bucket',
      ['s3://192.168.5.4', 'pg'],
      /'192\.168\.5\.4' is not an S3 bucket name/,
    ],
    ['no bucket', ['s3://', 'pg'], /'' is not an S3 bucket name/],
    ['an empty serverName', ['s3://pg-backups', ''], /serverName '' is not a barman server name/],
    ['a serverName with a slash', ['s3://pg-backups', 'a/b'], /serverName 'a\/b'/],
    [
      'an endpoint that is not http(s)',
      ['s3://b3k', 'pg', 'ftp://minio.minio:21'],
      /endpointURL 'ftp:\/\/minio\.minio:21' is not an http\(s\) URL without credentials, query or fragment \(example: https:/,
    ],
    [
      'a bad s3-endpoint, named as the input',
      ['s3://b3k', 'pg', 'http://minio.minio:9000', 'https://u:p@minio.example.com'],
      /input 's3-endpoint' 'https:\/\/u:p@minio\.example\.com' is not an http\(s\) URL/,
    ],
    [
      'credentials in the endpoint',
      ['s3://b3k', 'pg', 'https://u:p@minio.example.com'],
      /endpointURL .*without credentials/,
    ],
    [
      'a query in the endpoint',
      ['s3://b3k', 'pg', 'https://minio.example.com/?x=1'],
      /endpointURL .*query or fragment/,
    ],
    ['not a URL', ['s3://b3k', 'pg', 'minio:9000'], /endpointURL 'minio:9000'/],
  ])('refuses %s, naming the field with an example', (_what, args, message) => {
    let thrown: unknown;
    try {
      s3Location(...args);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).toMatch(/\(example: \w+: ?.+\)$|\(example: s3:\/\/.+\)$/);
  });
});

describe('bucketUrl', () => {
  const target = { bucket: 'pg-backups', credentialsFrom: 'x' };
  test.each([
    [
      'AWS: virtual-hosted in the region',
      target,
      'eu-west-1',
      'https://pg-backups.s3.eu-west-1.amazonaws.com/',
    ],
    [
      'AWS, a bucket with dots: path-style (TLS)',
      { ...target, bucket: 'a.b.c' },
      'us-east-1',
      'https://s3.us-east-1.amazonaws.com/a.b.c',
    ],
    [
      'endpointURL: path-style',
      { ...target, endpoint: 'http://127.0.0.1:9000' },
      'us-east-1',
      'http://127.0.0.1:9000/pg-backups',
    ],
  ])('%s', (_what, t, region, url) => {
    expect(bucketUrl(t, region)).toBe(url);
  });
});

const listing = (contents: string, tail: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>pg/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>${tail}${contents}</ListBucketResult>`;
const object = (key: string, size: number) =>
  `<Contents><Key>${key}</Key><LastModified>2026-01-02T03:04:05.000Z</LastModified><ETag>&quot;abc&quot;</ETag><Size>${size}</Size><StorageClass>STANDARD</StorageClass></Contents>`;

describe('ListObjectsV2', () => {
  test.each([
    ['an empty prefix', listing('', '<IsTruncated>false</IsTruncated>'), { objects: [] }],
    [
      'a truncated page with escaped keys',
      listing(
        object('pg/base/a&amp;b &lt;c&gt;', 10) + object('pg/wals/&#233;', 0),
        '<IsTruncated>true</IsTruncated><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>',
      ),
      {
        objects: [
          { key: 'pg/base/a&b <c>', bytes: 10 },
          { key: 'pg/wals/é', bytes: 0 },
        ],
        continuationToken: '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
      },
    ],
  ])('%s', (_what, xml, expected) => {
    expect(parseObjectList(xml)).toEqual(expected);
  });

  test('a truncated page without a token, and an answer that is no listing, are refused', () => {
    expect(() => parseObjectList(listing('', '<IsTruncated>true</IsTruncated>'))).toThrow(
      /truncated but names no NextContinuationToken/,
    );
    expect(() => parseObjectList('<html>captive portal</html>')).toThrow(
      /not a ListObjectsV2 result: <html>captive portal/,
    );
  });
});

describe('DeleteObjects', () => {
  test('the body names each key, escaped, in verbose mode', () => {
    expect(deleteObjectsBody(['pg/a', `pg/<b> & 'c'`])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Quiet>false</Quiet>' +
        '<Object><Key>pg/a</Key></Object><Object><Key>pg/&lt;b&gt; &amp; &apos;c&apos;</Key></Object></Delete>',
    );
  });

  test('the result: deleted keys and per-key errors', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      '<Deleted><Key>pg/a</Key></Deleted><Deleted><Key>pg/a&amp;b</Key><VersionId>v1</VersionId></Deleted>' +
      '<Error><Key>pg/c</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error></DeleteResult>';
    expect(parseDeleteResult(xml)).toEqual({
      deleted: ['pg/a', 'pg/a&b'],
      errors: [{ key: 'pg/c', code: 'AccessDenied', message: 'Access Denied' }],
    });
    expect(parseDeleteResult('<DeleteResult/>')).toEqual({ deleted: [], errors: [] });
    expect(() => parseDeleteResult('<Error><Code>x</Code></Error>')).toThrow(
      /not a DeleteObjects result/,
    );
  });
});

describe('S3 errors', () => {
  test.each([
    [
      'SignatureDoesNotMatch (AWS adds the string to sign, never the key)',
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256\n...</StringToSign><RequestId>4442587FB7D0A2F9</RequestId></Error>',
      {
        code: 'SignatureDoesNotMatch',
        message:
          'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      },
    ],
    [
      'AuthorizationHeaderMalformed names the region',
      "<Error><Code>AuthorizationHeaderMalformed</Code><Message>The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'</Message><Region>eu-west-1</Region></Error>",
      {
        code: 'AuthorizationHeaderMalformed',
        message:
          "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
        region: 'eu-west-1',
      },
    ],
    ['an empty body', '', {}],
    ['HTML from a proxy', '<html><body>502 Bad Gateway</body></html>', {}],
  ])('parseS3Error: %s', (_what, xml, expected) => {
    expect(parseS3Error(xml)).toEqual(expected);
  });

  const target = {
    bucket: 'pg-backups',
    prefix: 'orders/pg/',
    credentialsFrom: 'keys ACCESS_KEY_ID and ACCESS_SECRET_KEY of Secret pg-s3 in namespace db',
  };
  const ctx = 'listing s3://pg-backups/orders/pg/';

  test.each([
    [
      'InvalidAccessKeyId',
      /access key id from keys ACCESS_KEY_ID and ACCESS_SECRET_KEY of Secret pg-s3 in namespace db is not known to AWS S3/,
    ],
    [
      'SignatureDoesNotMatch',
      /secret access key from keys ACCESS_KEY_ID and ACCESS_SECRET_KEY of Secret pg-s3 .* does not belong to its access key id/,
    ],
    [
      'AccessDenied',
      /s3:ListBucket on arn:aws:s3:::pg-backups and s3:DeleteObject on arn:aws:s3:::pg-backups\/orders\/pg\/\*/,
    ],
    ['NoSuchBucket', /Bucket pg-backups does not exist in AWS S3: check the destinationPath/],
    ['ExpiredToken', /session token from keys .* is expired/],
    ['RequestTimeTooSkewed', /clock/],
  ])("%s is the user's to fix: a ConfigurationError naming the Secret and keys", (code, hint) => {
    const error = s3Error(ctx, target, 403, { code, message: 'm' }, 'REQ1');
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(new RegExp(`^${ctx}: ${code}: m\\. `));
    expect(error.message).toMatch(hint);
  });

  test('anything else is an S3Error with status, code and request id', () => {
    const error = s3Error(
      ctx,
      target,
      500,
      { code: 'InternalError', message: 'We encountered an internal error.' },
      'REQ2',
    );
    expect(error).toBeInstanceOf(S3Error);
    expect(error).toMatchObject({ status: 500, code: 'InternalError' });
    expect(error.message).toBe(
      `${ctx}: InternalError: We encountered an internal error. (x-amz-request-id REQ2)`,
    );
  });

  test('an endpoint is named instead of AWS', () => {
    const error = s3Error(ctx, { ...target, endpoint: 'https://minio.example.com' }, 404, {
      code: 'NoSuchBucket',
    });
    expect(error.message).toMatch(
      /does not exist in the store at https:\/\/minio\.example\.com: check the destinationPath and endpointURL/,
    );
    expect(error.message).toContain('NoSuchBucket: HTTP 404');
  });
});
