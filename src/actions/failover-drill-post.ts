// The post step of failover-drill (post-if: always()). When main died mid-drill (a failure or
// a cancellation) it restores service: it waits until the Cluster is healthy again and drops
// the drill table main created. It connects again from the inputs (no credential is kept in
// the state), undoes only what main recorded, and warns instead of failing.
import { readCluster } from '../cnpg/clusters.ts';
import type { DrillState } from '../cnpg/drill.ts';
import { waitHealthy } from '../cnpg/wait.ts';
import { readSharedInputs } from '../inputs/read.ts';
import { oneLine } from '../log-safety.ts';
import { dropDrillTable, qualified } from '../postgres/drill-table.ts';
import type { MainState } from './action.ts';
import { connect } from './connect.ts';
import type { ActionContext } from './context.ts';

export const DRILL_STATE = 'pgha-drill';

function drillState(ctx: ActionContext): DrillState | undefined {
  const text = ctx.getState(DRILL_STATE);
  return text === '' ? undefined : (JSON.parse(text) as DrillState);
}

export async function drillPost(ctx: ActionContext, main: MainState): Promise<void> {
  const state = drillState(ctx);
  if (!state) {
    ctx.logger.info(
      `failover-drill (main started ${main.started}) created no drill table: nothing to put back`,
    );
    return;
  }
  const table = { schema: state.schema, name: state.table };
  if (state.done) {
    const what = state.keepTable ? 'kept, as keep-table asked' : 'dropped by main';
    ctx.logger.info(`The drill table ${qualified(table)} was ${what}: nothing to put back`);
    return;
  }
  const inputs = readSharedInputs(ctx.getInput);
  const conn = await connect(inputs, ctx);
  const { namespace, cluster: name } = state;
  ctx.logger.info(`Main stopped mid-drill: waiting until Cluster ${name} is healthy again`);
  try {
    const deadline = ctx.now() + inputs.timeoutMs;
    const healthy = await waitHealthy(conn.http, {
      namespace,
      name,
      deadline,
      logger: ctx.logger,
      now: ctx.now,
    });
    ctx.logger.info(
      `Cluster ${name} is healthy; primary ${oneLine(healthy.status?.currentPrimary ?? '?')}`,
    );
  } catch (error) {
    ctx.logger.warning(
      `Cluster ${name} did not become healthy: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (state.keepTable) {
    ctx.logger.info(`keep-table: the drill table ${qualified(table)} stays`);
    return;
  }
  const primary = (await readCluster(conn.http, namespace, name)).status?.currentPrimary ?? '';
  await dropDrillTable(
    conn.config.kc,
    { namespace, pod: primary, database: state.database },
    table,
  );
  ctx.logger.info(`Dropped the drill table ${qualified(table)} on ${oneLine(primary)}`);
}
