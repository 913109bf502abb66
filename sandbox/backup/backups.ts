// The Backup controller (CNPG's backup_controller.go with barman-cloud): picks up Backups
// with no phase or `pending`; an unknown Cluster leaves the Backup `pending` (retried);
// CNPG's prerequisite checks fail it with CNPG's reasons and messages; one backup per
// Cluster runs at a time (the others wait in `pending`); a target pod that is missing or not
// ready leaves it `pending` and it is tried again; a finished Backup is never touched.
import { recordEvent } from '../cnpg/events.ts';
import { CLUSTERS } from '../cnpg/resources.ts';
import type { KubeObject } from '../kube/types.ts';
import type { BackupRunDeps } from './backup-job.ts';
import { startBackup } from './backup-run.ts';
import { failBackup, patchBackup } from './backup-status.ts';
import { chooseTarget } from './backup-target.ts';
import { BACKUPS, backupArchive, backupIsOpen, obj } from './config.ts';
import type { ArchiveConfig } from './config.ts';

type Prerequisite = { method: 'barmanObjectStore' | 'plugin' } | { error: string; reason: string };

/** CNPG's checkPrerequisites, in its words (reasons included, e.g. ClusterHasBackupConfigured). */
function checkPrerequisites(backup: KubeObject, cluster: KubeObject): Prerequisite {
  const method = typeof backup.spec?.method === 'string' ? backup.spec.method : 'barmanObjectStore';
  const plugins = Array.isArray(cluster.spec?.plugins) ? cluster.spec.plugins : [];
  if (method === 'plugin')
    return plugins.length === 0
      ? {
          reason: 'ClusterHasNoBackupExecutorPlugin',
          error: 'cannot proceed with the backup as the cluster has no plugin configured',
        }
      : { method };
  if (!cluster.spec?.backup)
    return {
      reason: 'ClusterHasBackupConfigured',
      error: 'cannot proceed with the backup as the cluster has no backup section',
    };
  if (method === 'volumeSnapshot')
    return {
      reason: 'ClusterHasNoVolumeSnapshotCRD',
      error:
        'cannot proceed with the backup as the Kubernetes cluster has no VolumeSnapshot support',
    };
  if (!obj(cluster.spec.backup).barmanObjectStore)
    return {
      reason: 'ClusterHasNoBarmanSection',
      error: 'no barmanObjectStore section defined on the target cluster',
    };
  return { method: 'barmanObjectStore' };
}

export class BackupController {
  readonly #deps: BackupRunDeps;
  readonly #abort: AbortController;
  /** The backup in progress per Cluster (namespace/cluster). */
  readonly #running = new Map<string, Promise<void>>();
  /** Backups (namespace/name) already waiting for the running one of their Cluster. */
  readonly #waiting = new Set<string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #unwatch: (() => void) | undefined;

  constructor(deps: Omit<BackupRunDeps, 'signal'>) {
    this.#abort = new AbortController();
    this.#deps = { ...deps, signal: this.#abort.signal };
  }

  start(): void {
    this.#unwatch = this.#deps.store.watch(BACKUPS, (type, b) => {
      if (type !== 'DELETED') this.#consider(b);
    });
    for (const b of this.#deps.store.list(BACKUPS)) this.#consider(b);
  }

  #consider(b: KubeObject): void {
    if (this.#abort.signal.aborted || !backupIsOpen(b)) return;
    const key = `${b.metadata.namespace ?? ''}/${String(obj(b.spec?.cluster).name)}`;
    const self = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
    const running = this.#running.get(key);
    if (running) {
      if (this.#waiting.has(self)) return;
      this.#waiting.add(self);
      if (b.status?.phase !== 'pending')
        patchBackup(this.#deps.store, b, (s) => (s.phase = 'pending'));
      void running.then(() => {
        this.#waiting.delete(self);
        this.#retry(b, 0);
      });
      return;
    }
    const work = this.#process(b)
      .catch((error: unknown) => {
        this.#deps.log(`${self}: backup controller error: ${String(error)}`);
      })
      .finally(() => this.#running.delete(key));
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

  /** Sets `pending` with CNPG's warning event and tries again after backupRetryMs. */
  #wait(backup: KubeObject, reason: string, message: string): void {
    recordEvent(this.#deps, backup, 'Warning', reason, message);
    patchBackup(this.#deps.store, backup, (s) => {
      s.phase = 'pending';
      s.error = '';
    });
    this.#retry(backup, this.#deps.timings.backupRetryMs);
  }

  async #process(b: KubeObject): Promise<void> {
    const store = this.#deps.store;
    const backup = store.get(BACKUPS, b.metadata.namespace, b.metadata.name);
    if (!backup || !backupIsOpen(backup)) return;
    const clusterName = String(obj(backup.spec?.cluster).name);
    const cluster = store.get(CLUSTERS, backup.metadata.namespace, clusterName);
    if (!cluster) {
      this.#wait(
        backup,
        'FindingCluster',
        `Unknown cluster ${clusterName}, will retry in 30 seconds`,
      );
      return;
    }
    const pre = checkPrerequisites(backup, cluster);
    if ('error' in pre) {
      recordEvent(this.#deps, backup, 'Warning', pre.reason, pre.error);
      failBackup(store, backup, cluster, pre.error);
      return;
    }
    const target = chooseTarget(store, this.#deps.instance, cluster, backup);
    if ('reason' in target) {
      this.#wait(backup, target.reason, target.message);
      return;
    }
    let config: ArchiveConfig;
    try {
      const pluginName = obj(backup.spec?.pluginConfiguration).name;
      config = backupArchive(
        store,
        cluster,
        pre.method,
        typeof pluginName === 'string' ? pluginName : undefined,
      );
    } catch (error) {
      recordEvent(this.#deps, backup, 'Normal', 'Failed', 'Backup failed');
      failBackup(store, backup, cluster, error instanceof Error ? error.message : String(error));
      return;
    }
    await startBackup({ deps: this.#deps, backup, cluster, config, target });
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    this.#unwatch?.();
    for (const t of this.#timers) clearTimeout(t);
    await Promise.allSettled(this.#running.values());
  }
}
