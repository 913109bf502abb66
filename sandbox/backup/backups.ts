// The Backup controller (CNPG's backup_controller.go with barman-cloud): picks up Backups
// with no phase or `pending`, checks the prerequisites with CNPG's messages, runs one backup
// per Cluster at a time (the others wait in `pending`), and never touches a finished one.
import { recordEvent } from '../cnpg/events.ts';
import { CLUSTERS } from '../cnpg/resources.ts';
import type { KubeObject } from '../kube/types.ts';
import { backupIsOpen, clusterArchive, BACKUPS, obj, PLUGIN_NAME } from './config.ts';
import type { ArchiveConfig } from './config.ts';
import { failBackup, patchBackup, runBackup } from './backup-run.ts';
import type { BackupRunDeps } from './backup-run.ts';

const UNKNOWN_CLUSTER_RETRY_MS = 30_000;

type Prerequisite = { config: ArchiveConfig } | { error: string; reason: string };

/** CNPG's checks before a backup starts (backup_controller.go), in its words. */
function checkPrerequisites(
  deps: BackupRunDeps,
  backup: KubeObject,
  cluster: KubeObject,
): Prerequisite {
  const spec = backup.spec ?? {};
  const method = typeof spec.method === 'string' ? spec.method : 'barmanObjectStore';
  const plugins = Array.isArray(cluster.spec?.plugins) ? cluster.spec.plugins : [];
  if (method === 'plugin' && plugins.length === 0)
    return {
      reason: 'ClusterHasNoBackupExecutorPlugin',
      error: 'cannot proceed with the backup as the cluster has no plugin configured',
    };
  if (method !== 'plugin' && !cluster.spec?.backup)
    return {
      reason: 'ClusterHasNoBackupConfig',
      error: 'cannot proceed with the backup as the cluster has no backup section',
    };
  if (method === 'volumeSnapshot')
    return {
      reason: 'ClusterHasNoVolumeSnapshotCRD',
      error: 'cannot proceed with the backup as the Kubernetes cluster has no VolumeSnapshot CRD',
    };
  if (method === 'barmanObjectStore' && !obj(cluster.spec?.backup).barmanObjectStore)
    return {
      reason: 'ClusterHasNoBarmanSection',
      error: 'no barmanObjectStore section defined on the target cluster',
    };
  const pluginName = obj(spec.pluginConfiguration).name;
  if (method === 'plugin' && pluginName !== PLUGIN_NAME)
    return {
      reason: 'ClusterHasNoBackupExecutorPlugin',
      error: `plugin ${String(pluginName)} is not available: the sandbox runs ${PLUGIN_NAME}`,
    };
  let config: ArchiveConfig | undefined;
  try {
    config = clusterArchive(deps.store, cluster);
  } catch (error) {
    return {
      reason: 'ConfigurationError',
      error: error instanceof Error ? error.message : String(error),
    };
  }
  if (!config || config.method !== method)
    return {
      reason: 'ClusterHasNoBackupExecutorPlugin',
      error: `cannot proceed with the backup as the cluster has no ${method === 'plugin' ? `WAL archiver plugin ${PLUGIN_NAME}` : 'barmanObjectStore'} configured`,
    };
  return { config };
}

export class BackupController {
  readonly #deps: BackupRunDeps;
  /** The backup in progress per Cluster (namespace/cluster). */
  readonly #running = new Map<string, Promise<void>>();
  /** Backups (namespace/name) already waiting for the running one of their Cluster. */
  readonly #waiting = new Set<string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #unwatch: (() => void) | undefined;
  #stopping = false;

  constructor(deps: BackupRunDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#unwatch = this.#deps.store.watch(BACKUPS, (type, b) => {
      if (type !== 'DELETED') this.#consider(b);
    });
    for (const b of this.#deps.store.list(BACKUPS)) this.#consider(b);
  }

  #consider(b: KubeObject): void {
    if (this.#stopping || !backupIsOpen(b)) return;
    const key = `${b.metadata.namespace ?? ''}/${String(obj(b.spec?.cluster).name)}`;
    const running = this.#running.get(key);
    if (running) {
      const self = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
      if (this.#waiting.has(self)) return;
      this.#waiting.add(self);
      if (b.status?.phase !== 'pending') patchBackup(this.#deps, b, (s) => (s.phase = 'pending'));
      void running.then(() => {
        this.#waiting.delete(self);
        this.#retry(b, 0);
      });
      return;
    }
    const work = this.#process(b).finally(() => this.#running.delete(key));
    this.#running.set(key, work);
  }

  #retry(b: KubeObject, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      const current = this.#deps.store.get(BACKUPS, b.metadata.namespace, b.metadata.name);
      if (current) this.#consider(current);
    }, delayMs);
    this.#timers.add(timer);
  }

  async #process(b: KubeObject): Promise<void> {
    const current = this.#deps.store.get(BACKUPS, b.metadata.namespace, b.metadata.name);
    if (!current || !backupIsOpen(current)) return;
    const clusterName = String(obj(current.spec?.cluster).name);
    const cluster = this.#deps.store.get(CLUSTERS, current.metadata.namespace, clusterName);
    if (!cluster) {
      recordEvent(
        this.#deps,
        current,
        'Warning',
        'FindingCluster',
        `Unknown cluster ${clusterName}, will retry in 30 seconds`,
      );
      patchBackup(this.#deps, current, (s) => (s.phase = 'pending'));
      this.#retry(current, UNKNOWN_CLUSTER_RETRY_MS);
      return;
    }
    const pre = checkPrerequisites(this.#deps, current, cluster);
    if ('error' in pre) {
      recordEvent(this.#deps, current, 'Warning', pre.reason, pre.error);
      failBackup(this.#deps, current, undefined, pre.error);
      return;
    }
    try {
      await runBackup(this.#deps, current, cluster, pre.config);
    } catch (error) {
      if (this.#stopping) return;
      failBackup(
        this.#deps,
        current,
        cluster,
        error instanceof Error ? error.message : String(error),
      );
    }
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#unwatch?.();
    for (const t of this.#timers) clearTimeout(t);
    await Promise.allSettled(this.#running.values());
  }
}
