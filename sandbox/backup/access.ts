// Opens the place an ArchiveConfig points at with the credentials the Cluster names, as
// barman-cloud would. Azure Blob: a storage key or SAS token from a Secret goes to Azurite as
// it is (so a wrong key or SAS is refused by Azurite itself), inheritFromAzureAD /
// useDefaultAzureCredentials stand for the workload identity and use the account's key, a
// connection string is parsed. S3 (s3://bucket/path): the keys of s3Credentials go to the S3
// front, which checks their SigV4 signatures as S3 does; inheritFromIAMRole fails as botocore
// does without credentials, since the sandbox's pods run on an AKS stand-in and have no AWS
// IAM role (a kinder "use the store's keys" would pass here and fail on any non-EKS cluster);
// endpointURL must be the sandbox's S3 endpoint,
// and without it (AWS S3 itself) the sandbox's S3 stands in for AWS.
// faults.objectStoreUnreachable makes every access fail.
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
import type { S3Service } from '../objectstore/s3.ts';
import { s3Bucket } from '../objectstore/s3-client.ts';
import { blobStore, s3Store, type ArchiveStore } from './archive-store.ts';
import { ArchiveConfigError, obj } from './config.ts';
import type { ArchiveConfig } from './config.ts';
import { serverRoot } from './layout.ts';

export interface ArchiveLocation {
  store: ArchiveStore;
  /** `<prefix>/<serverName>` inside the container or bucket. */
  root: string;
  config: ArchiveConfig;
}

export interface AccessDeps {
  store: Store;
  objectStore: ObjectStore | undefined;
  s3: S3Service | undefined;
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

/** The bucket of an s3:// destinationPath, with the keys of s3Credentials. */
function openS3(deps: AccessDeps, config: ArchiveConfig): ArchiveLocation {
  const { destinationPath, endpointURL, s3Credentials } = config.configuration;
  const s3 = deps.s3;
  if (!s3) throw new ObjectStoreError('the sandbox runs without its S3 service');
  const [bucket = '', ...path] = destinationPath.slice('s3://'.length).split('/');
  if (!bucket) throw new ObjectStoreError(`destinationPath ${destinationPath}: no bucket`);
  if (endpointURL !== undefined && endpointURL.replace(/\/+$/, '') !== s3.url)
    throw new ObjectStoreError(
      `Could not connect to the endpoint URL: "${endpointURL}" (the sandbox's S3 endpoint is ${s3.url}, objectstore.json s3.endpoint)`,
    );
  if (!s3Credentials)
    throw new ArchiveConfigError('no s3Credentials: barman-cloud cannot authenticate to S3');
  if (s3Credentials.inheritFromIAMRole === true)
    throw new ObjectStoreError(
      'Unable to locate credentials (s3Credentials.inheritFromIAMRole: the pods of this cluster have no AWS IAM role)',
    );
  const ns = config.namespace;
  const credentials = {
    accessKeyId: secretKey(deps, ns, s3Credentials.accessKeyId),
    secretAccessKey: secretKey(deps, ns, s3Credentials.secretAccessKey),
    ...(s3Credentials.sessionToken
      ? { sessionToken: secretKey(deps, ns, s3Credentials.sessionToken) }
      : {}),
  };
  const region = s3Credentials.region ? secretKey(deps, ns, s3Credentials.region) : s3.region;
  const store = s3Store(s3Bucket({ endpoint: s3.url, region, bucket, credentials }));
  return { store, root: serverRoot(path.filter(Boolean).join('/'), config.serverName), config };
}

/** Resolves the destination and credentials; no request is made yet. */
export function openArchive(deps: AccessDeps, config: ArchiveConfig): ArchiveLocation {
  if (deps.faults.get().objectStoreUnreachable)
    throw new ObjectStoreError(
      `${config.configuration.destinationPath}: the object store is unreachable (injected: faults.objectStoreUnreachable)`,
    );
  if (config.configuration.destinationPath.startsWith('s3://')) return openS3(deps, config);
  const os = deps.objectStore;
  if (!os) throw new ObjectStoreError('the sandbox runs without an object store');
  const where = os.resolve(config.configuration.destinationPath);
  const container = containerClient(deps, config, os, where.account.name, where.container);
  return { store: blobStore(container), root: serverRoot(where.prefix, config.serverName), config };
}
