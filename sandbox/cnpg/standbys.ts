// Keeps running standbys attached to the current primary: re-points one whose link leads to
// another server (or whose primary_conninfo does not name its link), and re-clones one that
// has not streamed for a while although the primary runs (e.g. it cannot follow the new
// timeline).
import { followPrimary, followedPort, standbyConninfo } from '../postgres/replication.ts';
import { primaryRuntime, replicaRuntimes } from './runtime.ts';
import type { ClusterRuntime, ControllerContext, InstanceRuntime } from './runtime.ts';

/** How long a standby may go without streaming before it is rebuilt. */
export const STREAMING_GRACE_MS = 20_000;

interface ReceiverRow extends Record<string, unknown> {
  conninfo: string;
  streaming: boolean;
}

async function receiverState(inst: InstanceRuntime): Promise<ReceiverRow | undefined> {
  const rows = await inst.instance
    .query<ReceiverRow>(
      `SELECT current_setting('primary_conninfo') AS conninfo,
         EXISTS (SELECT FROM pg_stat_wal_receiver WHERE status = 'streaming') AS streaming`,
    )
    .catch(() => []);
  return rows[0];
}

export async function reconcileStandbys(ctx: ControllerContext, rt: ClusterRuntime): Promise<void> {
  const primary = primaryRuntime(rt);
  if (!primary?.instance.running) return;
  for (const standby of replicaRuntimes(rt)) {
    if (!standby.instance.running || standby.needsClone) continue;
    const state = await receiverState(standby);
    if (!state) continue;
    const following = await followedPort(standby.instance);
    const conninfo = await standbyConninfo(standby.instance);
    if (state.conninfo !== conninfo || following !== primary.instance.port) {
      ctx.log(`${rt.namespace}/${standby.name}: re-pointing at ${primary.name}`);
      await followPrimary(standby.instance, primary.instance);
      standby.notStreamingSince = undefined;
      continue;
    }
    if (state.streaming) {
      standby.notStreamingSince = undefined;
    } else if (standby.notStreamingSince === undefined) {
      standby.notStreamingSince = Date.now();
    } else if (Date.now() - standby.notStreamingSince > STREAMING_GRACE_MS) {
      ctx.log(
        `${rt.namespace}/${standby.name}: not streaming for ${STREAMING_GRACE_MS} ms, re-cloning`,
      );
      standby.needsClone = true;
      standby.notStreamingSince = undefined;
    }
  }
}
