// The sandbox's object store: Azurite with the configured accounts and containers, Blob URLs
// as CNPG users write them resolved to it, missing containers and non-Blob URLs refused clearly.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startObjectStore, type ObjectStore } from '../../sandbox/objectstore/azurite.ts';
import { isAlive } from '../../sandbox/postgres/process-registry.ts';

let store: ObjectStore | undefined;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgha-blob-'));
  store = await startObjectStore({
    dir,
    accounts: [
      { name: 'sandbox', containers: ['backups'] },
      { name: 'pgbackups', containers: ['backups', 'archive'] },
    ],
  });
});

afterAll(async () => {
  await store?.stop();
  await rm(dir, { recursive: true, force: true });
});

function objects(): ObjectStore {
  if (!store) throw new Error('the object store did not start');
  return store;
}

describe('object store', () => {
  test('a blob written through a destinationPath can be read back with the account key', async () => {
    const at = await objects().locate('https://pgbackups.blob.core.windows.net/backups/pg-orders');
    expect(at).toMatchObject({ container: 'backups', prefix: 'pg-orders' });
    const container = objects().client(at.account).getContainerClient(at.container);
    const name = `${at.prefix}/wals/0000000100000000/000000010000000000000001`;
    await container.getBlockBlobClient(name).upload('wal bytes', 9);
    const names: string[] = [];
    for await (const blob of container.listBlobsFlat({ prefix: `${at.prefix}/` }))
      names.push(blob.name);
    expect(names).toEqual([name]);
    const body = await container.getBlobClient(name).downloadToBuffer();
    expect(body.toString()).toBe('wal bytes');
  });

  test('accounts are separate: the other account does not see the blob', async () => {
    const at = await objects().locate('https://sandbox.blob.core.windows.net/backups');
    const names: string[] = [];
    for await (const blob of objects()
      .client(at.account)
      .getContainerClient(at.container)
      .listBlobsFlat())
      names.push(blob.name);
    expect(names).toEqual([]);
  });

  test('a wrong key is refused by Azurite', async () => {
    const account = { ...(objects().accounts.get('sandbox') ?? { name: '', endpoint: '' }) };
    const wrong = objects().client({ ...account, key: Buffer.alloc(64, 1).toString('base64') });
    await expect(wrong.getContainerClient('backups').exists()).rejects.toThrow(/403|authoriz/i);
  });

  test.each([
    [
      'a missing container',
      'https://sandbox.blob.core.windows.net/nope/x',
      /container nope does not exist .* create it first/,
    ],
    [
      'an unknown account',
      'https://other.blob.core.windows.net/backups',
      /storage account other does not exist/,
    ],
    ['an s3:// path (the S3 service takes those)', 's3://bucket/path', /serves Azure Blob URLs/],
    ['a URL without container', 'https://sandbox.blob.core.windows.net/', /no container/],
  ])('refuses %s', async (_what, path, message) => {
    await expect(objects().locate(path)).rejects.toThrow(message);
  });

  test('stop() ends the Azurite process', async () => {
    const other = await startObjectStore({ dir: join(dir, 'second') });
    const account = other.accounts.get('sandbox');
    if (!account || other.pid === undefined) throw new Error('no default account or no pid');
    expect(await other.client(account).getContainerClient('backups').exists()).toBe(true);
    expect(isAlive(other.pid)).toBe(true);
    await other.stop();
    expect(isAlive(other.pid)).toBe(false);
  });
});
