// The fault of a drill. kill: DELETE of the primary's pod with DeleteOptions as `kubectl delete
// pod` sends them (gracePeriodSeconds 1 or 0, none for the pod's own period) and a uid
// precondition, so that only the pod that was the primary is deleted; the Endpoints drop it at
// once and the operator fails over. switchover: `kubectl cnpg promote` (switchover.ts). The
// instant is stamped by pgha just before the request is sent.
import type { GracePeriod } from '../inputs/read-failover-drill.ts';
import type { KubeHttp } from '../kube/http.ts';
import { promote } from './switchover.ts';

export interface FaultResult {
  /** Stamped just before the request went out. */
  readonly at: number;
  /** When the API server had answered. */
  readonly answeredAt: number;
  readonly description: string;
}

export function deleteOptions(grace: GracePeriod, uid?: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'DeleteOptions',
    ...(grace === 'default' ? {} : { gracePeriodSeconds: grace }),
    ...(uid ? { preconditions: { uid } } : {}),
  };
}

export async function deletePod(
  http: KubeHttp,
  pod: { readonly namespace: string; readonly name: string; readonly uid?: string },
  grace: GracePeriod,
  now: () => number,
): Promise<FaultResult> {
  const at = now();
  await http.json({
    method: 'DELETE',
    path: `/api/v1/namespaces/${pod.namespace}/pods/${pod.name}`,
    body: deleteOptions(grace, pod.uid),
    context: `deleting the primary's pod ${pod.name}`,
  });
  const how = grace === 'default' ? "the pod's own grace period" : `grace period ${grace} s`;
  return { at, answeredAt: now(), description: `deleted pod ${pod.name} (${how})` };
}

export async function switchOver(
  http: KubeHttp,
  where: { readonly namespace: string; readonly cluster: string },
  target: string,
  now: () => number,
): Promise<FaultResult> {
  const promoted = await promote(http, where, target, now);
  if (promoted.outcome === 'already-target')
    throw new Error(`${target} is already the target primary of Cluster ${where.cluster}`);
  return {
    at: promoted.at,
    answeredAt: now(),
    description: `promoted ${target} (as kubectl cnpg promote)`,
  };
}
