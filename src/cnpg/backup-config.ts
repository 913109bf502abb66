// What backups a live Cluster is configured with, read from its spec as CNPG and `kubectl cnpg
// status` read it (facts §2, §3, §9): the Barman Cloud plugin (an enabled spec.plugins entry
// barman-cloud.cloudnative-pg.io, its ObjectStore named by barmanObjectName, serverName
// defaulting to the cluster name), the in-core spec.backup.barmanObjectStore, or
// spec.backup.volumeSnapshot. A cluster with none is refused, saying how deploy sets them up.
import { ConfigurationError } from '../errors.ts';
import type { BackupKind, BackupMethodRequest } from '../inputs/read-backup.ts';
import type { KubeObject } from '../kube/resources.ts';
import { PLUGIN_NAME } from './objects.ts';

interface PluginEntry {
  readonly name?: string;
  readonly enabled?: boolean;
  readonly isWALArchiver?: boolean;
  readonly parameters?: Readonly<Record<string, string>>;
}

export interface BackupSpecView extends KubeObject {
  spec?: {
    plugins?: readonly PluginEntry[];
    backup?: {
      barmanObjectStore?: { destinationPath?: string; serverName?: string };
      volumeSnapshot?: Record<string, unknown>;
      target?: string;
    };
  };
}

/** Where the Cluster archives WAL (and the plugin or in-core Backups go). */
export type WalArchive =
  | { readonly kind: 'plugin'; readonly objectStore: string; readonly serverName: string }
  | { readonly kind: 'in-core'; readonly destinationPath: string; readonly serverName: string };

export interface BackupConfig {
  /** How this run's Backup is taken. */
  readonly method: BackupKind;
  /** Where WAL is archived; undefined when nothing archives it (volume snapshots alone). */
  readonly archive?: WalArchive;
  /** Why this method, for the log and the summary. */
  readonly reason: string;
  /** cnpg.io/skipWalArchiving: enabled turns archive_mode off. */
  readonly walArchivingDisabled: boolean;
}

/** spec.method of the Backup CR for each method. */
export const CNPG_METHOD: Readonly<Record<BackupKind, string>> = {
  plugin: 'plugin',
  'barman-object-store': 'barmanObjectStore',
  'volume-snapshot': 'volumeSnapshot',
};

const HOW_DEPLOY =
  "pgha deploy configures backups with backup-destination (e.g. backup-destination: https://<account>.blob.core.windows.net/backups with workload-identity-client-id, or s3://bucket/path with backup-credentials-secret): the Barman Cloud plugin's ObjectStore wired as WAL archiver when the cluster serves barmancloud.cnpg.io, else the in-core spec.backup.barmanObjectStore (backup-method)";

function pluginArchive(cluster: BackupSpecView): WalArchive | undefined {
  const entry = cluster.spec?.plugins?.find((p) => p.name === PLUGIN_NAME && p.enabled !== false);
  if (!entry) return undefined;
  const objectStore = entry.parameters?.barmanObjectName ?? '';
  if (objectStore === '')
    throw new ConfigurationError(
      `Cluster ${cluster.metadata.name} enables the ${PLUGIN_NAME} plugin without the parameter barmanObjectName: the plugin archives nowhere. ${HOW_DEPLOY}.`,
    );
  const serverName = entry.parameters?.serverName ?? cluster.metadata.name;
  return { kind: 'plugin', objectStore, serverName };
}

function inCoreArchive(cluster: BackupSpecView): WalArchive | undefined {
  const bos = cluster.spec?.backup?.barmanObjectStore;
  if (!bos) return undefined;
  return {
    kind: 'in-core',
    destinationPath: bos.destinationPath ?? '',
    serverName: bos.serverName ?? cluster.metadata.name,
  };
}

/** Where the Cluster archives WAL, plugin first (as CNPG's own choice); undefined: nowhere. */
export function walArchiveOf(cluster: BackupSpecView): WalArchive | undefined {
  return pluginArchive(cluster) ?? inCoreArchive(cluster);
}

function annotation(cluster: KubeObject, name: string): string | undefined {
  return cluster.metadata.annotations?.[name];
}

/** The backup method and WAL archive of the Cluster for the requested method, or why not. */
export function backupConfig(
  cluster: BackupSpecView,
  requested: BackupMethodRequest,
): BackupConfig {
  const name = cluster.metadata.name;
  if (annotation(cluster, 'cnpg.io/hibernation') === 'on')
    throw new ConfigurationError(
      `Cluster ${name} is hibernated (annotation cnpg.io/hibernation: on): CNPG cannot back up a hibernated cluster; wake it first`,
    );
  const plugin = pluginArchive(cluster);
  const inCore = inCoreArchive(cluster);
  const walArchivingDisabled = annotation(cluster, 'cnpg.io/skipWalArchiving') === 'enabled';
  const chosen = choose(cluster, requested, plugin, inCore);
  return { ...chosen, walArchivingDisabled };
}

function choose(
  cluster: BackupSpecView,
  requested: BackupMethodRequest,
  plugin: WalArchive | undefined,
  inCore: WalArchive | undefined,
): Omit<BackupConfig, 'walArchivingDisabled'> {
  const name = cluster.metadata.name;
  const snapshots = cluster.spec?.backup?.volumeSnapshot !== undefined;
  switch (requested) {
    case 'auto':
      if (plugin)
        return {
          method: 'plugin',
          archive: plugin,
          reason: `method: auto and Cluster ${name} archives WAL with the ${PLUGIN_NAME} plugin`,
        };
      if (inCore)
        return {
          method: 'barman-object-store',
          archive: inCore,
          reason: `method: auto and Cluster ${name} has the in-core spec.backup.barmanObjectStore (deprecated, removed in CNPG 1.31)`,
        };
      throw new ConfigurationError(
        `Cluster ${name} has no backups configured: no enabled ${PLUGIN_NAME} plugin in spec.plugins and no spec.backup.barmanObjectStore${snapshots ? ' (it has spec.backup.volumeSnapshot: ask for it with method: volume-snapshot)' : ''}. ${HOW_DEPLOY}.`,
      );
    case 'plugin':
      if (plugin)
        return { method: 'plugin', archive: plugin, reason: 'method: plugin was requested' };
      throw missing(
        name,
        `method: plugin, but Cluster ${name} has no enabled ${PLUGIN_NAME} plugin in spec.plugins`,
        'backup-method: plugin',
      );
    case 'barman-object-store':
      if (inCore)
        return {
          method: 'barman-object-store',
          archive: inCore,
          reason: 'method: barman-object-store was requested',
        };
      throw missing(
        name,
        `method: barman-object-store, but Cluster ${name} has no spec.backup.barmanObjectStore${plugin ? ` (it uses the ${PLUGIN_NAME} plugin: method: plugin)` : ''}`,
        'backup-method: barman-object-store',
      );
    case 'volume-snapshot': {
      if (!snapshots)
        throw new ConfigurationError(
          `input 'method': volume-snapshot, but Cluster ${name} has no spec.backup.volumeSnapshot (set its className, see https://cloudnative-pg.io/documentation/current/backup_volumesnapshot/) (example: method: auto)`,
        );
      const archive = plugin ?? inCore;
      return {
        method: 'volume-snapshot',
        ...(archive ? { archive } : {}),
        reason: 'method: volume-snapshot was requested',
      };
    }
  }
}

function missing(cluster: string, what: string, deployInput: string): ConfigurationError {
  return new ConfigurationError(
    `input 'method': ${what}. ${HOW_DEPLOY}; deploy ${cluster} with ${deployInput} to get it (example: method: auto)`,
  );
}

/** Where a base backup lands: <destinationPath>/<serverName>/base/<backupId>/. */
export function backupLocation(
  destinationPath: string,
  serverName: string,
  backupId: string,
): string {
  return `${destinationPath.replace(/\/+$/, '')}/${serverName}/base/${backupId}/`;
}
