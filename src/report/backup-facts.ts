// What a backup run found out and did, filled in as it goes; the job summary is built from it.
import type { Condition, WalProof } from '../cnpg/archiving.ts';
import type { ArchiveContext } from '../cnpg/archiving-report.ts';
import type { BackupConfig } from '../cnpg/backup-config.ts';
import type { BackupReport } from '../cnpg/backup-take.ts';
import type { Freshness } from '../cnpg/freshness.ts';
import type { RecoveryWindow } from '../cnpg/recovery-window.ts';
import type { ScheduleReport } from '../cnpg/schedules.ts';
import type { BackupInputs } from '../inputs/read-backup.ts';
import type { ArchiverStatus } from '../postgres/archiver.ts';

export interface BackupFacts {
  readonly inputs: BackupInputs;
  readonly server: string;
  readonly config: BackupConfig;
  readonly primary: string;
  readonly where: ArchiveContext;
  readonly condition: Condition;
  readonly archiver: ArchiverStatus;
  readonly proof: WalProof;
  readonly backup: BackupReport;
  readonly window: RecoveryWindow;
  readonly freshness: Freshness;
  readonly schedules: readonly ScheduleReport[];
  readonly requests: number;
}
