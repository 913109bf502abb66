// Where a cluster's backup data is and what reaches it, read from the object store
// configuration CNPG archives with (the plugin's ObjectStore spec.configuration or the in-core
// spec.backup.barmanObjectStore; facts §8): Azure Blob Storage through the workflow's Azure
// login, S3 through the access keys the configuration names in s3Credentials. What pgha cannot
// reach (an IAM role of the pods, Google Cloud Storage) is refused here, before any deletion.
import { ConfigurationError } from '../errors.ts';
import type { KubeObject } from '../kube/resources.ts';
import type { SecretKeyRef } from '../kube/secret-keys.ts';
import type { WalArchive } from './backup-config.ts';
import type { ObjectStoreView } from './recovery-window.ts';

/** The s3Credentials selectors: the keys pgha reads to sign its requests. */
export interface S3CredentialRefs {
  readonly accessKeyId: SecretKeyRef;
  readonly secretAccessKey: SecretKeyRef;
  readonly sessionToken?: SecretKeyRef;
  readonly region?: SecretKeyRef;
}

/** The cluster's data in the object store: everything under <destination>/<serverName>/. */
export type BackupData =
  | { readonly kind: 'azure'; readonly destination: string; readonly serverName: string }
  | {
      readonly kind: 's3';
      readonly destination: string;
      readonly serverName: string;
      readonly endpointURL?: string;
      readonly credentials: S3CredentialRefs;
    };

/** BarmanObjectStoreConfiguration, the fields that say where and with what. */
export interface StoreConfigurationView {
  readonly destinationPath?: string;
  readonly endpointURL?: string;
  readonly s3Credentials?: {
    readonly accessKeyId?: Partial<SecretKeyRef>;
    readonly secretAccessKey?: Partial<SecretKeyRef>;
    readonly sessionToken?: Partial<SecretKeyRef>;
    readonly region?: Partial<SecretKeyRef>;
    readonly inheritFromIAMRole?: boolean;
  };
}

interface InCoreView {
  readonly spec?: { readonly backup?: { readonly barmanObjectStore?: StoreConfigurationView } };
}

/** The configuration the archive writes with. */
export function configurationOf(
  archive: WalArchive,
  cluster: KubeObject | undefined,
  store: ObjectStoreView | undefined,
): StoreConfigurationView {
  if (archive.kind === 'in-core')
    return (cluster as InCoreView | undefined)?.spec?.backup?.barmanObjectStore ?? {};
  return store?.spec?.configuration ?? {};
}

/** The data at `destination` (no trailing slash), or why pgha refuses to delete it. */
export function backupDataAt(
  cluster: string,
  destination: string,
  serverName: string,
  config: StoreConfigurationView,
): BackupData {
  const where = `${destination}/${serverName}/`;
  if (destination.startsWith('https://')) return { kind: 'azure', destination, serverName };
  if (!destination.startsWith('s3://'))
    throw new ConfigurationError(
      `input 'delete-backups': the backups of ${cluster} are in ${destination}, and pgha deletes object-store data only in Azure Blob Storage (https://<account>.blob.core.windows.net/<container>) and S3 (s3://<bucket>/<path>); delete ${where} yourself, or run with delete-backups: false (example: delete-backups: false)`,
    );
  const creds = config.s3Credentials;
  if (creds?.inheritFromIAMRole)
    throw new ConfigurationError(
      `input 'delete-backups': the backups of ${cluster} in ${destination} are reached with the IAM role of the cluster's pods (s3Credentials.inheritFromIAMRole: true), which pgha, running on the GitHub runner, cannot use. Delete ${where} with the role yourself (aws s3 rm --recursive ${where}) and run with delete-backups: false, or deploy with access keys in a Secret (backup-credentials: s3-keys, backup-credentials-secret: <Secret with ACCESS_KEY_ID and ACCESS_SECRET_KEY>) (example: delete-backups: false)`,
    );
  const accessKeyId = selector(creds?.accessKeyId);
  const secretAccessKey = selector(creds?.secretAccessKey);
  if (!accessKeyId || !secretAccessKey)
    throw new ConfigurationError(
      `input 'delete-backups': the backup configuration of ${cluster} (destinationPath ${destination}) names no access keys in s3Credentials (accessKeyId and secretAccessKey, each a Secret name and key), so pgha has nothing to sign with; delete ${where} yourself, or run with delete-backups: false (example: delete-backups: false)`,
    );
  const sessionToken = selector(creds?.sessionToken);
  const region = selector(creds?.region);
  return {
    kind: 's3',
    destination,
    serverName,
    ...(config.endpointURL ? { endpointURL: config.endpointURL } : {}),
    credentials: {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
      ...(region ? { region } : {}),
    },
  };
}

function selector(ref: Partial<SecretKeyRef> | undefined): SecretKeyRef | undefined {
  return ref?.name && ref.key ? { name: ref.name, key: ref.key } : undefined;
}
