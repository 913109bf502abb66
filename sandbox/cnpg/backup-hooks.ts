// What the CNPG emulation asks of the backup system (sandbox/backup/), declared on the CNPG
// side so that the dependency runs one way: backup/ implements these, cnpg/ only calls them.
import type { BackupInfo } from '../backup/backup-info.ts';
import type { KubeObject } from '../kube/types.ts';
import type { ArchiveHook } from '../postgres/config.ts';
import type { Instance } from '../postgres/instance.ts';

/** Which Cluster and server an instance pod is: the operator's bookkeeping. */
export interface InstanceOwner {
  cluster: string;
  instance: Instance;
  /** The instance manager's cached Cluster (ClusterRuntime.lastSeen). */
  lastSeen?: KubeObject;
}

/** The recovery job's log: a message and its fields, as the instance manager logs them. */
export type RecoveryLog = (msg: string, fields?: Record<string, unknown>) => void;

/** The backup a recovery restores and PostgreSQL's recovery settings for its target. */
export interface RecoveryPlan {
  backup: BackupInfo;
  settings: Record<string, string>;
}

export interface BackupHooks {
  archiveHook(namespace: string, pod: string, o?: { restore?: boolean }): ArchiveHook;
  /** The recovery job's check that the new Cluster archives into empty places. */
  checkEmptyArchive(cluster: KubeObject): Promise<void>;
  restoreBaseBackup(
    cluster: KubeObject,
    instance: Instance,
    log: RecoveryLog,
  ): Promise<RecoveryPlan>;
}
