// The pod a Backup runs on, elected as CNPG's backup controller does (getBackupTargetPod):
// the first ready instance matching the target policy (`primary`: the targetPrimary;
// `prefer-standby`, the default: any other), else the targetPrimary's pod. When that pod is
// missing, or not ready, the Backup waits in `pending` and is tried again (30 s in CNPG),
// with the events CNPG records (FindingPod, BackupPending).
import { instancePods, podIsReady } from '../cnpg/pods.ts';
import { PODS } from '../cnpg/resources.ts';
import type { KubeObject, Store } from '../kube/types.ts';
import type { Instance } from '../postgres/instance.ts';
import { obj } from './config.ts';

export interface BackupTarget {
  pod: KubeObject;
  instance: Instance;
  /** The current primary's server (the same as instance on the primary). */
  primary: Instance | undefined;
}

/** Why the Backup waits: the event CNPG records before it retries. */
export interface TargetWait {
  reason: 'FindingPod' | 'BackupPending';
  message: string;
}

export type InstanceLookup = (namespace: string, pod: string) => Instance | undefined;

function statusName(cluster: KubeObject, field: 'targetPrimary' | 'currentPrimary'): string {
  const value = cluster.status?.[field];
  return typeof value === 'string' ? value : '';
}

function policy(cluster: KubeObject, backup: KubeObject): string {
  const own = obj(backup.spec).target;
  if (typeof own === 'string' && own !== '') return own;
  const fromCluster = obj(obj(cluster.spec).backup).target;
  return typeof fromCluster === 'string' ? fromCluster : 'prefer-standby';
}

function elect(store: Store, cluster: KubeObject, backup: KubeObject): KubeObject | undefined {
  const targetPrimary = statusName(cluster, 'targetPrimary');
  const wantPrimary = policy(cluster, backup) === 'primary';
  return instancePods(store, cluster.metadata.namespace, cluster.metadata.name)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
    .find((p) => podIsReady(p) && (p.metadata.name === targetPrimary) === wantPrimary);
}

export function chooseTarget(
  store: Store,
  lookup: InstanceLookup,
  cluster: KubeObject,
  backup: KubeObject,
): BackupTarget | TargetWait {
  const ns = cluster.metadata.namespace ?? 'default';
  const targetPrimary = statusName(cluster, 'targetPrimary');
  const pod = elect(store, cluster, backup) ?? store.get(PODS, ns, targetPrimary);
  const instance =
    pod && !pod.metadata.deletionTimestamp ? lookup(ns, pod.metadata.name) : undefined;
  if (!pod || !instance)
    return {
      reason: 'FindingPod',
      message: `Couldn't find target pod ${targetPrimary}, will retry in 30 seconds`,
    };
  if (!podIsReady(pod) || !instance.running)
    return { reason: 'BackupPending', message: `Backup target pod not ready: ${targetPrimary}` };
  const current = statusName(cluster, 'currentPrimary');
  return { pod, instance, primary: lookup(ns, current) };
}

/** The postgres container's id, which CNPG keeps in status.instanceID.ContainerID. */
export function containerId(pod: KubeObject): string {
  const statuses = (pod.status?.containerStatuses ?? []) as {
    name?: string;
    containerID?: string;
  }[];
  return statuses.find((c) => c.name === 'postgres')?.containerID ?? '';
}
