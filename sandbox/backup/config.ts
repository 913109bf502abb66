// Where a Cluster archives WAL and keeps backups, and where a recovery reads them, resolved
// from the objects as CNPG 1.30 and the Barman Cloud plugin read them (facts §5, §9): the
// in-core spec.backup.barmanObjectStore (serverName defaults to the cluster name), or the
// WAL-archiver plugin with an ObjectStore (parameters barmanObjectName, serverName); for
// recovery an externalClusters entry (in-core: serverName defaults to the entry's name;
// plugin: to the *new* cluster's name).
import type { KubeObject, Store } from '../kube/types.ts';
import type { ResourceRef } from '../kube/types.ts';

export const PLUGIN_NAME = 'barman-cloud.cloudnative-pg.io';
export const OBJECT_STORES: ResourceRef = {
  group: 'barmancloud.cnpg.io',
  version: 'v1',
  plural: 'objectstores',
};
export const BACKUPS: ResourceRef = {
  group: 'postgresql.cnpg.io',
  version: 'v1',
  plural: 'backups',
};
export const SCHEDULED_BACKUPS: ResourceRef = {
  group: 'postgresql.cnpg.io',
  version: 'v1',
  plural: 'scheduledbackups',
};

type Obj = Record<string, unknown>;

export function obj(v: unknown): Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The parts of a BarmanObjectStoreConfiguration (in-core, ObjectStore spec.configuration,
 * externalClusters) the sandbox acts on; wal.maxParallel and encryption are accepted and
 * ignored.
 */
interface BarmanConfiguration {
  destinationPath: string;
  azureCredentials: Obj | undefined;
  s3Credentials: Obj | undefined;
  /** The S3-compatible endpoint (MinIO); unset: AWS S3 itself. */
  endpointURL: string | undefined;
  /** wal.compression and data.compression (see compression.ts). */
  walCompression: string | undefined;
  dataCompression: string | undefined;
}

export interface ArchiveConfig {
  method: 'barmanObjectStore' | 'plugin';
  serverName: string;
  configuration: BarmanConfiguration;
  /** Namespace of the secrets the credentials name. */
  namespace: string;
  /** The ObjectStore of the plugin path. */
  objectStoreName: string | undefined;
  /** spec.backup.retentionPolicy or the ObjectStore's spec.retentionPolicy. */
  retentionPolicy: string | undefined;
}

/** A configuration that cannot work, with the message CNPG or barman would give. */
export class ArchiveConfigError extends Error {
  override name = 'ArchiveConfigError';
}

function readConfiguration(v: unknown): BarmanConfiguration {
  const c = obj(v);
  const azure = obj(c.azureCredentials);
  const s3 = obj(c.s3Credentials);
  return {
    destinationPath: str(c.destinationPath) ?? '',
    azureCredentials: Object.keys(azure).length ? azure : undefined,
    s3Credentials: Object.keys(s3).length ? s3 : undefined,
    endpointURL: str(c.endpointURL),
    walCompression: str(obj(c.wal).compression),
    dataCompression: str(obj(c.data).compression),
  };
}

/** A Backup the controller has yet to run: no phase, or `pending`. */
export function backupIsOpen(backup: KubeObject): boolean {
  const phase = obj(backup.status).phase;
  return phase === undefined || phase === '' || phase === 'pending';
}

/** Only `completed` and `failed` are terminal (facts §3). */
export function backupIsDone(backup: KubeObject): boolean {
  const phase = obj(backup.status).phase;
  return phase === 'completed' || phase === 'failed';
}

/** The enabled entries of spec.plugins (enabled defaults to true). */
function enabledPlugins(cluster: KubeObject): Obj[] {
  const plugins = Array.isArray(cluster.spec?.plugins) ? (cluster.spec.plugins as unknown[]) : [];
  return plugins.map(obj).filter((p) => p.enabled !== false);
}

function objectStore(store: Store, namespace: string, name: string): KubeObject {
  const found = store.get(OBJECT_STORES, namespace, name);
  if (!found)
    throw new ArchiveConfigError(`ObjectStore ${namespace}/${name} not found (barmanObjectName)`);
  return found;
}

function pluginConfig(
  store: Store,
  namespace: string,
  parameters: Obj,
  defaultServerName: string,
): ArchiveConfig {
  const name = str(parameters.barmanObjectName);
  if (!name) throw new ArchiveConfigError('plugin parameter barmanObjectName is missing');
  const os = objectStore(store, namespace, name);
  return {
    method: 'plugin',
    serverName: str(parameters.serverName) ?? defaultServerName,
    configuration: readConfiguration(os.spec?.configuration),
    namespace,
    objectStoreName: name,
    retentionPolicy: str(os.spec?.retentionPolicy),
  };
}

function inCoreArchive(cluster: KubeObject): ArchiveConfig | undefined {
  const backup = obj(cluster.spec?.backup);
  const bos = obj(backup.barmanObjectStore);
  if (Object.keys(bos).length === 0) return undefined;
  return {
    method: 'barmanObjectStore',
    serverName: str(bos.serverName) ?? cluster.metadata.name,
    configuration: readConfiguration(bos),
    namespace: cluster.metadata.namespace ?? 'default',
    objectStoreName: undefined,
    retentionPolicy: str(backup.retentionPolicy),
  };
}

/**
 * Everywhere the Cluster's archive_command sends WAL (archiver.go): every enabled plugin
 * that can archive (here the Barman Cloud plugin, isWALArchiver or not), then the in-core
 * barmanObjectStore unless a plugin is the WAL archiver. Empty: CNPG's wrapper succeeds
 * without archiving (facts §1.2).
 */
export function walArchives(store: Store, cluster: KubeObject): ArchiveConfig[] {
  const namespace = cluster.metadata.namespace ?? 'default';
  const plugins = enabledPlugins(cluster);
  const archiver = plugins.find((p) => p.isWALArchiver === true);
  if (archiver && archiver.name !== PLUGIN_NAME)
    throw new ArchiveConfigError(`wal archive plugin is not available: ${String(archiver.name)}`);
  const out = plugins
    .filter((p) => p.name === PLUGIN_NAME)
    .map((p) => pluginConfig(store, namespace, obj(p.parameters), cluster.metadata.name));
  const inCore = archiver ? undefined : inCoreArchive(cluster);
  return inCore ? [...out, inCore] : out;
}

/** Where a Backup of `method` writes: spec.backup.barmanObjectStore, or the plugin's ObjectStore. */
export function backupArchive(
  store: Store,
  cluster: KubeObject,
  method: 'barmanObjectStore' | 'plugin',
  pluginName: string | undefined,
): ArchiveConfig {
  if (method === 'barmanObjectStore') {
    const config = inCoreArchive(cluster);
    if (!config)
      throw new ArchiveConfigError('no barmanObjectStore section defined on the target cluster');
    return config;
  }
  if (pluginName !== PLUGIN_NAME)
    throw new ArchiveConfigError(`requested plugin is not available: ${String(pluginName)}`);
  const entry = enabledPlugins(cluster).find((p) => p.name === PLUGIN_NAME);
  if (!entry)
    throw new ArchiveConfigError(
      `plugin ${PLUGIN_NAME} is not enabled in the cluster's spec.plugins: it has no barmanObjectName to back up to`,
    );
  const namespace = cluster.metadata.namespace ?? 'default';
  return pluginConfig(store, namespace, obj(entry.parameters), cluster.metadata.name);
}

/** The externalClusters entry named `source`, as a place to read backups and WAL from. */
function externalClusterArchive(store: Store, cluster: KubeObject, source: string): ArchiveConfig {
  const namespace = cluster.metadata.namespace ?? 'default';
  const list = Array.isArray(cluster.spec?.externalClusters)
    ? (cluster.spec.externalClusters as unknown[]).map(obj)
    : [];
  const entry = list.find((e) => e.name === source);
  if (!entry) throw new ArchiveConfigError(`externalCluster ${source} not found`);
  const plugin = obj(entry.plugin);
  if (plugin.name === PLUGIN_NAME)
    return pluginConfig(store, namespace, obj(plugin.parameters), cluster.metadata.name);
  const bos = obj(entry.barmanObjectStore);
  if (Object.keys(bos).length === 0)
    throw new ArchiveConfigError(
      `externalCluster ${source} has neither barmanObjectStore nor the ${PLUGIN_NAME} plugin`,
    );
  return {
    method: 'barmanObjectStore',
    serverName: str(bos.serverName) ?? source,
    configuration: readConfiguration(bos),
    namespace,
    objectStoreName: undefined,
    retentionPolicy: undefined,
  };
}

/** The in-core configuration a completed Backup recorded (status destinationPath & co.). */
function backupStatusArchive(store: Store, namespace: string, name: string): ArchiveConfig {
  const backup = store.get(BACKUPS, namespace, name);
  if (!backup) throw new ArchiveConfigError(`backup ${namespace}/${name} not found`);
  const s = obj(backup.status);
  if (s.phase !== 'completed')
    throw new ArchiveConfigError(
      `backup ${namespace}/${name} is not completed (phase ${typeof s.phase === 'string' ? s.phase : 'none'})`,
    );
  if (s.method === 'plugin')
    throw new ArchiveConfigError(
      'recovery from a plugin backup needs bootstrap.recovery.source with an externalClusters entry using the plugin, not bootstrap.recovery.backup',
    );
  return {
    method: 'barmanObjectStore',
    serverName: str(s.serverName) ?? '',
    configuration: readConfiguration({
      destinationPath: s.destinationPath,
      endpointURL: s.endpointURL,
      azureCredentials: s.azureCredentials,
      s3Credentials: s.s3Credentials,
    }),
    namespace,
    objectStoreName: undefined,
    retentionPolicy: undefined,
  };
}

/** Where a Cluster with bootstrap.recovery reads backups and WAL. */
export function recoveryArchive(store: Store, cluster: KubeObject): ArchiveConfig {
  const recovery = obj(obj(cluster.spec?.bootstrap).recovery);
  const namespace = cluster.metadata.namespace ?? 'default';
  const source = str(recovery.source);
  if (source) return externalClusterArchive(store, cluster, source);
  const backupName = str(obj(recovery.backup).name);
  if (backupName) return backupStatusArchive(store, namespace, backupName);
  throw new ArchiveConfigError('bootstrap.recovery names neither a source nor a backup');
}
