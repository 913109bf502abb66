// The sandbox's Blob front on the wire: the sandbox writes its endpoint into cloud.json; the
// Azure SDK with an Entra ID token works through it against Azurite; it refuses as Azure
// Storage does (401 with a WWW-Authenticate challenge, 403 AuthorizationPermissionMismatch
// per data role and scope, 403 for keys and SAS, 400 without x-ms-version); and without an
// object store there is no Blob endpoint.
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import tls from 'node:tls';
import type { TokenCredential } from '@azure/identity';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { STORAGE_RESOURCE, type Cloud } from '../../sandbox/cloud/index.ts';
import type { ObjectStore } from '../../sandbox/objectstore/azurite.ts';

let sandbox: Sandbox;
const dirs: string[] = [];

async function sandboxDir(): Promise<string> {
  const dir = await mkdtemp('/tmp/pgha-front-');
  await chmod(dir, 0o711);
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  sandbox = await startSandbox({ dir: await sandboxDir() });
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), cloud().caPem]);
});

afterAll(async () => {
  await sandbox.stop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function cloud(): Cloud {
  if (!sandbox.cloud) throw new Error('the sandbox has no cloud');
  return sandbox.cloud;
}

function objects(): ObjectStore {
  if (!sandbox.objectStore) throw new Error('the sandbox has no object store');
  return sandbox.objectStore;
}

const service = () => `${cloud().settings.blobEndpoint ?? ''}/sandbox`;

/** An Entra ID access token for Azure Storage, of the deployer unless another principal is named. */
function storageToken(oid = cloud().deployer.objectId, extra: Record<string, unknown> = {}) {
  return cloud().entra.key.sign({
    aud: STORAGE_RESOURCE,
    tid: cloud().entra.tenantId,
    oid,
    exp: Math.floor(Date.now() / 1000) + 600,
    ...extra,
  });
}

function tokenCredential(token: string): TokenCredential {
  return {
    getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 600_000 }),
  };
}

interface Answer {
  status: number;
  code: string | null;
  body: string;
  headers: Headers;
}

async function call(
  path: string,
  init: { method?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${service()}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'x-ms-version': '2025-11-05',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
  });
  return {
    status: response.status,
    code: response.headers.get('x-ms-error-code'),
    body: await response.text(),
    headers: response.headers,
  };
}

const LIST = '/backups?restype=container&comp=list';

describe('the Blob front', () => {
  test('cloud.json names the endpoint; the Azure SDK with a bearer token writes, lists, reads and deletes through it', async () => {
    const written = JSON.parse(await readFile(`${sandbox.dir}/cloud.json`, 'utf8')) as {
      blobEndpoint?: string;
    };
    expect(written.blobEndpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(written.blobEndpoint).toBe(cloud().settings.blobEndpoint);
    const sdk = new BlobServiceClient(service(), tokenCredential(storageToken()));
    const container = sdk.getContainerClient('backups');
    const name = 'pg/pg-orders/base/a b&c.tar';
    await container.getBlockBlobClient(name).upload('tar bytes', 9);
    const names: string[] = [];
    for await (const blob of container.listBlobsFlat({ prefix: 'pg/' })) names.push(blob.name);
    expect(names).toEqual([name]);
    expect((await container.getBlobClient(name).downloadToBuffer()).toString()).toBe('tar bytes');
    // Azurite itself (shared key) sees what went through the front.
    const account = objects().accounts.get('sandbox');
    if (!account) throw new Error('no account sandbox');
    const direct = objects().client(account).getContainerClient('backups');
    expect(await direct.getBlobClient(name).exists()).toBe(true);
    await container.getBlobClient(name).delete();
    expect(await direct.getBlobClient(name).exists()).toBe(false);
    expect(cloud().blob.requests).toContain(
      `PUT /sandbox/backups/pg/pg-orders/base/a%20b%26c.tar 201`,
    );
  });

  test('no Authorization: 401 NoAuthenticationInformation with the bearer challenge', async () => {
    const answer = await call(LIST);
    expect(answer.status).toBe(401);
    expect(answer.code).toBe('NoAuthenticationInformation');
    expect(answer.headers.get('www-authenticate')).toBe(
      `Bearer authorization_uri=${cloud().settings.authorityHost}/${cloud().settings.tenantId}/oauth2/authorize resource_id=https://storage.azure.com`,
    );
    expect(answer.headers.get('content-type')).toBe('application/xml');
    expect(answer.body).toMatch(
      /^<\?xml version="1\.0" encoding="utf-8"\?><Error><Code>NoAuthenticationInformation<\/Code><Message>Server failed to authenticate the request\. Please refer to the information in the www-authenticate header\.\nRequestId:[0-9a-f-]{36}\nTime:\S+<\/Message><\/Error>$/,
    );
    expect(answer.body).toContain(`RequestId:${answer.headers.get('x-ms-request-id') ?? '?'}`);
  });

  test.each([
    ['expired', () => storageToken(undefined, { exp: 1 }), 'Lifetime validation failed.'],
    ['for ARM', () => storageToken(undefined, { aud: cloud().settings.armEndpoint }), 'Audience'],
    ['from another tenant', () => storageToken(undefined, { tid: 'other' }), 'Issuer'],
    ['not a JWT', () => 'not-a-token', 'Signature validation failed.'],
  ])('a token %s: 401 InvalidAuthenticationInfo with its detail', async (_what, token, detail) => {
    const answer = await call(LIST, { token: token() });
    expect(answer.status).toBe(401);
    expect(answer.code).toBe('InvalidAuthenticationInfo');
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri=/);
    expect(answer.body).toContain(`<AuthenticationErrorDetail>${detail}`);
  });

  test('a principal without a data role: 403 AuthorizationPermissionMismatch', async () => {
    const nobody = cloud().entra.addApplication('pgha-no-data-role');
    const answer = await call(LIST, { token: storageToken(nobody.objectId) });
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('AuthorizationPermissionMismatch');
    expect(answer.body).toContain(
      '<Message>This request is not authorized to perform this operation using this permission.\nRequestId:',
    );
  });

  test('a role on one container covers that container only; Reader may read, not delete', async () => {
    const app = cloud().entra.addApplication('pgha-container-reader');
    const accountId = cloud().arm.storageAccountId('rg-pg', 'sandbox');
    cloud().arm.grantStorageData(
      app.objectId,
      `${accountId}/blobServices/default/containers/backups`,
      'Storage Blob Data Reader',
    );
    const token = storageToken(app.objectId);
    expect((await call(LIST, { token })).status).toBe(200);
    expect((await call('/other?restype=container&comp=list', { token })).code).toBe(
      'AuthorizationPermissionMismatch',
    );
    const del = await call('/backups/pg/x', { method: 'DELETE', token });
    expect([del.status, del.code]).toEqual([403, 'AuthorizationPermissionMismatch']);
    const head = await call('/backups/pg/x', { method: 'HEAD', token });
    expect([head.status, head.code, head.body]).toEqual([404, 'BlobNotFound', '']);
  });

  test.each([
    ['Shared Key', { authorization: 'SharedKey sandbox:c2lnbmF0dXJl' }, ''],
    ['a SAS', {}, '&sv=2025-11-05&sp=rl&sig=c2lnbmF0dXJl'],
  ])('%s: 403 KeyBasedAuthenticationNotPermitted', async (_what, headers, query) => {
    const answer = await call(`${LIST}${query}`, { headers });
    expect([answer.status, answer.code]).toEqual([403, 'KeyBasedAuthenticationNotPermitted']);
  });

  test('without x-ms-version: 400 MissingRequiredHeader; an unknown account: 404', async () => {
    const response = await fetch(`${service()}${LIST}`, {
      headers: { authorization: `Bearer ${storageToken()}` },
    });
    expect([response.status, response.headers.get('x-ms-error-code')]).toEqual([
      400,
      'MissingRequiredHeader',
    ]);
    const unknown = await fetch(`${cloud().settings.blobEndpoint ?? ''}/nosuchacct${LIST}`, {
      headers: { authorization: `Bearer ${storageToken()}`, 'x-ms-version': '2025-11-05' },
    });
    expect([unknown.status, unknown.headers.get('x-ms-error-code')]).toEqual([
      404,
      'ResourceNotFound',
    ]);
  });
});

describe('without an object store', () => {
  test('the cloud has no Blob endpoint and cloud.json names none', async () => {
    const dir = await sandboxDir();
    const bare = await startSandbox({ dir, objectStore: false });
    try {
      expect(bare.cloud?.settings.blobEndpoint).toBeUndefined();
      const written = JSON.parse(await readFile(`${dir}/cloud.json`, 'utf8')) as object;
      expect(written).not.toHaveProperty('blobEndpoint');
    } finally {
      await bare.stop();
    }
  });
});
