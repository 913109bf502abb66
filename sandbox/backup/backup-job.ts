// What a backup run works with, and the steps the in-core and plugin paths share: the base
// backup itself (barman-cloud-backup) and the recovery window after it.
import type { KubeObject } from '../kube/types.ts';
import type { SandboxTimings } from '../timings.ts';
import type { AccessDeps, ArchiveLocation } from './access.ts';
import type { BackupInfo } from './backup-info.ts';
import type { BackupTarget, InstanceLookup } from './backup-target.ts';
import { uploadBaseBackup } from './base-backup.ts';
import { listBackups } from './catalog.ts';
import type { ArchiveConfig } from './config.ts';
import { backupIdAt } from './layout.ts';
import { applyRetention, recoveryWindow } from './retention.ts';
import type { RecoveryWindow } from './retention.ts';

export interface BackupRunDeps extends AccessDeps {
  log: (line: string) => void;
  instance: InstanceLookup;
  timings: Readonly<SandboxTimings>;
  /** Aborted when the sandbox stops: waits end, a waiting pg_backup_stop is cancelled. */
  signal: AbortSignal;
}

/** True once the sandbox is stopping (a function, so that checks are not narrowed away). */
export function stopping(deps: BackupRunDeps): boolean {
  return deps.signal.aborted;
}

/** What one backup run works with. */
export interface BackupJob {
  deps: BackupRunDeps;
  backup: KubeObject;
  cluster: KubeObject;
  config: ArchiveConfig;
  target: BackupTarget;
}

/** CNPG's backup name: backup-<YYYYMMDDHHMMSS> of the instance manager's clock (ToCompactISO8601). */
export function backupNameAt(date: Date): string {
  return `backup-${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}`;
}

/** barman-cloud-backup: the base backup and backup.info (faults.failingBackups fails it). */
export async function takeBaseBackup(
  job: BackupJob,
  at: ArchiveLocation,
  backupName: string,
): Promise<BackupInfo> {
  const failing = job.deps.faults.get().failingBackups;
  if (failing.includes('*') || failing.includes(job.backup.metadata.name))
    throw new Error(
      'barman-cloud-backup: uploading data.tar failed (injected: faults.failingBackups)',
    );
  return uploadBaseBackup({
    instance: job.target.instance,
    primary: job.target.primary,
    at,
    backupId: backupIdAt(new Date()),
    backupName,
    signal: job.deps.signal,
  });
}

/** Retention when a policy is set, then the window the catalog gives (backup maintenance). */
export async function windowAfterBackup(at: ArchiveLocation): Promise<RecoveryWindow> {
  const policy = at.config.retentionPolicy;
  return policy
    ? applyRetention(at.store, at.root, policy, new Date())
    : recoveryWindow(await listBackups(at.store, at.root));
}
