// Deleting restore-verify's throwaway Cluster and waiting until it is really gone: the
// Cluster, then every pod (instances and Job pods) and PVC labelled cnpg.io/cluster=<name>
// (on a real cluster PVCs linger behind pvc-protection until their pods are gone). Only a
// Cluster that pgha labelled as this source's restore-verify Cluster is deleted.
import { ConfigurationError } from '../errors.ts';
import type { KubeHttp } from '../kube/http.ts';
import { CNPG_CLUSTER, collectionPath, type KubeObject } from '../kube/resources.ts';
import type { Logger } from '../logging.ts';

export interface CleanupTarget {
  readonly namespace: string;
  readonly name: string;
  /** The source cluster the labels must name. */
  readonly source: string;
}

export interface CleanupDeps {
  readonly http: KubeHttp;
  readonly logger: Logger;
  readonly now: () => number;
  readonly deadline: number;
}

const POLL_MS = 250;

/** The pods (instances and Job pods) and PVCs of a Cluster still there, as pod/<name>, pvc/<name>. */
export async function clusterLeftovers(
  http: KubeHttp,
  t: { readonly namespace: string; readonly name: string },
): Promise<string[]> {
  const query = { labelSelector: `cnpg.io/cluster=${t.name}` };
  const list = async (plural: string) =>
    (
      await http.json<{ items: KubeObject[] }>({
        method: 'GET',
        path: `/api/v1/namespaces/${t.namespace}/${plural}`,
        query,
        context: `listing the ${plural} of ${t.name}`,
      })
    ).body.items;
  const [pods, pvcs] = await Promise.all([list('pods'), list('persistentvolumeclaims')]);
  return [
    ...pods.map((p) => `pod/${p.metadata.name}`),
    ...pvcs.map((p) => `pvc/${p.metadata.name}`),
  ];
}

/** Deletes the Cluster (absent is fine) and waits until its pods and PVCs are gone. */
export async function deleteRecoveryCluster(
  d: CleanupDeps,
  t: CleanupTarget,
): Promise<'deleted' | 'absent'> {
  const path = `${collectionPath(CNPG_CLUSTER.apiVersion, CNPG_CLUSTER.kind, t.namespace)}/${t.name}`;
  const { status, body } = await d.http.json<KubeObject | undefined>({
    method: 'GET',
    path,
    allowNotFound: true,
    context: `reading Cluster ${t.name}`,
  });
  let outcome: 'deleted' | 'absent' = 'absent';
  if (status !== 404 && body) {
    const labels = body.metadata.labels ?? {};
    if (labels['pgha.io/role'] !== 'restore-verify' || labels['pgha.io/cluster'] !== t.source)
      throw new ConfigurationError(
        `Cluster ${t.name} in namespace ${t.namespace} is not labelled as restore-verify's throwaway Cluster of ${t.source}: pgha leaves it alone`,
      );
    await d.http.json({
      method: 'DELETE',
      path,
      body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
      allowNotFound: true,
      context: `deleting Cluster ${t.name}`,
    });
    d.logger.info(
      `Deleted Cluster ${t.name} in namespace ${t.namespace}; waiting until its pods and PVCs are gone`,
    );
    outcome = 'deleted';
  }
  let left = await clusterLeftovers(d.http, t);
  while (left.length > 0) {
    if (d.now() >= d.deadline)
      throw new Error(`Cluster ${t.name}: still there after the deadline: ${left.join(', ')}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
    left = await clusterLeftovers(d.http, t);
  }
  return outcome;
}
