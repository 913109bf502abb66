// Instance pods and their PVCs as CNPG creates them (facts §6), and the kubelet-side status
// the emulation keeps on them: Pending while the data directory is built, Running and Ready
// once PostgreSQL accepts connections, not ready with CrashLoopBackOff when it cannot start.
import type { KubeObject, Store } from '../kube/types.ts';
import type { ClusterView } from './cluster-spec.ts';
import {
  ANNOTATION,
  LABEL,
  OPERATOR_VERSION,
  PODS,
  POSTGRES_PORT,
  PVCS,
  instanceLabels,
  ownerReference,
  rfc3339,
  roleLabels,
} from './resources.ts';
import type { InstanceRole } from './resources.ts';
import type { ControllerContext, InstanceRuntime } from './runtime.ts';

export const NODES = ['sandbox-node-1', 'sandbox-node-2', 'sandbox-node-3'];
const NODE_REF = { group: '', version: 'v1', plural: 'nodes' };

/** The three nodes instances are spread over, one per availability zone, as on AKS. */
export function createNodes(store: Store): void {
  NODES.forEach((name, i) => {
    if (store.get(NODE_REF, undefined, name)) return;
    store.create(NODE_REF, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'kubernetes.io/hostname': name,
          'topology.kubernetes.io/zone': `sandbox-${i + 1}`,
          'topology.kubernetes.io/region': 'sandbox',
        },
      },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
  });
}

export function nodeFor(serial: number): string {
  return NODES[(serial - 1) % NODES.length] ?? 'sandbox-node-1';
}

export function podIsReady(pod: KubeObject): boolean {
  const conditions = (pod.status?.conditions ?? []) as { type: string; status: string }[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function podSpec(cl: ClusterView, name: string, serial: number): Record<string, unknown> {
  return {
    containers: [
      {
        name: 'postgres',
        image: cl.imageName,
        ports: [
          { name: 'postgresql', containerPort: POSTGRES_PORT, protocol: 'TCP' },
          { name: 'metrics', containerPort: 9187, protocol: 'TCP' },
          { name: 'status', containerPort: 8000, protocol: 'TCP' },
        ],
        ...(cl.resources ? { resources: cl.resources } : {}),
      },
    ],
    hostname: name,
    nodeName: nodeFor(serial),
    serviceAccountName: cl.serviceAccountName ?? cl.name,
    terminationGracePeriodSeconds: cl.stopDelaySeconds,
    volumes: [{ name: 'pgdata', persistentVolumeClaim: { claimName: name } }],
    ...(cl.nodeSelector ? { nodeSelector: cl.nodeSelector } : {}),
    ...(cl.tolerations ? { tolerations: cl.tolerations } : {}),
  };
}

export function buildPod(
  cluster: KubeObject,
  cl: ClusterView,
  inst: InstanceRuntime,
  role: InstanceRole,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: inst.name,
      namespace: cl.namespace,
      labels: { ...instanceLabels(cl.name, inst.name), ...roleLabels(role) },
      annotations: {
        [ANNOTATION.nodeSerial]: String(inst.serial),
        [ANNOTATION.operatorVersion]: OPERATOR_VERSION,
      },
      ownerReferences: [ownerReference(cluster)],
    },
    spec: podSpec(cl, inst.name, inst.serial),
    status: pendingStatus(inst),
  };
}

function pvc(
  cluster: KubeObject,
  cl: ClusterView,
  inst: InstanceRuntime,
  wal: boolean,
): KubeObject {
  const size = wal ? (cl.walStorage?.size ?? '1Gi') : cl.storageSize;
  const storageClass = wal ? cl.walStorage?.storageClass : cl.storageClass;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: wal ? `${inst.name}-wal` : inst.name,
      namespace: cl.namespace,
      labels: {
        [LABEL.cluster]: cl.name,
        [LABEL.instanceName]: inst.name,
        [LABEL.pvcRole]: wal ? 'PG_WAL' : 'PG_DATA',
      },
      annotations: {
        [ANNOTATION.nodeSerial]: String(inst.serial),
        [ANNOTATION.pvcStatus]: 'ready',
        [ANNOTATION.operatorVersion]: OPERATOR_VERSION,
      },
      ownerReferences: [ownerReference(cluster)],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: size } },
      volumeMode: 'Filesystem',
      ...(storageClass ? { storageClassName: storageClass } : {}),
    },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: size } },
  };
}

/** Creates the instance's PVC(s) unless they exist. */
export function ensurePvcs(
  ctx: ControllerContext,
  cluster: KubeObject,
  cl: ClusterView,
  inst: InstanceRuntime,
): void {
  const wanted = cl.walStorage ? [false, true] : [false];
  for (const wal of wanted) {
    const obj = pvc(cluster, cl, inst, wal);
    if (!ctx.store.get(PVCS, cl.namespace, obj.metadata.name)) ctx.store.create(PVCS, obj);
  }
}

export function deletePvcs(ctx: ControllerContext, namespace: string, name: string): void {
  for (const pvcName of [name, `${name}-wal`]) {
    if (ctx.store.get(PVCS, namespace, pvcName)) ctx.store.delete(PVCS, namespace, pvcName);
  }
}

function containerStatus(inst: InstanceRuntime, ready: boolean, state: object): object {
  return {
    name: 'postgres',
    ready,
    started: ready,
    restartCount: inst.restartCount,
    image: 'postgres',
    imageID: '',
    containerID: `sandbox://${inst.name}/${inst.instance.pid ?? 0}`,
    state,
  };
}

function conditions(ready: boolean, now: string): object[] {
  const s = ready ? 'True' : 'False';
  return ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({
    type,
    status: type === 'PodScheduled' || type === 'Initialized' ? 'True' : s,
    lastTransitionTime: now,
  }));
}

function pendingStatus(inst: InstanceRuntime): Record<string, unknown> {
  const now = rfc3339();
  return {
    phase: 'Pending',
    conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: now }],
    containerStatuses: [containerStatus(inst, false, { waiting: { reason: 'PodInitializing' } })],
  };
}

function runningStatus(inst: InstanceRuntime, ready: boolean): Record<string, unknown> {
  const now = rfc3339();
  const state = ready
    ? { running: { startedAt: now } }
    : {
        waiting: { reason: 'CrashLoopBackOff', message: inst.failure ?? 'postgres is not running' },
      };
  return {
    phase: 'Running',
    conditions: conditions(ready, now),
    hostIP: '127.0.0.1',
    podIP: '127.0.0.1',
    podIPs: [{ ip: '127.0.0.1' }],
    startTime: now,
    containerStatuses: [containerStatus(inst, ready, state)],
  };
}

/** The instance pods of a Cluster that are not being deleted. */
export function instancePods(
  store: Store,
  namespace: string | undefined,
  cluster: string,
): KubeObject[] {
  const selector = `${LABEL.cluster}=${cluster},${LABEL.podRole}=instance`;
  return store
    .list(PODS, namespace, { labelSelector: selector })
    .filter((p) => !p.metadata.deletionTimestamp);
}

export function livePod(
  ctx: ControllerContext,
  namespace: string,
  name: string,
): KubeObject | undefined {
  const pod = ctx.store.get(PODS, namespace, name);
  return pod && !pod.metadata.deletionTimestamp ? pod : undefined;
}

interface ContainerView {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { message?: string } };
}

function firstContainer(status: Record<string, unknown> | undefined): ContainerView | undefined {
  return (status?.containerStatuses as ContainerView[] | undefined)?.[0];
}

/** Same phase, readiness, restart count and waiting message: nothing to write. */
function sameState(pod: KubeObject, next: Record<string, unknown>): boolean {
  const a = firstContainer(pod.status);
  const b = firstContainer(next);
  return (
    pod.status?.phase === next.phase &&
    a?.ready === b?.ready &&
    a?.restartCount === b?.restartCount &&
    a?.state?.waiting?.message === b?.state?.waiting?.message
  );
}

export type PodState = 'pending' | 'ready' | 'not-ready';

/** Writes the pod's status for `state` (no-op when the pod is gone or already there). */
export function setPodState(
  ctx: ControllerContext,
  namespace: string,
  inst: InstanceRuntime,
  state: PodState,
): void {
  const pod = livePod(ctx, namespace, inst.name);
  if (!pod) return;
  const next = state === 'pending' ? pendingStatus(inst) : runningStatus(inst, state === 'ready');
  if (sameState(pod, next)) return;
  ctx.store.patchStatus(PODS, namespace, inst.name, (s) => {
    for (const key of Object.keys(s)) Reflect.deleteProperty(s, key);
    Object.assign(s, next);
  });
}

/**
 * Sets cnpg.io/instanceRole and the deprecated role label (no-op when unchanged). The old
 * primary is marked unhealthy even while it terminates (replicas.go markOldPrimaryAsUnhealthy);
 * the other roles go on active pods only (pkg/reconciler/instance/metadata.go).
 */
export function setPodRole(
  ctx: ControllerContext,
  namespace: string,
  name: string,
  role: InstanceRole,
): void {
  const pod =
    role === 'unhealthy' ? ctx.store.get(PODS, namespace, name) : livePod(ctx, namespace, name);
  if (!pod || pod.metadata.labels?.[LABEL.instanceRole] === role) return;
  ctx.store.mutate(PODS, namespace, name, (p) => {
    p.metadata.labels = { ...p.metadata.labels, ...roleLabels(role) };
  });
}
