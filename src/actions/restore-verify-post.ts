// Cleanup of restore-verify's throwaway Cluster, shared by main and the post step (post-if:
// always()). Main saves the state right before it creates the Cluster, and again once it
// deleted or kept it. When main did not get there (a failure, a cancellation, a killed
// process), post connects again from the inputs (no credential is kept in the state),
// deletes the Cluster (unless keep says otherwise), waits until its pods and PVCs are gone,
// and removes the federated credential. Cleanup errors warn.
import { deleteRecoveryCluster } from '../cnpg/restore-cleanup.ts';
import type { KeepMode } from '../inputs/read-restore-verify.ts';
import { readSharedInputs } from '../inputs/read.ts';
import type { MainState } from './action.ts';
import { connect, type Connection } from './connect.ts';
import type { ActionContext } from './context.ts';

export const RESTORE_STATE = 'pgha-restore';

export interface RestoreState {
  readonly namespace: string;
  readonly name: string;
  readonly source: string;
  readonly keep: KeepMode;
  /** The federated credential ensured for the throwaway Cluster's service account. */
  readonly identity?: {
    readonly subscriptionId: string;
    readonly resourceGroup: string;
    readonly identity: string;
    readonly name: string;
  };
  /** Main deleted or kept it: nothing left for post. */
  readonly done: boolean;
}

export function saveRestoreState(ctx: ActionContext, state: RestoreState): void {
  ctx.saveState(RESTORE_STATE, JSON.stringify(state));
}

function restoreState(ctx: ActionContext): RestoreState | undefined {
  const text = ctx.getState(RESTORE_STATE);
  return text === '' ? undefined : (JSON.parse(text) as RestoreState);
}

/** Deletes the throwaway Cluster, waits until it is gone, removes the credential. */
export async function removeThrowaway(
  conn: Connection,
  ctx: ActionContext,
  state: RestoreState,
  deadline: number,
): Promise<string | undefined> {
  const outcome = await deleteRecoveryCluster(
    { http: conn.http, logger: ctx.logger, now: ctx.now, deadline },
    { namespace: state.namespace, name: state.name, source: state.source },
  );
  ctx.logger.info(
    outcome === 'deleted'
      ? `Cluster ${state.name} is gone, with its pods and PVCs`
      : `Cluster ${state.name} did not exist (any more); no pods or PVCs of it are left`,
  );
  const id = state.identity;
  if (!id) return undefined;
  if (!conn.azure) {
    ctx.logger.warning(
      `Federated credential ${id.name} of ${id.identity} stays: no Azure login to remove it`,
    );
    return undefined;
  }
  const removed = await conn.azure.arm.deleteFederatedCredential(id);
  ctx.logger.info(`Federated credential ${id.name} of ${id.identity}: ${removed}`);
  return `${id.name}: ${removed}`;
}

export async function restorePost(ctx: ActionContext, main: MainState): Promise<void> {
  const state = restoreState(ctx);
  if (!state) {
    ctx.logger.info(
      `restore-verify (main started ${main.started}) created no Cluster: nothing to clean up`,
    );
    return;
  }
  if (state.done) {
    ctx.logger.info(`Main already deleted or kept Cluster ${state.name}: nothing to clean up`);
    return;
  }
  if (state.keep !== 'never') {
    ctx.logger.info(
      `keep: ${state.keep}, and main did not finish: Cluster ${state.name} in namespace ${state.namespace} stays for inspection (kubectl delete cluster -n ${state.namespace} ${state.name} when done)`,
    );
    return;
  }
  ctx.logger.info(
    `Main did not clean up: deleting the throwaway Cluster ${state.name} in namespace ${state.namespace}`,
  );
  const inputs = readSharedInputs(ctx.getInput);
  const conn = await connect(inputs, ctx);
  await removeThrowaway(conn, ctx, state, ctx.now() + inputs.timeoutMs);
}
