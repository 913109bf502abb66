// What a deploy run finds out and does, recorded on its step as it goes; the summaries are
// built from it.
import type { IdentityTrust } from '../azure/identity-trust.ts';
import type { BackupChoice } from '../cnpg/backup-method.ts';
import type { Instance } from '../cnpg/instances.ts';
import type { Rendered } from '../cnpg/render.ts';
import type { DeployInputs } from '../inputs/types.ts';
import type { ApplyResult } from '../kube/apply.ts';
import type { EnsureAction } from '../kube/ensure.ts';

/** What a deploy run found out and did, filled in as it goes. */
export interface DeployFacts {
  readonly inputs: DeployInputs;
  readonly backup: BackupChoice;
  readonly rendered: Rendered;
  readonly file: string;
  readonly server: string;
  readonly namespace: EnsureAction;
  readonly secret: EnsureAction;
  readonly results: readonly ApplyResult[];
  readonly identity: IdentityTrust;
  readonly pods: readonly Instance[];
  readonly primary: string;
  readonly readySeconds: number;
  readonly requests: number;
}
