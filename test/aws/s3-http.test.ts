// What the S3 request layer does with answers a real store gives rarely or not on demand
// (a server error, a redirect to the bucket's region, a per-key failure in DeleteObjects),
// through an injected fetch that records each request. The happy paths and the credential
// errors run against the sandbox's S3 in s3-client.test.ts.
import { describe, expect, test } from 'vitest';
import { s3Prefix, type S3Deps } from '../../src/aws/s3.ts';
import { ConfigurationError } from '../../src/errors.ts';
import { RecordingLogger } from '../helpers/recording-logger.ts';

interface Sent {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

type Answer = { status: number; body?: string; headers?: Record<string, string> };

function recordingFetch(answers: ((req: Sent) => Answer)[]) {
  const sent: Sent[] = [];
  const fetch = (input: URL | string, init?: RequestInit): Promise<Response> => {
    const req: Sent = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: init?.headers as Record<string, string>,
      ...(typeof init?.body === 'string' ? { body: init.body } : {}),
    };
    sent.push(req);
    const answer = answers.shift();
    if (!answer) throw new Error(`no answer for request ${sent.length}: ${req.method} ${req.url}`);
    const a = answer(req);
    return Promise.resolve(
      new Response(a.body ?? '', { status: a.status, headers: a.headers ?? {} }),
    );
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

const LIST = (keys: string[]) =>
  `<ListBucketResult><IsTruncated>false</IsTruncated>${keys.map((k) => `<Contents><Key>${k}</Key><Size>5</Size></Contents>`).join('')}</ListBucketResult>`;
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function deps(fetch: typeof globalThis.fetch, logger = new RecordingLogger()): S3Deps {
  return {
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET },
    credentialsFrom: 'keys ACCESS_KEY_ID and ACCESS_SECRET_KEY of Secret pg-s3 in namespace db',
    region: 'us-east-1',
    logger,
    fetch,
    sleep: () => Promise.resolve(),
    random: () => 0,
  };
}

const LOC = { bucket: 'pg-backups', prefix: 'orders/pg/' };

describe('S3 requests', () => {
  test('a 503 SlowDown is retried, signed anew', async () => {
    const f = recordingFetch([
      () => ({
        status: 503,
        body: '<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>',
      }),
      () => ({ status: 200, body: LIST(['orders/pg/a']) }),
    ]);
    expect(await s3Prefix(deps(f.fetch), LOC)({ dryRun: true })).toEqual({ files: 1, bytes: 5 });
    expect(f.sent).toHaveLength(2);
    expect(f.sent[0]?.url).toBe(
      'https://pg-backups.s3.us-east-1.amazonaws.com/?list-type=2&prefix=orders%2Fpg%2F',
    );
  });

  test("a redirect to the bucket's region is followed once, by signing for that region, and kept", async () => {
    const logger = new RecordingLogger();
    const f = recordingFetch([
      () => ({
        status: 301,
        body: '<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint.</Message></Error>',
        headers: { 'x-amz-bucket-region': 'eu-west-1' },
      }),
      () => ({ status: 200, body: LIST(['orders/pg/a', 'orders/pg/b']) }),
      () => ({ status: 200, body: LIST(['orders/pg/a', 'orders/pg/b']) }),
      () => ({
        status: 200,
        body: '<DeleteResult><Deleted><Key>orders/pg/a</Key></Deleted><Deleted><Key>orders/pg/b</Key></Deleted></DeleteResult>',
      }),
    ]);
    const prefix = s3Prefix(deps(f.fetch, logger), LOC);
    expect(await prefix({ dryRun: true })).toEqual({ files: 2, bytes: 10 });
    expect(await prefix()).toEqual({ files: 2, bytes: 10 });
    const hosts = f.sent.map((r) => new URL(r.url).host);
    expect(hosts).toEqual([
      'pg-backups.s3.us-east-1.amazonaws.com',
      'pg-backups.s3.eu-west-1.amazonaws.com',
      'pg-backups.s3.eu-west-1.amazonaws.com',
      'pg-backups.s3.eu-west-1.amazonaws.com',
    ]);
    expect(f.sent[1]?.headers.authorization).toContain('/eu-west-1/s3/aws4_request');
    expect(logger.messages('info').join('\n')).toContain(
      'Bucket pg-backups is in region eu-west-1, not us-east-1',
    );
  });

  test('DeleteObjects: POST ?delete with Content-MD5 and the payload hash', async () => {
    const f = recordingFetch([
      () => ({ status: 200, body: LIST(['orders/pg/a']) }),
      () => ({
        status: 200,
        body: '<DeleteResult><Deleted><Key>orders/pg/a</Key></Deleted></DeleteResult>',
      }),
    ]);
    await s3Prefix(deps(f.fetch), LOC)();
    const post = f.sent[1];
    expect(post?.method).toBe('POST');
    expect(post?.url).toBe('https://pg-backups.s3.us-east-1.amazonaws.com/?delete=');
    const { createHash } = await import('node:crypto');
    const body = post?.body ?? '';
    expect(post?.headers['content-md5']).toBe(createHash('md5').update(body).digest('base64'));
    expect(post?.headers['x-amz-content-sha256']).toBe(
      createHash('sha256').update(body).digest('hex'),
    );
    expect(post?.headers.authorization).toMatch(
      /SignedHeaders=content-md5;content-type;host;x-amz-content-sha256;x-amz-date,/,
    );
  });

  test('a key DeleteObjects refuses fails the deletion, with what to grant', async () => {
    const f = recordingFetch([
      () => ({ status: 200, body: LIST(['orders/pg/a', 'orders/pg/b']) }),
      () => ({
        status: 200,
        body: '<DeleteResult><Deleted><Key>orders/pg/a</Key></Deleted><Error><Key>orders/pg/b</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error></DeleteResult>',
      }),
    ]);
    const error = await s3Prefix(deps(f.fetch), LOC)().catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(
      /^deleting 2 object\(s\) under s3:\/\/pg-backups\/orders\/pg\/: orders\/pg\/b: AccessDenied: Access Denied\. The keys from keys ACCESS_KEY_ID and ACCESS_SECRET_KEY of Secret pg-s3 in namespace db were accepted but may not list and delete/,
    );
  });

  test('DeleteObjects goes 1000 keys a request', async () => {
    const keys = Array.from(
      { length: 2500 },
      (_, i) => `orders/pg/wals/${String(i).padStart(5, '0')}`,
    );
    const deleted = (req: Sent) => ({
      status: 200,
      body: `<DeleteResult>${[...(req.body ?? '').matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => `<Deleted><Key>${m[1] ?? ''}</Key></Deleted>`).join('')}</DeleteResult>`,
    });
    const f = recordingFetch([
      () => ({ status: 200, body: LIST(keys) }),
      deleted,
      deleted,
      deleted,
    ]);
    expect(await s3Prefix(deps(f.fetch), LOC)()).toEqual({ files: 2500, bytes: 12500 });
    const counts = f.sent.slice(1).map((r) => (r.body?.match(/<Object>/g) ?? []).length);
    expect(counts).toEqual([1000, 1000, 500]);
  });
});
