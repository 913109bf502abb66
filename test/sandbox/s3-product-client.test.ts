// pgha's S3 client against a real S3 server: the sandbox's S3 (s3rver behind a front that
// checks every request's SigV4 signature with AWS's own @smithy/signature-v4). Objects are
// put with pgha's signer (so the PUT path is checked too); what remains is read back with a
// listing. Wrong keys must come back as S3 sends them (SignatureDoesNotMatch,
// InvalidAccessKeyId) turned into errors that say which Secret and keys to fix, and the
// secret key must appear in no error and no log line.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '../../src/actions/connect.ts';
import { checkBackupData, deleteBackupData } from '../../src/actions/teardown-data.ts';
import { s3Location, s3Prefix, type S3Deps } from '../../src/aws/s3.ts';
import { bucketUrl } from '../../src/aws/s3-http.ts';
import { s3Path, sha256Hex, signV4 } from '../../src/aws/sigv4.ts';
import type { BackupData } from '../../src/cnpg/backup-data.ts';
import { ConfigurationError } from '../../src/errors.ts';
import { readTeardownInputs } from '../../src/inputs/read-teardown.ts';
import type { KubeHttp, KubeRequest } from '../../src/kube/http.ts';
import { startS3 } from '../../sandbox/objectstore/s3.ts';
import { RecordingLogger } from '../helpers/recording-logger.ts';
import { testContext } from '../helpers/test-context.ts';

type S3Sandbox = Awaited<ReturnType<typeof startS3>>;

const BUCKET = 'pg-backups';
const FROM = 'keys ACCESS_KEY_ID and ACCESS_SECRET_KEY of Secret pg-s3 in namespace db';

let dir: string;
let s3: S3Sandbox;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgha-s3-client-'));
  s3 = await startS3({ dir, buckets: [BUCKET] });
});

afterAll(async () => {
  await s3.stop();
  await rm(dir, { recursive: true, force: true });
});

function deps(logger: RecordingLogger, over: Partial<S3Deps> = {}): S3Deps {
  return {
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    credentialsFrom: FROM,
    region: s3.region,
    logger,
    maxAttempts: 2,
    sleep: () => Promise.resolve(),
    ...over,
  };
}

/** PutObject, signed by pgha's signer: the sandbox refuses it unless the signature is right. */
async function put(key: string, body: string): Promise<void> {
  const url = new URL(
    `${bucketUrl({ bucket: BUCKET, endpoint: s3.url, credentialsFrom: FROM }, s3.region)}/${s3Path(key)}`,
  );
  const signed = signV4({
    method: 'PUT',
    url,
    headers: { 'content-type': 'application/octet-stream' },
    payloadHash: sha256Hex(body),
    region: s3.region,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    now: Date.now(),
  });
  const response = await fetch(url, { method: 'PUT', headers: signed.headers, body });
  if (!response.ok) throw new Error(`PUT ${key}: ${response.status} ${await response.text()}`);
}

const locationOf = (path: string, server: string) =>
  s3Location(`s3://${BUCKET}/${path}`, server, s3.url);

const count = (logger: RecordingLogger, path: string, server: string) =>
  s3Prefix(deps(logger), locationOf(path, server))({ dryRun: true });

describe('listing and deleting a prefix', () => {
  const ours = {
    'orders/pg-orders/base/20260101T000000/data.tar.gz': 'x'.repeat(1000),
    'orders/pg-orders/base/20260101T000000/backup.info': 'status=DONE\n',
    'orders/pg-orders/wals/0000000100000000/000000010000000000000001.gz': 'w'.repeat(300),
    'orders/pg-orders/wals/0000000100000000/000000010000000000000002.gz': 'w'.repeat(300),
    'orders/pg-orders/wals/00000002.history.gz': 'h',
  };
  const theirs = {
    // Same name prefix, another server: must stay.
    'orders/pg-orders-2/wals/0000000100000000/000000010000000000000001.gz': 'other',
    // Same serverName under another path: must stay.
    'staging/pg-orders/base/x/data.tar.gz': 'other',
  };
  const bytes = Object.values(ours).reduce((n, v) => n + v.length, 0);

  beforeAll(async () => {
    for (const [key, body] of Object.entries({ ...ours, ...theirs })) await put(key, body);
  });

  test('a dry run counts, paging with continuation tokens, and deletes nothing', async () => {
    const logger = new RecordingLogger();
    const prefix = s3Prefix(deps(logger), locationOf('orders', 'pg-orders'));
    expect(await prefix({ dryRun: true, pageSize: 2 })).toEqual({ files: 5, bytes });
    expect(await prefix({ dryRun: true })).toEqual({ files: 5, bytes });
    expect(logger.messages('debug').filter((m) => m.includes('continuation-token='))).toHaveLength(
      2,
    );
  });

  test('the deletion removes exactly the prefix, page by page, and a second one finds nothing', async () => {
    const logger = new RecordingLogger();
    const prefix = s3Prefix(deps(logger), locationOf('orders', 'pg-orders'));
    expect(await prefix({ pageSize: 2 })).toEqual({ files: 5, bytes });
    expect(await prefix({ dryRun: true })).toEqual({ files: 0, bytes: 0 });
    expect(await prefix()).toEqual({ files: 0, bytes: 0 });
    expect(await count(logger, 'orders', 'pg-orders-2')).toEqual({ files: 1, bytes: 5 });
    expect(await count(logger, 'staging', 'pg-orders')).toEqual({ files: 1, bytes: 5 });
    expect(logger.text()).not.toContain(s3.secretAccessKey);
  });

  test('keys that need encoding (space, plus, $, UTF-8) are listed and deleted', async () => {
    const keys = ['odd/pg/a b+c$d.txt', 'odd/pg/é€/(1)*!.gz', "odd/pg/it's=fine&more"];
    for (const key of keys) await put(key, 'abc');
    const logger = new RecordingLogger();
    const prefix = s3Prefix(deps(logger), locationOf('odd', 'pg'));
    expect(await prefix({ dryRun: true })).toEqual({ files: 3, bytes: 9 });
    expect(await prefix()).toEqual({ files: 3, bytes: 9 });
    expect(await prefix({ dryRun: true })).toEqual({ files: 0, bytes: 0 });
  });

  test("a region other than the bucket's is corrected once, from S3's answer", async () => {
    await put('moved/pg/x', 'abcd');
    const other = s3.region === 'eu-west-1' ? 'us-west-2' : 'eu-west-1';
    const logger = new RecordingLogger();
    const prefix = s3Prefix(deps(logger, { region: other }), locationOf('moved', 'pg'));
    expect(await prefix({ dryRun: true })).toEqual({ files: 1, bytes: 4 });
    expect(logger.messages('info').join('\n')).toContain(
      `Bucket ${BUCKET} is in region ${s3.region}, not ${other}`,
    );
    expect(s3.requests.slice(-2)).toEqual([
      'GET /pg-backups?list-type=2&prefix=moved%2Fpg%2F 400 AuthorizationHeaderMalformed',
      'GET /pg-backups?list-type=2&prefix=moved%2Fpg%2F 200',
    ]);
  });
});

describe('wrong keys are refused, saying which Secret and keys to fix, and never showing the secret', () => {
  async function failure(over: Partial<S3Deps>, server = 'pg-orders') {
    const logger = new RecordingLogger();
    const error = await s3Prefix(
      deps(logger, over),
      locationOf('orders', server),
    )({ dryRun: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain(FROM);
    return { message, logger };
  }

  test('a wrong secret key: SignatureDoesNotMatch', async () => {
    const wrong = `${s3.secretAccessKey.slice(0, -4)}XXXX`;
    const { message, logger } = await failure({
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: wrong },
    });
    expect(message).toMatch(
      /^listing s3:\/\/pg-backups\/orders\/pg-orders\/ at http:\/\/[^ ]+: SignatureDoesNotMatch: /,
    );
    expect(message).toContain('does not belong to its access key id');
    expect(message).toContain('Check your key and signing method. The secret access key from');
    expect(s3.requests.at(-1)).toMatch(/^GET \/pg-backups\?.* 403 SignatureDoesNotMatch$/);
    for (const text of [message, logger.text()]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(s3.secretAccessKey);
    }
  });

  test('a wrong key id: InvalidAccessKeyId', async () => {
    const { message, logger } = await failure({
      credentials: { accessKeyId: 'AKIAWRONGWRONGWRONG1', secretAccessKey: s3.secretAccessKey },
    });
    expect(message).toContain(': InvalidAccessKeyId: ');
    expect(message).toContain('is not known to the store at');
    expect(s3.requests.at(-1)).toMatch(/^GET \/pg-backups\?.* 403 InvalidAccessKeyId$/);
    expect(message).not.toContain(s3.secretAccessKey);
    expect(logger.text()).not.toContain(s3.secretAccessKey);
  });

  test('a bucket that does not exist: NoSuchBucket, check destinationPath and endpointURL', async () => {
    const logger = new RecordingLogger();
    const loc = s3Location('s3://no-such-bucket/x', 'pg', s3.url);
    const error = await s3Prefix(
      deps(logger),
      loc,
    )({ dryRun: true }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(
      /NoSuchBucket: .*check the destinationPath and endpointURL/,
    );
  });
});

describe("teardown's data phase on S3: keys from the cluster's Secret, checked before any deletion", () => {
  const b64 = (v: string) => Buffer.from(v).toString('base64');
  const inputs = readTeardownInputs(
    (n) => ({ 'cluster-name': 'pg', namespace: 'db', 'delete-backups': 'true' })[n] ?? '',
  );
  const data: BackupData = {
    kind: 's3',
    destination: `s3://${BUCKET}/teardown`,
    serverName: 'pg',
    credentials: {
      accessKeyId: { name: 'pg-s3', key: 'ACCESS_KEY_ID' },
      secretAccessKey: { name: 'pg-s3', key: 'ACCESS_SECRET_KEY' },
      region: { name: 'pg-s3-region', key: 'REGION' },
    },
  };

  /** The Kubernetes API as far as the phase uses it: the Secrets, read by path. */
  function connection(secret: string, reads: string[]): Connection {
    const secrets: Record<string, Record<string, string>> = {
      'pg-s3': { ACCESS_KEY_ID: b64(s3.accessKeyId), ACCESS_SECRET_KEY: b64(secret) },
      'pg-s3-region': { REGION: b64(s3.region) },
    };
    const json = (req: KubeRequest) => {
      reads.push(req.path);
      const name = req.path.split('/').at(-1) ?? '';
      const d = secrets[name];
      return Promise.resolve(
        d ? { status: 200, body: { metadata: { name }, data: d } } : { status: 404 },
      );
    };
    return { http: { json } as unknown as KubeHttp } as Connection;
  }

  test('masks the keys at once, counts, then deletes what it counted', async () => {
    await put('teardown/pg/wals/a.gz', 'abc');
    await put('teardown/pg/base/b/data.tar', 'defgh');
    const ctx = testContext();
    const reads: string[] = [];
    const access = await checkBackupData(ctx, connection(s3.secretAccessKey, reads), inputs, {
      ...data,
      endpointURL: s3.url,
    });
    expect(reads).toEqual([
      '/api/v1/namespaces/db/secrets/pg-s3',
      '/api/v1/namespaces/db/secrets/pg-s3-region',
    ]);
    expect([...ctx.secrets]).toEqual([s3.accessKeyId, s3.secretAccessKey]);
    expect(access.location).toBe(`s3://${BUCKET}/teardown/pg/`);
    expect(ctx.logger.text()).toContain(
      `s3://${BUCKET}/teardown/pg/: 2 file(s), 8 bytes to delete`,
    );
    const report = await deleteBackupData(ctx, access);
    expect(report).toMatchObject({ location: `s3://${BUCKET}/teardown/pg/`, files: 2, bytes: 8 });
    expect(await count(new RecordingLogger(), 'teardown', 'pg')).toEqual({ files: 0, bytes: 0 });
    expect(ctx.logger.text()).not.toContain(s3.secretAccessKey);
  });

  test('wrong keys in the Secret refuse the check, naming the Secret and its keys', async () => {
    await put('teardown/pg/wals/c.gz', 'abc');
    const ctx = testContext();
    const wrong = `${s3.secretAccessKey.slice(0, -4)}ZZZZ`;
    const error = await checkBackupData(ctx, connection(wrong, []), inputs, {
      ...data,
      endpointURL: s3.url,
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain(
      'SignatureDoesNotMatch: The request signature we calculated does not match',
    );
    expect((error as Error).message).toContain(
      'The secret access key from keys ACCESS_KEY_ID and ACCESS_SECRET_KEY of Secret pg-s3 in namespace db',
    );
    expect((error as Error).message).not.toContain(wrong);
    expect(ctx.secrets.has(wrong)).toBe(true);
    expect(await count(new RecordingLogger(), 'teardown', 'pg')).toEqual({ files: 1, bytes: 3 });
  });
});
