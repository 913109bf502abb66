// What a teardown run found and did, filled in as it goes; the job summary is built from it.
import type { Kept } from '../cnpg/teardown-plan.ts';
import type { Deletion } from '../cnpg/deletion.ts';
import type { TeardownInputs } from '../inputs/read-teardown.ts';

export interface BackupDataReport {
  /** <destination>/<serverName>/ */
  readonly location: string;
  readonly files: number;
  readonly bytes: number;
  readonly seconds: number;
}

export interface CredentialReport {
  readonly name: string;
  readonly identity: string;
  readonly outcome: 'deleted' | 'absent';
}

export interface TeardownFacts {
  readonly inputs: TeardownInputs;
  readonly server: string;
  /** The Cluster existed when the run began, and whether pgha had deployed it. */
  readonly cluster: { readonly existed: boolean; readonly owned: boolean };
  readonly deletions: readonly Deletion[];
  readonly kept: readonly Kept[];
  readonly data: BackupDataReport;
  readonly credentials: readonly CredentialReport[];
  /** When the run began (ms since the epoch). */
  readonly started: number;
  readonly seconds: number;
}
