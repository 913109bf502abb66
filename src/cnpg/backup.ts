// Object store configuration (shared by the plugin's ObjectStore and the in-core
// barmanObjectStore), the ObjectStore itself and the ScheduledBackup.
import type { BackupMethod, BackupSettings, DeployInputs, RunOrigin } from '../inputs/types.ts';
import { PLUGIN_NAME, meta, objectStoreName, type RenderedObject } from './objects.ts';

const ref = (secret: string, key: string): { name: string; key: string } => ({ name: secret, key });

/** The keys of backup-credentials-secret that each kind of credentials reads. */
export const SECRET_KEYS = {
  'storage-key': ['AZURE_STORAGE_ACCOUNT', 'AZURE_STORAGE_KEY'],
  'sas-token': ['AZURE_STORAGE_ACCOUNT', 'AZURE_STORAGE_SAS_TOKEN'],
  's3-keys': ['ACCESS_KEY_ID', 'ACCESS_SECRET_KEY'],
} as const;

function credentials(b: BackupSettings): Record<string, unknown> {
  const secret = b.credentialsSecret ?? '';
  switch (b.credentials) {
    case 'workload-identity':
      return { azureCredentials: { inheritFromAzureAD: true } };
    case 'storage-key': {
      const [account, key] = SECRET_KEYS['storage-key'];
      return {
        azureCredentials: { storageAccount: ref(secret, account), storageKey: ref(secret, key) },
      };
    }
    case 'sas-token': {
      const [account, sas] = SECRET_KEYS['sas-token'];
      return {
        azureCredentials: {
          storageAccount: ref(secret, account),
          storageSasToken: ref(secret, sas),
        },
      };
    }
    case 's3-keys': {
      const [id, key] = SECRET_KEYS['s3-keys'];
      return { s3Credentials: { accessKeyId: ref(secret, id), secretAccessKey: ref(secret, key) } };
    }
    case 'iam-role':
      return { s3Credentials: { inheritFromIAMRole: true } };
  }
}

/** BarmanObjectStoreConfiguration: destination, credentials, compression. */
export function storeConfiguration(b: BackupSettings): Record<string, unknown> {
  const endpoint =
    b.destination.kind === 's3' && b.destination.endpointUrl
      ? { endpointURL: b.destination.endpointUrl }
      : {};
  return {
    destinationPath: b.destination.url,
    ...endpoint,
    ...credentials(b),
    wal: { compression: 'lz4', maxParallel: 2 },
    data: { compression: 'gzip', jobs: 2 },
  };
}

export function objectStore(
  inputs: DeployInputs,
  b: BackupSettings,
  origin: RunOrigin,
): RenderedObject {
  return {
    apiVersion: 'barmancloud.cnpg.io/v1',
    kind: 'ObjectStore',
    metadata: meta(objectStoreName(inputs.clusterName), inputs.namespace, origin),
    spec: { configuration: storeConfiguration(b), retentionPolicy: b.retention },
  };
}

/** The Cluster's backup wiring: spec.plugins (plugin) or spec.backup (in-core). */
export function clusterBackupSpec(
  inputs: DeployInputs,
  b: BackupSettings,
  method: BackupMethod,
): Record<string, unknown> {
  if (method === 'barman-object-store') {
    return { backup: { barmanObjectStore: storeConfiguration(b), retentionPolicy: b.retention } };
  }
  const parameters = { barmanObjectName: objectStoreName(inputs.clusterName) };
  return { plugins: [{ name: PLUGIN_NAME, enabled: true, isWALArchiver: true, parameters }] };
}

export function scheduledBackup(
  inputs: DeployInputs,
  schedule: string,
  method: BackupMethod,
  origin: RunOrigin,
): RenderedObject {
  const how =
    method === 'plugin'
      ? { method: 'plugin', pluginConfiguration: { name: PLUGIN_NAME } }
      : { method: 'barmanObjectStore' };
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'ScheduledBackup',
    metadata: meta(`${inputs.clusterName}-scheduled`, inputs.namespace, origin),
    spec: {
      schedule,
      cluster: { name: inputs.clusterName },
      backupOwnerReference: 'self',
      immediate: true,
      ...how,
    },
  };
}
