// REST paths of the kinds pgha writes. A fixed table instead of discovery: pgha knows what it
// renders, and one fewer round trip per kind keeps a deploy within its request budget.

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    managedFields?: unknown[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

const PLURALS: Readonly<Record<string, string>> = {
  Namespace: 'namespaces',
  Secret: 'secrets',
  ConfigMap: 'configmaps',
  Service: 'services',
  ServiceAccount: 'serviceaccounts',
  Pod: 'pods',
  Event: 'events',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  Cluster: 'clusters',
  Backup: 'backups',
  ScheduledBackup: 'scheduledbackups',
  Pooler: 'poolers',
  ObjectStore: 'objectstores',
  PodMonitor: 'podmonitors',
};

const CLUSTER_SCOPED = new Set(['Namespace']);

/** /api/v1 or /apis/<group>/<version>. */
export function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/** Collection path of a kind in a namespace (or cluster-wide for Namespace). */
export function collectionPath(apiVersion: string, kind: string, namespace?: string): string {
  const plural = PLURALS[kind];
  if (!plural) throw new Error(`pgha does not know the REST path of kind ${kind}`);
  const scope = CLUSTER_SCOPED.has(kind) || !namespace ? '' : `/namespaces/${namespace}`;
  return `${groupVersionPath(apiVersion)}${scope}/${plural}`;
}

export function objectPath(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  const base = collectionPath(obj.apiVersion, obj.kind, obj.metadata.namespace);
  return `${base}/${encodeURIComponent(obj.metadata.name)}`;
}

export function describeObject(obj: Pick<KubeObject, 'kind' | 'metadata'>): string {
  return `${obj.kind} ${obj.metadata.name}`;
}

export const CNPG_CLUSTER = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' } as const;
