// Part 2 of the sandbox: WAL archiving, Backups, ScheduledBackups, retention and recovery on
// Azurite. The CNPG emulation calls the hooks (archive_command, empty-archive check, base
// backup restore); the Backup and ScheduledBackup controllers watch the Store.
import { CLUSTERS } from '../cnpg/resources.ts';
import { rfc3339 } from '../cnpg/resources.ts';
import type { Faults } from '../faults.ts';
import type { KubeObject, Store } from '../kube/types.ts';
import type { ObjectStore } from '../objectstore/azurite.ts';
import type { ArchiveHook } from '../postgres/config.ts';
import type { Instance } from '../postgres/instance.ts';
import type { ServerUser } from '../users.ts';
import type { AccessDeps, ArchiveLocation } from './access.ts';
import { WalArchiver } from './archiver.ts';
import { BackupController } from './backups.ts';
import { listBackups } from './catalog.ts';
import { OBJECT_STORES, recoveryArchive } from './config.ts';
import type { ArchiveConfig } from './config.ts';
import { checkEmptyArchive, restoreBaseBackup } from './recovery.ts';
import type { RecoveryPlan } from './recovery.ts';
import { applyRetention, recoveryWindow } from './retention.ts';
import type { RecoveryWindow } from './retention.ts';
import { ScheduledBackupController } from './scheduled.ts';
import { startWalService } from './wal-service.ts';
import type { WalService } from './wal-service.ts';

export interface InstanceOwner {
  cluster: string;
  instance: Instance;
}

export interface BackupSystemOptions {
  store: Store;
  objectStore: ObjectStore | undefined;
  faults: Faults;
  user: ServerUser | undefined;
  log: (line: string) => void;
  /** The operator's bookkeeping: which Cluster and server an instance pod is. */
  lookup: (namespace: string, pod: string) => InstanceOwner | undefined;
}

/** What the CNPG emulation asks of part 2. */
export interface BackupHooks {
  archiveHook(namespace: string, pod: string, o?: { restore?: boolean }): ArchiveHook;
  checkEmptyArchive(cluster: KubeObject): Promise<void>;
  restoreBaseBackup(cluster: KubeObject, instance: Instance): Promise<RecoveryPlan>;
}

export interface BackupSystem extends BackupHooks {
  start(): void;
  stop(): Promise<void>;
}

function time(d: Date | undefined): string | undefined {
  return d ? rfc3339(d) : undefined;
}

/** Retention (when a policy is set) and the recovery window CNPG reports after a backup. */
async function afterBackup(
  deps: AccessDeps,
  cluster: KubeObject,
  config: ArchiveConfig,
  at: ArchiveLocation,
) {
  const window: RecoveryWindow = config.retentionPolicy
    ? await applyRetention(at.container, at.root, config.retentionPolicy, new Date())
    : recoveryWindow(await listBackups(at.container, at.root));
  const { namespace, name } = cluster.metadata;
  if (config.method === 'plugin' && config.objectStoreName) {
    if (!deps.store.get(OBJECT_STORES, namespace, config.objectStoreName)) return;
    deps.store.patchStatus(OBJECT_STORES, namespace, config.objectStoreName, (s) => {
      const windows = (s.serverRecoveryWindow ?? {}) as Record<string, unknown>;
      windows[config.serverName] = {
        firstRecoverabilityPoint: time(window.firstRecoverabilityPoint),
        lastSuccessfulBackupTime: time(window.lastSuccessfulBackupTime),
      };
      s.serverRecoveryWindow = windows;
    });
  } else if (deps.store.get(CLUSTERS, namespace, name)) {
    deps.store.patchStatus(CLUSTERS, namespace, name, (s) => {
      const first = time(window.firstRecoverabilityPoint);
      s.firstRecoverabilityPoint = first;
      s.firstRecoverabilityPointByMethod = { barmanObjectStore: first };
    });
  }
}

export async function startBackupSystem(o: BackupSystemOptions): Promise<BackupSystem> {
  const deps: AccessDeps = { store: o.store, objectStore: o.objectStore, faults: o.faults };
  const archiver = new WalArchiver({
    ...deps,
    user: o.user,
    log: o.log,
    clusterOf: (ns, pod) => o.lookup(ns, pod)?.cluster,
    recoverySource: (cluster) => recoveryArchive(o.store, cluster),
  });
  const wal: WalService = await startWalService(archiver);
  const backups = new BackupController({
    ...deps,
    log: o.log,
    instance: (ns, pod) => o.lookup(ns, pod)?.instance,
    afterBackup: (cluster, config, at) => afterBackup(deps, cluster, config, at),
  });
  const scheduled = new ScheduledBackupController({ store: o.store, log: o.log });
  return {
    archiveHook: (ns, pod, opts) => wal.hook(ns, pod, opts),
    checkEmptyArchive: (cluster) => checkEmptyArchive(deps, cluster),
    restoreBaseBackup: (cluster, instance) => restoreBaseBackup(deps, cluster, instance),
    start: () => {
      backups.start();
      scheduled.start();
    },
    stop: async () => {
      scheduled.stop();
      await backups.stop();
      await wal.close();
    },
  };
}
