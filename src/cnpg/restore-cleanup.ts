// Deleting restore-verify's throwaway Cluster and waiting until it is really gone, with its
// pods and PVCs (deletion.ts). Only a Cluster that pgha labelled as this source's
// restore-verify Cluster is deleted.
import { ConfigurationError } from '../errors.ts';
import { readObject, type ObjectRef } from '../kube/read.ts';
import { CNPG_CLUSTER } from '../kube/resources.ts';
import { deleteAll, type DeletionDeps } from './deletion.ts';
import { CLUSTER_LABEL, ROLE_LABEL } from './objects.ts';

export interface CleanupTarget {
  readonly namespace: string;
  readonly name: string;
  /** The source cluster the labels must name. */
  readonly source: string;
}

export type CleanupDeps = Omit<DeletionDeps, 'wait'>;

/** Deletes the Cluster (absent is fine) and waits until its pods and PVCs are gone. */
export async function deleteRecoveryCluster(
  d: CleanupDeps,
  t: CleanupTarget,
): Promise<'deleted' | 'absent'> {
  const ref: ObjectRef = { ...CNPG_CLUSTER, namespace: t.namespace, name: t.name };
  const live = await readObject(d.http, ref);
  const labels = live?.metadata.labels ?? {};
  if (live && (labels[ROLE_LABEL] !== 'restore-verify' || labels[CLUSTER_LABEL] !== t.source))
    throw new ConfigurationError(
      `Cluster ${t.name} in namespace ${t.namespace} is not labelled as restore-verify's throwaway Cluster of ${t.source}: pgha leaves it alone`,
    );
  if (live)
    d.logger.info(
      `Deleting Cluster ${t.name} in namespace ${t.namespace}; waiting until its pods and PVCs are gone`,
    );
  const [done] = await deleteAll({ ...d, wait: true }, [ref]);
  return done?.outcome === 'deleted' ? 'deleted' : 'absent';
}
