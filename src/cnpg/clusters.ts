// Reading a CNPG Cluster by name. A missing one is the user's mistake (a wrong cluster-name or
// namespace), so the error says which namespaces do have a Cluster of that name.
import { ConfigurationError } from '../errors.ts';
import { KubeApiError } from '../kube/errors.ts';
import type { KubeHttp } from '../kube/http.ts';
import { CNPG_CLUSTER, collectionPath, type KubeObject } from '../kube/resources.ts';
import type { ClusterView } from './health.ts';

export type ClusterObject = ClusterView & KubeObject;

export async function readCluster(
  http: KubeHttp,
  namespace: string,
  name: string,
): Promise<ClusterObject> {
  const path = `${collectionPath(CNPG_CLUSTER.apiVersion, CNPG_CLUSTER.kind, namespace)}/${name}`;
  const { status, body } = await http.json<ClusterObject | undefined>({
    method: 'GET',
    path,
    allowNotFound: true,
    context: `reading Cluster ${name} in namespace ${namespace}`,
  });
  if (status !== 404 && body) return body;
  throw new ConfigurationError(
    `input 'cluster-name': there is no CNPG Cluster ${name} in namespace ${namespace}; ${await elsewhere(http, name)} (example: cluster-name: pg-orders with namespace: cnpg-database)`,
  );
}

/** Where else a Cluster of that name lives, as far as the identity may list. */
async function elsewhere(http: KubeHttp, name: string): Promise<string> {
  try {
    const { body } = await http.json<{ items: KubeObject[] }>({
      method: 'GET',
      path: collectionPath(CNPG_CLUSTER.apiVersion, CNPG_CLUSTER.kind),
      query: { fieldSelector: `metadata.name=${name}` },
      context: `looking for Clusters named ${name} in every namespace`,
    });
    const namespaces = body.items
      .map((c) => c.metadata.namespace ?? '')
      .filter(Boolean)
      .sort();
    return namespaces.length > 0
      ? `a Cluster of that name exists in namespace ${namespaces.join(', ')}: set input 'namespace'`
      : 'no namespace has a Cluster of that name';
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 403)
      return 'the identity may not list Clusters in other namespaces to look for it';
    throw error;
  }
}

/**
 * The pod that is primary as the Cluster reports it (status.currentPrimary, written by the
 * instance that promoted), and whether a failover or switchover is under way (targetPrimary
 * differs, or is `pending`).
 */
export function primaryOf(cluster: ClusterView): { primary?: string; switching: boolean } {
  const s = cluster.status;
  const switching = s?.targetPrimary !== undefined && s.targetPrimary !== s.currentPrimary;
  return { ...(s?.currentPrimary ? { primary: s.currentPrimary } : {}), switching };
}
