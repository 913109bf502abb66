// Deleting a cluster's backups in Azure Blob Storage through the workflow's Azure login:
// blobLocation's parsing (a table), then deleteBlobPrefix against real Azurite behind the
// sandbox's Blob front, with Entra ID tokens from the sandbox cloud obtained by the real
// @azure/identity login. What remains is checked with Azurite's own listing (shared key).
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import type { TokenCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  blobLocation,
  blobPath,
  deleteBlobPrefix,
  type BlobLocation,
} from '../../src/azure/blob.ts';
import { azureCredential } from '../../src/azure/login.ts';
import { ConfigurationError } from '../../src/errors.ts';
import { RecordingLogger } from '../helpers/recording-logger.ts';
import type { StorageDataRole } from '../../sandbox/cloud/arm.ts';
import { TOKEN_EXCHANGE_AUDIENCE } from '../../sandbox/cloud/entra.ts';
import { GITHUB_ISSUER } from '../../sandbox/cloud/github-oidc.ts';
import { startCloud, STORAGE_RESOURCE, type Cloud } from '../../sandbox/cloud/index.ts';
import { SigningKey } from '../../sandbox/cloud/jwt.ts';
import { startObjectStore, type ObjectStore } from '../../sandbox/objectstore/azurite.ts';
import { close, listen } from '../azure/local-arm.ts';

const DEST = 'https://sandbox.blob.core.windows.net/backups/pg';

type Args = [destinationPath: string, serverName: string, endpointOverride?: string];

describe('blobLocation', () => {
  test.each<[string, Args, BlobLocation]>([
    [
      'public cloud, with a path',
      [DEST, 'pg-orders'],
      {
        account: 'sandbox',
        serviceUrl: 'https://sandbox.blob.core.windows.net',
        container: 'backups',
        prefix: 'pg/pg-orders/',
      },
    ],
    [
      'no path, trailing slash',
      ['https://pgbackups01.blob.core.windows.net/backups/', 'pg'],
      {
        account: 'pgbackups01',
        serviceUrl: 'https://pgbackups01.blob.core.windows.net',
        container: 'backups',
        prefix: 'pg/',
      },
    ],
    [
      'US Government cloud, nested encoded path',
      ['https://govst.blob.core.usgovcloudapi.net/wal-archive/a%20b/c/', 'pg'],
      {
        account: 'govst',
        serviceUrl: 'https://govst.blob.core.usgovcloudapi.net',
        container: 'wal-archive',
        prefix: 'a b/c/pg/',
      },
    ],
    [
      'Azurite path-style on loopback',
      ['http://127.0.0.1:10000/devstoreaccount1/backups/x', 'pg'],
      {
        account: 'devstoreaccount1',
        serviceUrl: 'http://127.0.0.1:10000/devstoreaccount1',
        container: 'backups',
        prefix: 'x/pg/',
      },
    ],
    [
      'path-style on IPv6 loopback',
      ['http://[::1]:10000/devstoreaccount1/backups', 'pg'],
      {
        account: 'devstoreaccount1',
        serviceUrl: 'http://[::1]:10000/devstoreaccount1',
        container: 'backups',
        prefix: 'pg/',
      },
    ],
    [
      'blob-endpoint: Azurite over https',
      [DEST, 'pg', 'https://127.0.0.1:10000/devstoreaccount1/'],
      {
        account: 'sandbox',
        serviceUrl: 'https://127.0.0.1:10000/devstoreaccount1',
        container: 'backups',
        prefix: 'pg/pg/',
      },
    ],
    [
      'blob-endpoint: a private endpoint',
      ['http://azurite.storage:10000/devstoreaccount1/backups', 'pg', 'https://10.0.0.5'],
      {
        account: 'devstoreaccount1',
        serviceUrl: 'https://10.0.0.5',
        container: 'backups',
        prefix: 'pg/',
      },
    ],
  ])('%s', (_what, args, expected) => {
    expect(blobLocation(...args)).toEqual(expected);
  });

  test.each<[string, Args, RegExp]>([
    ['not a URL', ['backups/pg', 'pg'], /is not a URL/],
    ['S3', ['s3://bucket/pg', 'pg'], /Azure Blob Storage only, not in S3/],
    ['no container', ['https://sandbox.blob.core.windows.net/', 'pg'], /'' is not a container/],
    [
      'a bad container name',
      ['https://sandbox.blob.core.windows.net/Backups', 'pg'],
      /'Backups' is not a container name/,
    ],
    ['an empty server name', [DEST, ''], /serverName '' is not/],
    [
      'plain http to another host (the token would travel unencrypted)',
      ['http://azurite.storage:10000/devstoreaccount1/backups', 'pg'],
      /not an https Blob service URL/,
    ],
    [
      'a host that is not a Blob service',
      ['https://mystorage.dfs.core.windows.net/backups', 'pg'],
      /mystorage\.dfs\.core\.windows\.net is not an Azure Blob service host/,
    ],
    [
      'broken percent-encoding',
      ['https://sandbox.blob.core.windows.net/backups/%E0%A4%A', 'pg'],
      /not validly percent-encoded/,
    ],
    ['a blob-endpoint with a SAS', [DEST, 'pg', 'https://10.0.0.5/?sig=x'], /'blob-endpoint'/],
    ['an http blob-endpoint', [DEST, 'pg', 'http://10.0.0.5'], /'blob-endpoint'/],
  ])('refuses %s', (_what, args, message) => {
    const attempt = () => blobLocation(...args);
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(message);
  });
});

test.each([
  [
    'pg/pg-orders/wals/0000000100000000/000000010000000000000001',
    'pg/pg-orders/wals/0000000100000000/000000010000000000000001',
  ],
  ['a b/c&d?e#f%g/é', 'a%20b/c%26d%3Fe%23f%25g/%C3%A9'],
  ['x/.../y', 'x/.../y'],
  ['x/../y', undefined],
  ['./y', undefined],
])('blobPath(%j) = %j', (name, path) => {
  expect(blobPath(name)).toBe(path);
});

let cloud: Cloud;
let store: ObjectStore | undefined;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgha-blob-'));
  [cloud, store] = await Promise.all([
    startCloud(),
    startObjectStore({ dir, accounts: [{ name: 'sandbox', containers: ['backups', 'other'] }] }),
  ]);
  cloud.attachObjectStore(store);
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), cloud.caPem]);
}, 60_000);

afterAll(async () => {
  await Promise.all([cloud.stop(), store?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

function objects(): ObjectStore {
  if (!store) throw new Error('the object store did not start');
  return store;
}

const container = (name: string) => {
  const account = objects().accounts.get('sandbox');
  if (!account) throw new Error('no account sandbox');
  return objects().client(account).getContainerClient(name);
};

/** Writes blobs of the given sizes with the account key. */
async function seed(containerName: string, blobs: Record<string, number>): Promise<void> {
  await Promise.all(
    Object.entries(blobs).map(([name, size]) =>
      container(containerName).getBlockBlobClient(name).upload(Buffer.alloc(size, 7), size),
    ),
  );
}

/** Azurite's own listing (shared key): name -> Content-Length. */
async function listing(containerName: string, prefix = ''): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for await (const blob of container(containerName).listBlobsFlat({ prefix }))
    found.set(blob.name, blob.properties.contentLength ?? -1);
  return found;
}

const total = (m: Map<string, number>) => ({
  files: m.size,
  bytes: [...m.values()].reduce((a, b) => a + b, 0),
});

/** A Blob location of the sandbox account through the front. */
function at(server: string, containerName = 'backups'): BlobLocation {
  return blobLocation(
    `https://sandbox.blob.core.windows.net/${containerName}/pg`,
    server,
    `${cloud.settings.blobEndpoint ?? ''}/sandbox`,
  );
}

/** An application trusting the workflow's GitHub subject, with `role` (or none) on the subscription. */
function principal(name: string, role?: StorageDataRole): string {
  const app = cloud.entra.addApplication(name);
  app.federatedCredentials.push({
    name: 'github-main',
    issuer: GITHUB_ISSUER,
    subject: cloud.settings.trustedSubject,
    audiences: [TOKEN_EXCHANGE_AUDIENCE],
  });
  if (role) cloud.arm.grantStorageData(app.objectId, cloud.arm.subscriptionScope, role);
  return app.clientId;
}

/** The OIDC login of pgha, as the action makes it, for `clientId` (default: the deployer). */
async function login(clientId = cloud.settings.clientId) {
  const logger = new RecordingLogger();
  const masked: string[] = [];
  const credential = await azureCredential({
    tenantId: cloud.settings.tenantId,
    clientId,
    authorityHost: cloud.settings.authorityHost,
    getIdToken: (audience) => Promise.resolve(cloud.github.mint(audience)),
    logger,
    setSecret: (s) => masked.push(s),
  });
  const assertNothingLeaked = () => {
    expect(masked.some((s) => cloud.entra.verifyAccessToken(s, STORAGE_RESOURCE).ok)).toBe(true);
    for (const secret of masked) expect(logger.text()).not.toContain(secret);
  };
  return { credential, logger, assertNothingLeaked };
}

const frontRequests = (since: number) => cloud.blob.requests.slice(since);

describe('deleteBlobPrefix through the Blob front', () => {
  const server = {
    'pg/pg-orders/base/20260101T000000/data.tar': 3000,
    'pg/pg-orders/base/20260101T000000/backup.info': 412,
    'pg/pg-orders/wals/0000000100000000/000000010000000000000001': 1600,
    'pg/pg-orders/wals/0000000100000000/000000010000000000000002.gz': 700,
    'pg/pg-orders/odd names/a b&c<d>%20é.txt': 11,
    'pg/pg-orders/x/y/z': 0,
    'pg/pg-orders/last': 5,
  };
  const others = {
    'pg/pg-orders-2/wals/000000010000000000000001': 10,
    'pg/pg-order/base/x': 10,
    'pg/other/pg-orders/x': 10,
    'pg-orders/base/x': 10,
    'pg/pg-orders': 10,
  };

  test('deletes the server prefix only, over several pages, counting what Azurite listed', async () => {
    await seed('backups', { ...server, ...others });
    await seed('other', { 'pg/pg-orders/base/x': 20 });
    const expected = await listing('backups', 'pg/pg-orders/');
    expect(expected.size).toBe(Object.keys(server).length);
    const { credential, logger, assertNothingLeaked } = await login();
    const before = cloud.blob.requests.length;

    const result = await deleteBlobPrefix({ credential, logger }, at('pg-orders'), {
      pageSize: 3,
    });

    expect(result).toEqual(total(expected));
    expect(result).toEqual({ files: 7, bytes: 5728 });
    expect([...(await listing('backups')).keys()].sort()).toEqual(Object.keys(others).sort());
    expect([...(await listing('other')).keys()]).toEqual(['pg/pg-orders/base/x']);
    const lists = frontRequests(before).filter((r) => r === 'GET /sandbox/backups 200');
    expect(lists).toHaveLength(3);
    const deletes = frontRequests(before).filter((r) => r.startsWith('DELETE '));
    expect(deletes).toHaveLength(7);
    expect(deletes.every((r) => r.endsWith(' 202'))).toBe(true);
    assertNothingLeaked();
  });

  test('a second run finds nothing: 0 files, 0 bytes', async () => {
    await seed('backups', { 'pg/pg-again/base/x': 100 });
    const { credential, logger } = await login();
    const deps = { credential, logger };
    expect(await deleteBlobPrefix(deps, at('pg-again'))).toEqual({ files: 1, bytes: 100 });
    expect(await deleteBlobPrefix(deps, at('pg-again'))).toEqual({ files: 0, bytes: 0 });
  });

  test('dryRun counts without deleting', async () => {
    await seed('backups', { 'pg/pg-dry/base/x': 30, 'pg/pg-dry/wals/y': 12 });
    const { credential, logger } = await login();
    const before = cloud.blob.requests.length;
    const result = await deleteBlobPrefix({ credential, logger }, at('pg-dry'), {
      dryRun: true,
      pageSize: 1,
    });
    expect(result).toEqual({ files: 2, bytes: 42 });
    expect(await listing('backups', 'pg/pg-dry/')).toEqual(
      new Map([
        ['pg/pg-dry/base/x', 30],
        ['pg/pg-dry/wals/y', 12],
      ]),
    );
    expect(frontRequests(before).filter((r) => !r.startsWith('GET '))).toEqual([]);
  });

  test('a principal without a data role: 403 as a ConfigurationError naming the role, nothing deleted', async () => {
    await seed('backups', { 'pg/pg-norole/base/x': 1 });
    const { credential, logger } = await login(principal('pgha-no-data-role'));
    const error = await deleteBlobPrefix({ credential, logger }, at('pg-norole')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain('AuthorizationPermissionMismatch');
    expect(message).toContain('container backups of storage account sandbox');
    expect(message).toContain(
      'az role assignment create --role "Storage Blob Data Contributor" --assignee <azure-client-id> --scope /subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.Storage/storageAccounts/sandbox',
    );
    expect(message).not.toMatch(/RequestId:/);
    expect((await listing('backups', 'pg/pg-norole/')).size).toBe(1);
  });

  test('Storage Blob Data Reader may count (dryRun) but not delete', async () => {
    await seed('backups', { 'pg/pg-reader/base/x': 9 });
    const { credential, logger } = await login(
      principal('pgha-reader', 'Storage Blob Data Reader'),
    );
    const deps = { credential, logger };
    expect(await deleteBlobPrefix(deps, at('pg-reader'), { dryRun: true })).toEqual({
      files: 1,
      bytes: 9,
    });
    await expect(deleteBlobPrefix(deps, at('pg-reader'))).rejects.toThrow(
      /deleting blob pg\/pg-reader\/base\/x in backups\/pg\/pg-reader\/ in storage account sandbox: AuthorizationPermissionMismatch/,
    );
    expect((await listing('backups', 'pg/pg-reader/')).size).toBe(1);
  });

  const claims = () => ({
    aud: STORAGE_RESOURCE,
    tid: cloud.entra.tenantId,
    oid: cloud.deployer.objectId,
    exp: Math.floor(Date.now() / 1000) + 600,
  });

  test.each([
    ['signed by another key', () => new SigningKey().sign(claims()), /Signature validation failed/],
    [
      'expired',
      () => cloud.entra.key.sign({ ...claims(), exp: Math.floor(Date.now() / 1000) - 60 }),
      /Lifetime validation failed/,
    ],
    [
      'for ARM, not Storage',
      () => cloud.entra.key.sign({ ...claims(), aud: cloud.settings.armEndpoint }),
      /Audience validation failed/,
    ],
    [
      'from another tenant',
      () => cloud.entra.key.sign({ ...claims(), tid: 'another-tenant' }),
      /Issuer validation failed.*use the azure-tenant-id of storage account sandbox's subscription/,
    ],
  ])(
    'a token %s is refused (401 InvalidAuthenticationInfo), never logged',
    async (_w, token, detail) => {
      await seed('backups', { 'pg/pg-token/x': 1 });
      const logger = new RecordingLogger();
      const value = token();
      const error = await deleteBlobPrefix(
        { credential: fixed(value), logger },
        at('pg-token'),
      ).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/listing blobs under .*: InvalidAuthenticationInfo/);
      expect((error as Error).message).toMatch(detail);
      expect(logger.text()).not.toContain(value);
      expect((await listing('backups', 'pg/pg-token/')).size).toBe(1);
    },
  );

  test('a missing container is a ConfigurationError that says so', async () => {
    const { credential, logger } = await login();
    await expect(deleteBlobPrefix({ credential, logger }, at('pg', 'nope'))).rejects.toThrow(
      /ContainerNotFound: .*The container nope of storage account sandbox does not exist/,
    );
  });

  test('an unreachable endpoint names its host, after the retries', async () => {
    const { credential, logger } = await login();
    const sleeps: number[] = [];
    const loc = blobLocation(DEST, 'pg', 'https://127.0.0.1:9/sandbox');
    const sleep = (ms: number) => {
      sleeps.push(ms);
      return Promise.resolve();
    };
    await expect(deleteBlobPrefix({ credential, logger, sleep }, loc)).rejects.toThrow(
      /cannot reach 127\.0\.0\.1:9: .*storage account sandbox .*\(gave up after 5 attempts\)/,
    );
    expect(sleeps).toHaveLength(4);
  });
});

/**
 * A local Blob endpoint (plain HTTP on loopback, as pgha allows there) for what Azurite does
 * not do: throttle, or lose a blob between listing and deleting. `answer` gets each request.
 */
async function withLocalBlob(
  answer: (method: string, url: string) => { status: number; body?: string },
  run: (loc: BlobLocation, seen: string[], sleeps: number[]) => Promise<void>,
): Promise<void> {
  const seen: string[] = [];
  const sleeps: number[] = [];
  const local = createServer((req, res) => {
    const [method, url] = [req.method ?? '', req.url ?? ''];
    seen.push(`${method} ${url} ${String(req.headers['x-ms-delete-snapshots'] ?? '-')}`);
    const { status, body = '' } = answer(method, url);
    const code = /<Code>(\w+)/.exec(body)?.[1];
    res.writeHead(status, { 'retry-after': '2', ...(code ? { 'x-ms-error-code': code } : {}) });
    res.end(body);
  });
  const port = await listen(local);
  try {
    await run(
      blobLocation(`http://127.0.0.1:${port}/devstoreaccount1/backups/pg`, 'pg'),
      seen,
      sleeps,
    );
  } finally {
    await close(local);
  }
}

const localDeps = (sleeps: number[]) => ({
  credential: fixed('local-token'),
  logger: new RecordingLogger(),
  sleep: (ms: number) => {
    sleeps.push(ms);
    return Promise.resolve();
  },
});

const LISTING =
  '<?xml version="1.0" encoding="utf-8"?><EnumerationResults ContainerName="backups"><Blobs>' +
  '<Blob><Name>pg/pg/a</Name><Properties><Content-Length>4</Content-Length></Properties></Blob>' +
  '<Blob><Name>pg/pg/b c</Name><Properties><Content-Length>6</Content-Length></Properties></Blob>' +
  '</Blobs><NextMarker /></EnumerationResults>';
const LIST_URL = '/devstoreaccount1/backups?restype=container&comp=list&prefix=pg%2Fpg%2F';

describe('a local Blob endpoint', () => {
  test('503 Server Busy and 429 are retried after Retry-After', async () => {
    const statuses = [503, 429, 200];
    const busy =
      '<?xml version="1.0"?><Error><Code>ServerBusy</Code><Message>busy</Message></Error>';
    await withLocalBlob(
      () => {
        const status = statuses.shift() ?? 500;
        return { status, body: status === 200 ? LISTING : busy };
      },
      async (loc, seen, sleeps) => {
        const result = await deleteBlobPrefix(localDeps(sleeps), loc, { dryRun: true });
        expect(result).toEqual({ files: 2, bytes: 10 });
        expect(sleeps).toHaveLength(2);
        expect(sleeps.every((ms) => ms >= 2000 && ms < 2500)).toBe(true);
        expect(seen).toEqual(Array(3).fill(`GET ${LIST_URL} -`));
      },
    );
  });

  test('a blob already gone at DELETE (404) is no error and not counted', async () => {
    const notFound =
      '<?xml version="1.0"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>';
    await withLocalBlob(
      (method, url) =>
        method === 'GET'
          ? { status: 200, body: LISTING }
          : url.endsWith('/a')
            ? { status: 202 }
            : { status: 404, body: notFound },
      async (loc, seen, sleeps) => {
        expect(await deleteBlobPrefix(localDeps(sleeps), loc)).toEqual({ files: 1, bytes: 4 });
        expect(seen.slice(1).sort()).toEqual([
          'DELETE /devstoreaccount1/backups/pg/pg/a include',
          'DELETE /devstoreaccount1/backups/pg/pg/b%20c include',
        ]);
        expect(sleeps).toEqual([]);
      },
    );
  });
});

/** A credential that hands out one fixed token. */
function fixed(token: string): TokenCredential {
  return {
    getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
}
