// The recovery window of a Cluster as `kubectl cnpg status` reads it (facts §2, §9): for the
// Barman Cloud plugin the ObjectStore's status.serverRecoveryWindow[<serverName>]; for the
// in-core method the Cluster's (deprecated) status.firstRecoverabilityPoint,
// lastSuccessfulBackup and lastFailedBackup. Also where the archive lives (destinationPath).
import { ConfigurationError } from '../errors.ts';
import type { KubeHttp } from '../kube/http.ts';
import { CNPG_CLUSTER, collectionPath, type KubeObject } from '../kube/resources.ts';
import { WatchTimeout, waitFor } from '../kube/watch.ts';
import { BARMAN_CLOUD_GROUP_VERSION } from './discovery.ts';
import type { WalArchive } from './backup-config.ts';

interface WindowEntry {
  readonly firstRecoverabilityPoint?: string;
  readonly lastSuccessfulBackupTime?: string;
  readonly lastFailedBackupTime?: string;
}

export interface ObjectStoreView extends KubeObject {
  spec?: { configuration?: { destinationPath?: string } };
  status?: { serverRecoveryWindow?: Readonly<Record<string, WindowEntry>> };
}

export interface ClusterBackupStatus {
  readonly firstRecoverabilityPoint?: string;
  readonly lastSuccessfulBackup?: string;
  readonly lastFailedBackup?: string;
}

export interface RecoveryWindow {
  readonly firstRecoverabilityPoint?: string;
  readonly lastSuccessfulBackup?: string;
  readonly lastFailedBackup?: string;
  /** Where it was read, e.g. "ObjectStore pg-backup-store, server pg". */
  readonly source: string;
}

export const OBJECT_STORE = {
  apiVersion: BARMAN_CLOUD_GROUP_VERSION,
  kind: 'ObjectStore',
} as const;

export function objectStorePath(namespace: string, name: string): string {
  return `${collectionPath(OBJECT_STORE.apiVersion, OBJECT_STORE.kind, namespace)}/${name}`;
}

/** The plugin's ObjectStore; a missing one means WAL goes nowhere, which the user must fix. */
export async function readObjectStore(
  http: KubeHttp,
  namespace: string,
  name: string,
  cluster: string,
): Promise<ObjectStoreView> {
  const { status, body } = await http.json<ObjectStoreView | undefined>({
    method: 'GET',
    path: objectStorePath(namespace, name),
    allowNotFound: true,
    context: `reading ObjectStore ${name} in namespace ${namespace}`,
  });
  if (status !== 404 && body) return body;
  throw new ConfigurationError(
    `Cluster ${cluster} archives WAL with the Barman Cloud plugin into ObjectStore ${name} (parameter barmanObjectName), but namespace ${namespace} has no ObjectStore ${name}: create it (pgha deploy with backup-destination does) or fix barmanObjectName`,
  );
}

/** The destinationPath WAL and base backups go to. */
export function destinationOf(archive: WalArchive, store: ObjectStoreView | undefined): string {
  return archive.kind === 'in-core'
    ? archive.destinationPath
    : (store?.spec?.configuration?.destinationPath ?? '');
}

export function windowOf(
  archive: WalArchive,
  cluster: KubeObject | undefined,
  store: ObjectStoreView | undefined,
): RecoveryWindow {
  if (archive.kind === 'plugin') {
    const w = store?.status?.serverRecoveryWindow?.[archive.serverName] ?? {};
    return {
      source: `ObjectStore ${archive.objectStore}, server ${archive.serverName}`,
      ...defined('firstRecoverabilityPoint', w.firstRecoverabilityPoint),
      ...defined('lastSuccessfulBackup', w.lastSuccessfulBackupTime),
      ...defined('lastFailedBackup', w.lastFailedBackupTime),
    };
  }
  const s = (cluster?.status ?? {}) as ClusterBackupStatus;
  return {
    source: `Cluster status, server ${archive.serverName}`,
    ...defined('firstRecoverabilityPoint', s.firstRecoverabilityPoint),
    ...defined('lastSuccessfulBackup', s.lastSuccessfulBackup),
    ...defined('lastFailedBackup', s.lastFailedBackup),
  };
}

function defined<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/** CNPG updates the window after it marks the Backup completed: wait this long for it. */
const WINDOW_UPDATE_MS = 15_000;

export interface WindowWait {
  readonly namespace: string;
  readonly cluster: string;
  readonly archive: WalArchive;
  /** The window before the backup; a new lastSuccessfulBackup shows it was updated. */
  readonly before: RecoveryWindow | undefined;
  readonly deadline: number;
  readonly now: () => number;
}

/** The window once it shows the new backup, or as it is after a short wait. */
export async function windowAfterBackup(http: KubeHttp, w: WindowWait): Promise<RecoveryWindow> {
  const plugin = w.archive.kind === 'plugin';
  const name = w.archive.kind === 'plugin' ? w.archive.objectStore : w.cluster;
  const kind = plugin ? OBJECT_STORE : CNPG_CLUSTER;
  const read = (obj: KubeObject | undefined) =>
    plugin ? windowOf(w.archive, undefined, obj) : windowOf(w.archive, obj, undefined);
  try {
    return await waitFor(
      http,
      {
        collection: collectionPath(kind.apiVersion, kind.kind, w.namespace),
        name,
        what: `the recovery window of ${w.cluster}`,
      },
      {
        deadline: Math.min(w.deadline, w.now() + WINDOW_UPDATE_MS),
        now: w.now,
        check: (obj) => {
          const window = read(obj);
          const updated = window.lastSuccessfulBackup !== w.before?.lastSuccessfulBackup;
          return updated && window.firstRecoverabilityPoint ? window : undefined;
        },
      },
    );
  } catch (error) {
    if (!(error instanceof WatchTimeout)) throw error;
    return read(error.last);
  }
}
