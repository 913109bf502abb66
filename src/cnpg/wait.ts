// Waiting until a CNPG Cluster is healthy: a watch on the Cluster with a progress line for
// each phase change, ready instance and new primary; on timeout, the diagnostics of what is
// still wrong (phase, conditions, pods, events) in a DiagnosedError.
import { DiagnosedError } from '../errors.ts';
import type { Logger } from '../logging.ts';
import type { KubeHttp } from '../kube/http.ts';
import { CNPG_CLUSTER, collectionPath, type KubeObject } from '../kube/resources.ts';
import { WatchTimeout, waitFor } from '../kube/watch.ts';
import { gatherDiagnostics } from './diagnostics.ts';
import { HEALTHY_PHASE, ProgressTracker, isHealthy, type ClusterView } from './health.ts';

export type HealthyCluster = ClusterView & KubeObject;

export interface WaitHealthyOptions {
  readonly namespace: string;
  readonly name: string;
  /** Absolute deadline, ms since the epoch. */
  readonly deadline: number;
  readonly logger: Logger;
  readonly now: () => number;
}

export async function waitHealthy(http: KubeHttp, o: WaitHealthyOptions): Promise<HealthyCluster> {
  const progress = new ProgressTracker();
  const started = o.now();
  try {
    return await waitFor(
      http,
      {
        collection: collectionPath(CNPG_CLUSTER.apiVersion, CNPG_CLUSTER.kind, o.namespace),
        name: o.name,
        what: `Cluster ${o.name} to be healthy`,
      },
      {
        deadline: o.deadline,
        now: o.now,
        check: (obj) => {
          const view: HealthyCluster | undefined = obj;
          for (const line of progress.update(view)) o.logger.info(line);
          return isHealthy(view) ? view : undefined;
        },
        onReconnect: (reason) => {
          o.logger.info(`Watch interrupted (${reason}); resuming`);
        },
      },
    );
  } catch (error) {
    if (!(error instanceof WatchTimeout)) throw error;
    const wanted = (error.last as ClusterView | undefined)?.spec?.instances;
    const diagnostics = await gatherDiagnostics(http, o.namespace, o.name, error.last);
    throw new DiagnosedError(
      `Cluster ${o.name} did not reach '${HEALTHY_PHASE}'${wanted === undefined ? '' : ` with ${wanted} ready instances`} within ${Math.round((o.now() - started) / 1000)} s (input 'timeout')`,
      diagnostics,
      { cause: error },
    );
  }
}
