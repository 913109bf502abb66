// wal-archive and wal-restore on s3:// destinations, as barman-cloud 3.16.1+ behaves there: the
// keys come from the Secret the in-core s3Credentials name and are checked by the S3 front; the
// empty-archive check of a new cluster creates a missing bucket (barman's setup_bucket); a
// plain archive to a missing bucket fails with NoSuchBucket; endpointURL must be the sandbox's;
// an IAM role the pods do not have gives no credentials.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHECK_EMPTY_WAL_ARCHIVE_FILE, WalArchiver } from '../../sandbox/backup/archiver.ts';
import { CLUSTERS, SECRETS } from '../../sandbox/cnpg/resources.ts';
import { Faults } from '../../sandbox/faults.ts';
import { MemoryStore } from '../../sandbox/kube/store.ts';
import { s3Bucket } from '../../sandbox/objectstore/s3-client.ts';
import { startS3, type S3Service } from '../../sandbox/objectstore/s3.ts';

const NS = 'arch';
const SEGMENT = '000000010000000000000002';
let dir: string;
let s3: S3Service;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgha-archiver-s3-'));
  s3 = await startS3({ dir });
});

afterAll(async () => {
  await s3.stop();
  await rm(dir, { recursive: true, force: true });
});

function keys(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey };
}

/** A Cluster archiving in-core to `destination`, its keys in Secret s3-keys (secretKey given). */
function cluster(
  destination: string,
  secretKey: string,
  endpointURL = s3.url,
): { store: MemoryStore; lines: string[]; wal: WalArchiver } {
  const store = new MemoryStore();
  store.create(
    { group: '', version: 'v1', plural: 'namespaces' },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
  );
  const b64 = (v: string) => Buffer.from(v).toString('base64');
  store.create(SECRETS, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's3-keys', namespace: NS },
    data: { ACCESS_KEY_ID: b64(s3.accessKeyId), ACCESS_SECRET_KEY: b64(secretKey) },
  });
  store.create(CLUSTERS, {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'pg', namespace: NS },
    spec: {
      instances: 1,
      backup: {
        barmanObjectStore: {
          destinationPath: destination,
          endpointURL,
          s3Credentials: {
            accessKeyId: { name: 's3-keys', key: 'ACCESS_KEY_ID' },
            secretAccessKey: { name: 's3-keys', key: 'ACCESS_SECRET_KEY' },
          },
        },
      },
    },
    status: { currentPrimary: 'pg-1' },
  });
  const lines: string[] = [];
  const wal = new WalArchiver({
    store,
    objectStore: undefined,
    s3,
    faults: new Faults(),
    user: undefined,
    log: (l) => lines.push(l),
    clusterOf: () => ({ name: 'pg' }),
    dataDirOf: () => dir,
    recoverySource: () => {
      const c = store.get(CLUSTERS, NS, 'pg');
      if (!c) throw new Error('no cluster');
      return {
        method: 'barmanObjectStore',
        serverName: 'pg',
        configuration: {
          destinationPath: destination,
          endpointURL,
          azureCredentials: undefined,
          s3Credentials: (c.spec?.backup as { barmanObjectStore: { s3Credentials: never } })
            .barmanObjectStore.s3Credentials,
          walCompression: undefined,
          dataCompression: undefined,
        },
        namespace: NS,
        objectStoreName: undefined,
        retentionPolicy: undefined,
      };
    },
  });
  return { store, lines, wal };
}

async function segment(): Promise<string> {
  const path = join(dir, SEGMENT);
  await writeFile(path, Buffer.alloc(64 * 1024, 7));
  return path;
}

async function objects(bucket: string): Promise<string[]> {
  const names: string[] = [];
  for await (const o of s3Bucket({
    endpoint: s3.url,
    region: s3.region,
    bucket,
    credentials: keys(),
  }).list(''))
    names.push(o.key);
  return names;
}

const request = (path: string) => ({ namespace: NS, pod: 'pg-1', name: SEGMENT, path });

describe('wal-archive to S3', () => {
  test('archives with the Secret keys and restores the segment', async () => {
    const { wal } = cluster('s3://backups/arch', s3.secretAccessKey);
    await wal.archive(request(await segment()));
    expect(await objects('backups')).toContain(`arch/pg/wals/0000000100000000/${SEGMENT}`);
    const back = join(dir, 'restored');
    expect(await wal.restore({ ...request(back) })).toBe(true);
  });

  test('the empty-archive check of a new cluster creates a missing bucket, as barman 3.16.1+', async () => {
    const { wal, lines } = cluster('s3://fresh-bucket/x', s3.secretAccessKey);
    await writeFile(join(dir, CHECK_EMPTY_WAL_ARCHIVE_FILE), '');
    await wal.archive(request(await segment()));
    expect(lines.join('\n')).toContain('bucket fresh-bucket does not exist, creating it');
    expect(await objects('fresh-bucket')).toEqual([`x/pg/wals/0000000100000000/${SEGMENT}`]);
  });

  test('without the check, a missing bucket fails with NoSuchBucket', async () => {
    const { wal, store } = cluster('s3://no-such-bucket/x', s3.secretAccessKey);
    await rm(join(dir, CHECK_EMPTY_WAL_ARCHIVE_FILE), { force: true });
    await expect(wal.archive(request(await segment()))).rejects.toThrow(
      'An error occurred (NoSuchBucket) when calling the PutObject operation',
    );
    const condition = (
      store.get(CLUSTERS, NS, 'pg')?.status?.conditions as { message: string }[]
    )[0];
    expect(condition?.message).toContain('NoSuchBucket');
  });

  test('a wrong secret key is refused by the S3 front, and the key is in no message', async () => {
    const wrong = 'x'.repeat(40);
    const { wal, lines, store } = cluster('s3://backups/wrong', wrong);
    const error = await wal.archive(request(await segment())).catch((e: unknown) => e as Error);
    expect(String(error)).toContain('SignatureDoesNotMatch');
    const everything = [String(error), ...lines, JSON.stringify(store.get(CLUSTERS, NS, 'pg'))];
    for (const text of everything) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(s3.secretAccessKey);
    }
    expect(await objects('backups')).not.toContain(`wrong/pg/wals/0000000100000000/${SEGMENT}`);
  });

  test('signed for a wrong region, it signs again for the one S3 names, as botocore does', async () => {
    const { wal, store } = cluster('s3://backups/region', s3.secretAccessKey);
    store.mutate(SECRETS, NS, 's3-keys', (secret) => {
      secret.data = {
        ...(secret.data as object),
        REGION: Buffer.from('eu-west-1').toString('base64'),
      };
    });
    store.mutate(CLUSTERS, NS, 'pg', (c) => {
      const bos = (c.spec?.backup as { barmanObjectStore: { s3Credentials: object } })
        .barmanObjectStore;
      bos.s3Credentials = { ...bos.s3Credentials, region: { name: 's3-keys', key: 'REGION' } };
    });
    const seen = s3.requests.length;
    await wal.archive(request(await segment()));
    const answered = s3.requests.slice(seen).map((r) => r.replace(/ \/\S*/, ''));
    expect(await objects('backups')).toContain(`region/pg/wals/0000000100000000/${SEGMENT}`);
    expect(answered).toEqual(['PUT 400 AuthorizationHeaderMalformed', 'PUT 200']);
  });

  test('inheritFromIAMRole fails as botocore does without credentials: the pods have no AWS role', async () => {
    const { wal, store } = cluster('s3://backups/iam', s3.secretAccessKey);
    store.mutate(CLUSTERS, NS, 'pg', (c) => {
      const bos = (c.spec?.backup as { barmanObjectStore: { s3Credentials: object } })
        .barmanObjectStore;
      bos.s3Credentials = { inheritFromIAMRole: true };
    });
    const seen = s3.requests.length;
    await expect(wal.archive(request(await segment()))).rejects.toThrow(
      /^Unable to locate credentials/,
    );
    expect(s3.requests.slice(seen)).toEqual([]);
  });

  test('an endpointURL other than the sandbox S3 fails as an unreachable endpoint', async () => {
    const { wal } = cluster('s3://backups/arch', s3.secretAccessKey, 'http://minio.minio:9000');
    await expect(wal.archive(request(await segment()))).rejects.toThrow(
      /Could not connect to the endpoint URL: "http:\/\/minio\.minio:9000"/,
    );
  });
});
