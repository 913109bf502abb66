// Putting the primary back where it was after a drill: once the original instance streams from
// the new primary again (it was re-created and rejoined), a switchover to it as
// `kubectl cnpg promote` makes it, then a wait until it is the healthy Cluster's primary.
import type { KubeConfig } from '@kubernetes/client-node';
import { DiagnosedError } from '../errors.ts';
import type { KubeHttp } from '../kube/http.ts';
import { oneLine } from '../log-safety.ts';
import type { Logger } from '../logging.ts';
import { readReplication } from '../postgres/replication.ts';
import { gatherDiagnostics } from './diagnostics.ts';
import { isHealthy } from './health.ts';
import { TrackerTimeout, type PrimaryTracker } from './primary-tracker.ts';
import { promote } from './switchover.ts';

export interface SwitchBackDeps {
  readonly http: KubeHttp;
  readonly kc: KubeConfig;
  readonly namespace: string;
  readonly cluster: string;
  readonly tracker: PrimaryTracker;
  readonly deadline: number;
  readonly now: () => number;
  readonly logger: Logger;
  readonly pause: (ms: number) => Promise<void>;
}

/** Waits until `standby` streams from `primary` (pg_stat_replication on the primary). */
async function untilStreaming(d: SwitchBackDeps, primary: string, standby: string): Promise<void> {
  for (;;) {
    const { standbys } = await readReplication(d.kc, { namespace: d.namespace, pod: primary });
    const state = standbys.find((s) => s.name === standby)?.state;
    if (state === 'streaming') return;
    if (d.now() >= d.deadline)
      throw new Error(`${standby} did not stream from ${primary} in time (input 'timeout')`);
    await d.pause(1000);
  }
}

/** Switches over to original; the instants it started and ended. */
export async function switchBack(
  d: SwitchBackDeps,
  original: string,
): Promise<{ readonly start: number; readonly end: number }> {
  const current = d.tracker.view.cluster?.status?.currentPrimary ?? '';
  await untilStreaming(d, current, original);
  const promoted = await promote(
    d.http,
    { namespace: d.namespace, cluster: d.cluster },
    original,
    d.now,
  );
  d.logger.info(`Switching over from ${oneLine(current)} back to ${original}`);
  try {
    const end = await d.tracker.until(
      `${original} to be the primary of a healthy Cluster`,
      d.deadline,
      (v) =>
        isHealthy(v.cluster) && v.cluster?.status?.currentPrimary === original
          ? d.now()
          : undefined,
    );
    return { start: promoted.at, end };
  } catch (error) {
    if (!(error instanceof TrackerTimeout)) throw error;
    const diagnostics = await gatherDiagnostics(d.http, d.namespace, d.cluster, error.view.cluster);
    throw new DiagnosedError(`${error.message} (input 'timeout')`, diagnostics, { cause: error });
  }
}
