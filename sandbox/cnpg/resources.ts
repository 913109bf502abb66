// Resource types, names, labels and the exact strings CNPG v1.30 writes (reference:
// shared/reference/cnpg/facts.md §1 phases and conditions, §6 pods, labels, services).
import type { KubeObject, OwnerReference, ResourceRef } from '../kube/types.ts';

export const CLUSTERS: ResourceRef = {
  group: 'postgresql.cnpg.io',
  version: 'v1',
  plural: 'clusters',
};
export const PODS: ResourceRef = { group: '', version: 'v1', plural: 'pods' };
export const SERVICES: ResourceRef = { group: '', version: 'v1', plural: 'services' };
export const SECRETS: ResourceRef = { group: '', version: 'v1', plural: 'secrets' };
export const SERVICE_ACCOUNTS: ResourceRef = {
  group: '',
  version: 'v1',
  plural: 'serviceaccounts',
};
export const PVCS: ResourceRef = { group: '', version: 'v1', plural: 'persistentvolumeclaims' };
export const EVENTS: ResourceRef = { group: '', version: 'v1', plural: 'events' };
export const ENDPOINTS: ResourceRef = { group: '', version: 'v1', plural: 'endpoints' };
export const LEASES: ResourceRef = {
  group: 'coordination.k8s.io',
  version: 'v1',
  plural: 'leases',
};
export const JOBS: ResourceRef = { group: 'batch', version: 'v1', plural: 'jobs' };

export const CNPG_API_VERSION = 'postgresql.cnpg.io/v1';
export const OPERATOR_VERSION = '1.30.0';
export const DEFAULT_IMAGE = 'ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie';
export const PG_MAJOR = '18';
export const POSTGRES_PORT = 5432;
/** Marker CNPG puts in targetPrimary when a failover starts (facts §1). */
export const PENDING_FAILOVER = 'pending';

export const PHASE = {
  healthy: 'Cluster in healthy state',
  firstPrimary: 'Setting up primary',
  creatingReplica: 'Creating a new replica',
  failOver: 'Failing over',
  switchover: 'Switchover in progress',
  waitingForInstances: 'Waiting for the instances to become active',
  cannotCreateObjects: 'Unable to create required cluster objects',
  unrecoverable: 'Cluster is unrecoverable and needs manual intervention',
} as const;

export const LABEL = {
  cluster: 'cnpg.io/cluster',
  instanceName: 'cnpg.io/instanceName',
  podRole: 'cnpg.io/podRole',
  instanceRole: 'cnpg.io/instanceRole',
  legacyRole: 'role',
  pvcRole: 'cnpg.io/pvcRole',
  userType: 'cnpg.io/userType',
  reload: 'cnpg.io/reload',
  immediateBackup: 'cnpg.io/immediateBackup',
  scheduledBackup: 'cnpg.io/scheduled-backup',
  jobRole: 'cnpg.io/jobRole',
} as const;

export const ANNOTATION = {
  nodeSerial: 'cnpg.io/nodeSerial',
  operatorVersion: 'cnpg.io/operatorVersion',
  pvcStatus: 'cnpg.io/pvcStatus',
} as const;

export type InstanceRole = 'primary' | 'replica' | 'unhealthy';

export function instanceName(cluster: string, serial: number): string {
  return `${cluster}-${serial}`;
}

/** The controller reference to a CNPG object (a Cluster, or a ScheduledBackup for its Backups). */
export function ownerReference(owner: KubeObject): OwnerReference {
  return {
    apiVersion: CNPG_API_VERSION,
    kind: owner.kind || 'Cluster',
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Labels of every instance pod (pkg/specs/pods.go), without the role labels. */
export function instanceLabels(cluster: string, pod: string): Record<string, string> {
  return {
    [LABEL.cluster]: cluster,
    [LABEL.instanceName]: pod,
    [LABEL.podRole]: 'instance',
    'app.kubernetes.io/name': 'postgresql',
    'app.kubernetes.io/instance': cluster,
    'app.kubernetes.io/version': PG_MAJOR,
    'app.kubernetes.io/component': 'database',
    'app.kubernetes.io/managed-by': 'cloudnative-pg',
  };
}

export function roleLabels(role: InstanceRole): Record<string, string> {
  return { [LABEL.instanceRole]: role, [LABEL.legacyRole]: role };
}

/** metav1.RFC3339Micro of now, e.g. 2026-07-01T10:00:00.123000Z. */
export function rfc3339Micro(date = new Date()): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function rfc3339(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function clusterKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
