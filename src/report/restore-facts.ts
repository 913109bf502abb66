// What a restore-verify run found, recorded as it goes; the summary, the JSON evidence and the
// issue are built from it.
import type { IdentityTrust } from '../azure/identity-trust.ts';
import type { WalProof } from '../cnpg/archiving.ts';
import type { ChosenBackup } from '../cnpg/restore-source.ts';
import type { RestoreVerifyInputs } from '../inputs/read-restore-verify.ts';
import type { AmcheckResult } from '../postgres/amcheck.ts';
import type { Markers } from '../postgres/markers.ts';
import type { CheckResult } from '../postgres/restore-checks.ts';

export interface SourceFacts {
  readonly method: 'plugin' | 'in-core';
  /** ObjectStore <name> or the in-core destination (no secrets). */
  readonly store: string;
  readonly serverName: string;
  readonly primary: string;
  readonly database: string;
}

export interface RecoveryFacts {
  readonly name: string;
  readonly namespace: string;
  /** The step's clock, ms. */
  readonly createdAt: number;
  readonly healthyAt?: number;
  /** The Cluster's own creationTimestamp. */
  readonly creationTimestamp?: string;
  readonly primary?: string;
  readonly timeline?: number;
}

export type CleanupAction = 'deleted' | 'kept' | 'left to the post step' | 'failed';

export interface CleanupFacts {
  readonly action: CleanupAction;
  readonly reason: string;
  readonly ms?: number;
  readonly error?: string;
  readonly identity?: string;
}

export interface IssueFacts {
  readonly action: 'opened' | 'commented' | 'closed' | 'none';
  readonly url?: string;
  readonly error?: string;
}

/** Instants of the run, ms since the epoch (step clock, or server clock where said). */
export interface RestoreTimes {
  start?: number;
  markersWritten?: number;
  archived?: number;
  created?: number;
  healthy?: number;
  checksStart?: number;
  checksEnd?: number;
  cleanupStart?: number;
  cleanupEnd?: number;
  end?: number;
}

export interface RestoreFacts {
  readonly inputs: RestoreVerifyInputs;
  readonly reportPath: string;
  readonly server: string;
  readonly source: SourceFacts;
  readonly backup: ChosenBackup;
  /** The recovery target as given to CNPG (targetTime), if any. */
  readonly targetTime: string;
  /** Which proof the run makes, in words. */
  readonly proof: string;
  readonly markers: Markers;
  readonly walProof: WalProof;
  readonly recovery: RecoveryFacts;
  readonly identity: IdentityTrust;
  /** The federated credential to remove afterwards. */
  readonly credential: {
    readonly subscriptionId: string;
    readonly resourceGroup: string;
    readonly identity: string;
    readonly name: string;
  };
  /** The LSN where the restored server's new timeline begins. */
  readonly recoveredTo: string;
  /** Why recovery stopped there, in PostgreSQL's words (timeline history file). */
  readonly recoveryReason: string;
  readonly checks: readonly CheckResult[];
  readonly amcheck: AmcheckResult;
  readonly verifyExit: number;
  readonly cleanup: CleanupFacts;
  readonly issue: IssueFacts;
  readonly times: RestoreTimes;
  readonly outcome: 'passed' | 'failed';
}
