// Part 2 of the sandbox: WAL archiving, Backups, ScheduledBackups, retention and recovery on
// Azurite (Azure Blob destinations) or the S3 service (s3:// destinations). The CNPG emulation calls the hooks (archive_command, the recovery job's
// empty-archive check and base backup restore); the Backup and ScheduledBackup controllers
// watch the Store.
import type { BackupHooks, InstanceOwner } from '../cnpg/backup-hooks.ts';
import type { Faults } from '../faults.ts';
import type { Store } from '../kube/types.ts';
import type { ObjectStore } from '../objectstore/azurite.ts';
import type { S3Service } from '../objectstore/s3.ts';
import type { SandboxTimings } from '../timings.ts';
import type { ServerUser } from '../users.ts';
import type { AccessDeps } from './access.ts';
import { WalArchiver } from './archiver.ts';
import { BackupController } from './backups.ts';
import { recoveryArchive } from './config.ts';
import { checkEmptyArchive, restoreBaseBackup } from './recovery.ts';
import { ScheduledBackupController } from './scheduled.ts';
import { startWalService } from './wal-service.ts';
import type { WalService } from './wal-service.ts';

export interface BackupSystemOptions {
  store: Store;
  objectStore: ObjectStore | undefined;
  s3: S3Service | undefined;
  faults: Faults;
  user: ServerUser | undefined;
  log: (line: string) => void;
  /** The operator's bookkeeping: which Cluster and server an instance pod is. */
  lookup: (namespace: string, pod: string) => InstanceOwner | undefined;
  timings: Readonly<SandboxTimings>;
}

export interface BackupSystem extends BackupHooks {
  start(): void;
  stop(): Promise<void>;
}

export async function startBackupSystem(o: BackupSystemOptions): Promise<BackupSystem> {
  const deps: AccessDeps = {
    store: o.store,
    objectStore: o.objectStore,
    s3: o.s3,
    faults: o.faults,
  };
  const archiver = new WalArchiver({
    ...deps,
    user: o.user,
    log: o.log,
    clusterOf: (ns, pod) => {
      const owner = o.lookup(ns, pod);
      return (
        owner && { name: owner.cluster, ...(owner.lastSeen ? { cached: owner.lastSeen } : {}) }
      );
    },
    dataDirOf: (ns, pod) => o.lookup(ns, pod)?.instance.dataDir,
    recoverySource: (cluster) => recoveryArchive(o.store, cluster),
  });
  const wal: WalService = await startWalService(archiver);
  const backups = new BackupController({
    ...deps,
    log: o.log,
    instance: (ns, pod) => o.lookup(ns, pod)?.instance,
    timings: o.timings,
  });
  const scheduled = new ScheduledBackupController({ store: o.store, log: o.log });
  return {
    archiveHook: (ns, pod, opts) => wal.hook(ns, pod, opts),
    checkEmptyArchive: (cluster) => checkEmptyArchive(deps, cluster, o.log),
    restoreBaseBackup: (cluster, instance, log) => restoreBaseBackup(deps, cluster, instance, log),
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
