// A switchover as `kubectl cnpg promote CLUSTER INSTANCE` makes it (internal/cmd/plugin/
// promote/promote.go): nothing to do when the instance is already the target primary; the Pod
// must exist; then a JSON merge patch of the Cluster's status subresource, with the
// resourceVersion read just before (optimistic lock, retried on conflict), that sets
// targetPrimary, targetPrimaryTimestamp (RFC3339Micro), phase `Switchover in progress`,
// phaseReason `Switching over to <pod>` and the Ready condition derived from that phase
// (pkg/resources/status/patch.go, transactions.go). The operator and the instance managers
// do the rest: the old primary shuts down, the target promotes.
import { ConfigurationError } from '../errors.ts';
import { KubeApiError } from '../kube/errors.ts';
import type { KubeHttp } from '../kube/http.ts';
import { CNPG_CLUSTER, collectionPath } from '../kube/resources.ts';
import { readCluster, type ClusterObject } from './clusters.ts';

export const SWITCHOVER_PHASE = 'Switchover in progress';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/** metav1 RFC3339Micro of an instant, in UTC. */
export function rfc3339Micro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** meta.SetStatusCondition of Ready=False/ClusterIsNotReady, as SetClusterReadyCondition. */
export function notReadyConditions(conditions: readonly Condition[] | undefined, now: number) {
  const list = [...(conditions ?? [])];
  const at = list.findIndex((c) => c.type === 'Ready');
  const old = at >= 0 ? list[at] : undefined;
  const next: Condition = {
    type: 'Ready',
    status: 'False',
    reason: 'ClusterIsNotReady',
    message: 'Cluster Is Not Ready',
    lastTransitionTime:
      old?.status === 'False' && old.lastTransitionTime
        ? old.lastTransitionTime
        : new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  if (at >= 0) list[at] = next;
  else list.push(next);
  return list;
}

export function promotePatch(cluster: ClusterObject, target: string, now: number) {
  return {
    metadata: { resourceVersion: cluster.metadata.resourceVersion },
    status: {
      targetPrimary: target,
      targetPrimaryTimestamp: rfc3339Micro(now),
      phase: SWITCHOVER_PHASE,
      phaseReason: `Switching over to ${target}`,
      conditions: notReadyConditions(cluster.status?.conditions, now),
    },
  };
}

async function podExists(http: KubeHttp, namespace: string, pod: string): Promise<boolean> {
  const { status } = await http.json({
    method: 'GET',
    path: `/api/v1/namespaces/${namespace}/pods/${pod}`,
    allowNotFound: true,
    context: `reading pod ${pod}`,
  });
  return status !== 404;
}

export interface Promoted {
  readonly outcome: 'promoted' | 'already-target';
  /** When the patch was sent (its targetPrimaryTimestamp): the fault instant of a drill. */
  readonly at: number;
}

export async function promote(
  http: KubeHttp,
  where: { readonly namespace: string; readonly cluster: string },
  target: string,
  now: () => number,
): Promise<Promoted> {
  const { namespace, cluster: name } = where;
  const path = `${collectionPath(CNPG_CLUSTER.apiVersion, CNPG_CLUSTER.kind, namespace)}/${name}/status`;
  for (let attempt = 1; ; attempt++) {
    const cluster = await readCluster(http, namespace, name);
    if (cluster.status?.targetPrimary === target) return { outcome: 'already-target', at: now() };
    if (!(await podExists(http, namespace, target)))
      throw new ConfigurationError(
        `input 'target': there is no pod ${target} in namespace ${namespace} to promote (example: target: ${name}-2)`,
      );
    const at = now();
    try {
      await http.json({
        method: 'PATCH',
        path,
        body: promotePatch(cluster, target, at),
        contentType: 'application/merge-patch+json',
        context: `promoting ${target} in Cluster ${name}`,
      });
      return { outcome: 'promoted', at };
    } catch (error) {
      if (!(error instanceof KubeApiError && error.status === 409) || attempt >= 5) throw error;
    }
  }
}
