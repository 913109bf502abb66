// Opens the container an ArchiveConfig points at with the credentials the Cluster names, as
// barman-cloud would: a storage key or SAS token from a Secret goes to Azurite as it is (so a
// wrong key or SAS is refused by Azurite itself), inheritFromAzureAD /
// useDefaultAzureCredentials stand for the workload identity and use the account's key, a
// connection string is parsed. faults.objectStoreUnreachable makes every access fail.
import {
  AnonymousCredential,
  ContainerClient,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { secretValue } from '../cnpg/secrets.ts';
import { SECRETS } from '../cnpg/resources.ts';
import type { Faults } from '../faults.ts';
import type { Store } from '../kube/types.ts';
import type { ObjectStore } from '../objectstore/azurite.ts';
import { ObjectStoreError } from '../objectstore/azurite.ts';
import { ArchiveConfigError, obj } from './config.ts';
import type { ArchiveConfig } from './config.ts';
import { serverRoot } from './layout.ts';

export interface ArchiveLocation {
  container: ContainerClient;
  /** `<prefix>/<serverName>` inside the container. */
  root: string;
  config: ArchiveConfig;
}

export interface AccessDeps {
  store: Store;
  objectStore: ObjectStore | undefined;
  faults: Faults;
}

function secretKey(deps: AccessDeps, namespace: string, selector: unknown): string {
  const { name, key } = obj(selector);
  if (typeof name !== 'string' || typeof key !== 'string')
    throw new ArchiveConfigError('a credential names no secret (name and key are required)');
  const secret = deps.store.get(SECRETS, namespace, name);
  if (!secret) throw new ArchiveConfigError(`secrets "${name}" not found`);
  const value = secretValue(secret, key);
  if (value === undefined)
    throw new ArchiveConfigError(`missing key "${key}" in secret ${namespace}/${name}`);
  return value.trim();
}

function parseConnectionString(s: string): Record<string, string> {
  return Object.fromEntries(
    s
      .split(';')
      .filter(Boolean)
      .map((part) => {
        const at = part.indexOf('=');
        return [part.slice(0, at), part.slice(at + 1)];
      }),
  );
}

/** The ContainerClient for `container` of `account`, with the configured credentials. */
function containerClient(
  deps: AccessDeps,
  config: ArchiveConfig,
  os: ObjectStore,
  accountName: string,
  container: string,
): ContainerClient {
  const azure = config.configuration.azureCredentials;
  const account = os.accounts.get(accountName);
  if (!account) throw new ObjectStoreError(`storage account ${accountName} does not exist`);
  const url = `${account.endpoint}/${container}`;
  if (!azure)
    throw new ArchiveConfigError(
      'no azureCredentials: barman-cloud cannot authenticate to Azure Blob Storage',
    );
  if (azure.inheritFromAzureAD === true || azure.useDefaultAzureCredentials === true)
    return new ContainerClient(url, new StorageSharedKeyCredential(account.name, account.key));
  const ns = config.namespace;
  if (azure.connectionString) {
    const cs = parseConnectionString(secretKey(deps, ns, azure.connectionString));
    if (cs.SharedAccessSignature)
      return new ContainerClient(`${url}?${cs.SharedAccessSignature}`, new AnonymousCredential());
    return new ContainerClient(
      url,
      new StorageSharedKeyCredential(cs.AccountName ?? '', cs.AccountKey ?? ''),
    );
  }
  const name = azure.storageAccount ? secretKey(deps, ns, azure.storageAccount) : accountName;
  if (azure.storageKey)
    return new ContainerClient(
      url,
      new StorageSharedKeyCredential(name, secretKey(deps, ns, azure.storageKey)),
    );
  if (azure.storageSasToken) {
    const sas = secretKey(deps, ns, azure.storageSasToken).replace(/^\?/, '');
    return new ContainerClient(`${url}?${sas}`, new AnonymousCredential());
  }
  throw new ArchiveConfigError('azureCredentials name no usable credential');
}

/** Resolves the destination and credentials; no request is made yet. */
export function openArchive(deps: AccessDeps, config: ArchiveConfig): ArchiveLocation {
  if (deps.faults.get().objectStoreUnreachable)
    throw new ObjectStoreError(
      `${config.configuration.destinationPath}: the object store is unreachable (injected: faults.objectStoreUnreachable)`,
    );
  const os = deps.objectStore;
  if (!os) throw new ObjectStoreError('the sandbox runs without an object store');
  const where = os.resolve(config.configuration.destinationPath);
  const container = containerClient(deps, config, os, where.account.name, where.container);
  return { container, root: serverRoot(where.prefix, config.serverName), config };
}
