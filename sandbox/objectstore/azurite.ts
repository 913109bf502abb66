// The sandbox's object store: Azurite's Blob service (npm `azurite`, run on Node 24) on a
// loopback port, keeping its data under DIR/azurite, with the storage accounts the configuration names (out of the box `sandbox`
// with the container `backups`). Blob URLs as CNPG users write them,
// https://<account>.blob.core.windows.net/<container>[/path], resolve to Azurite's
// path-style endpoint http://127.0.0.1:<port>/<account>/<container>. A missing container is
// an error to barman-cloud-wal-archive and barman-cloud-backup; only the empty-archive check
// of a new cluster creates it (barman >= 3.16.1, see backup/archiver.ts). s3:// destinations go to
// the S3 service (s3.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { freePort } from '../postgres/ports.ts';
import { registerServer, waitGone } from '../postgres/process-registry.ts';
import { NODE24, ROOT } from '../runner.ts';

export interface StorageAccountConfig {
  name: string;
  containers: string[];
}

export const DEFAULT_ACCOUNTS: readonly StorageAccountConfig[] = [
  { name: 'sandbox', containers: ['backups'] },
];

export interface StorageAccount {
  name: string;
  /** The account key (base64), as `az storage account keys list` would show it. */
  key: string;
  /** Path-style Blob endpoint of the account in Azurite. */
  endpoint: string;
  /** What Azure Storage clients and tools take (`az storage --connection-string`, the SDKs). */
  connectionString: string;
  /** The containers created at start. */
  containers: readonly string[];
}

/** Where a CNPG destinationPath points in the sandbox. */
export interface BlobLocation {
  account: StorageAccount;
  container: string;
  /** Path inside the container, without leading or trailing slash ('' for the root). */
  prefix: string;
}

export class ObjectStoreError extends Error {
  override name = 'ObjectStoreError';
}

export interface ObjectStore {
  /** http://127.0.0.1:<port>: Azurite's Blob service. */
  url: string;
  /** Azurite's process id. */
  pid: number | undefined;
  accounts: ReadonlyMap<string, StorageAccount>;
  /** Resolves a destinationPath; throws ObjectStoreError with CNPG-like wording when it can't. */
  resolve(destinationPath: string): BlobLocation;
  /** A client for the account, authenticated with its key. */
  client(account: Pick<StorageAccount, 'name' | 'key' | 'endpoint'>): BlobServiceClient;
  /** Resolves and checks that the container exists (barman-cloud-check-wal-archive does). */
  locate(destinationPath: string): Promise<BlobLocation>;
  stop(): Promise<void>;
}

const SETPRIV = '/usr/bin/setpriv';
const BLOB_HOST = /^([a-z0-9]{3,24})\.blob\.core\.windows\.net$/;

export async function startObjectStore(options: {
  dir: string;
  accounts?: readonly StorageAccountConfig[];
}): Promise<ObjectStore> {
  const configs = options.accounts ?? DEFAULT_ACCOUNTS;
  const port = await freePort();
  const url = `http://127.0.0.1:${String(port)}`;
  const accounts = new Map<string, StorageAccount>(configs.map((c) => [c.name, account(url, c)]));
  const workspace = join(options.dir, 'azurite');
  await mkdir(workspace, { recursive: true });
  // setpriv --pdeathsig: Azurite dies with the sandbox even when the sandbox is SIGKILLed.
  const setpriv = existsSync(SETPRIV);
  const command = setpriv ? SETPRIV : NODE24;
  const prefix = setpriv ? ['--pdeathsig', 'KILL', '--', NODE24] : [];
  const child = spawn(
    command,
    [
      ...prefix,
      join(ROOT, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js'),
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      workspace,
      '--skipApiVersionCheck',
      '--disableProductStyleUrl',
      '--disableTelemetry',
      '--silent',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        // Node's compile cache: Azurite's module graph loads in about two thirds of the time
        // once it has been compiled (a sandbox starts per test file).
        NODE_COMPILE_CACHE: join(ROOT, 'node_modules', '.cache', 'pgha-node-compile'),
        AZURITE_ACCOUNTS: [...accounts.values()].map((a) => `${a.name}:${a.key}`).join(';'),
      },
    },
  );
  registerServer(child);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await waitListening(port, child, () => stderr);
  } catch (error) {
    await stopChild(child);
    throw error;
  }

  const client = (account: Pick<StorageAccount, 'name' | 'key' | 'endpoint'>) =>
    new BlobServiceClient(
      account.endpoint,
      new StorageSharedKeyCredential(account.name, account.key),
    );
  for (const c of configs) {
    const account = accounts.get(c.name);
    if (!account) continue;
    for (const container of c.containers)
      await client(account).getContainerClient(container).createIfNotExists();
  }

  const resolve = (destinationPath: string): BlobLocation => {
    let parsed: URL;
    try {
      parsed = new URL(destinationPath);
    } catch {
      throw new ObjectStoreError(`destinationPath "${destinationPath}" is not a URL`);
    }
    const host = BLOB_HOST.exec(parsed.hostname);
    if (parsed.protocol !== 'https:' || !host?.[1])
      throw new ObjectStoreError(
        `destinationPath ${destinationPath}: the sandbox serves Azure Blob URLs https://<account>.blob.core.windows.net/<container>[/path]`,
      );
    const account = accounts.get(host[1]);
    if (!account)
      throw new ObjectStoreError(
        `destinationPath ${destinationPath}: storage account ${host[1]} does not exist in the sandbox (accounts: ${[...accounts.keys()].join(', ')})`,
      );
    const [container = '', ...rest] = parsed.pathname.split('/').filter(Boolean);
    if (!container)
      throw new ObjectStoreError(`destinationPath ${destinationPath}: no container in the URL`);
    return { account, container, prefix: rest.join('/') };
  };

  return {
    url,
    pid: child.pid,
    accounts,
    resolve,
    client,
    locate: async (destinationPath) => {
      const location = resolve(destinationPath);
      const exists = await client(location.account).getContainerClient(location.container).exists();
      if (!exists)
        throw new ObjectStoreError(
          `container ${location.container} does not exist in storage account ${location.account.name} ` +
            '(barman-cloud-wal-archive does not create containers: create it first)',
        );
      return location;
    },
    stop: () => stopChild(child),
  };
}

function account(url: string, c: StorageAccountConfig): StorageAccount {
  const key = randomBytes(64).toString('base64');
  const endpoint = `${url}/${c.name}`;
  const connectionString =
    `DefaultEndpointsProtocol=http;AccountName=${c.name};AccountKey=${key};` +
    `BlobEndpoint=${endpoint};`;
  return { name: c.name, key, endpoint, connectionString, containers: [...c.containers] };
}

/** DIR/objectstore.json: Azurite's URL and each account's name, key and connection string. */
export function objectStoreSettings(store: ObjectStore): Record<string, unknown> {
  return {
    url: store.url,
    accounts: [...store.accounts.values()].map((a) => ({
      name: a.name,
      key: a.key,
      blobEndpoint: a.endpoint,
      connectionString: a.connectionString,
      containers: a.containers,
      destinationPaths: a.containers.map((c) => `https://${a.name}.blob.core.windows.net/${c}`),
    })),
  };
}

async function waitListening(port: number, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new ObjectStoreError(`Azurite exited while starting: ${log().trim()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => {
        resolve(false);
      });
    });
    if (open) return;
    if (Date.now() > deadline)
      throw new ObjectStoreError(`Azurite did not listen on port ${String(port)} within 20 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (!(await waitGone([child.pid], 5000))) child.kill('SIGKILL');
  await waitGone([child.pid], 2000);
}
