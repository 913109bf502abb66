// Cluster status as CNPG writes it (facts §1): phase and reason, Ready derived from the phase,
// instance counts and lists, primaries with RFC3339Micro timestamps, services.
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject, Store } from '../kube/types.ts';
import type { ClusterView } from './cluster-spec.ts';
import { instancePods, podIsReady } from './pods.ts';
import { CLUSTERS, LABEL, PHASE, rfc3339, rfc3339Micro } from './resources.ts';
import type { ClusterRuntime, ControllerContext } from './runtime.ts';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

type Status = Record<string, unknown>;

export function readyCondition(phase: string): Condition {
  return phase === PHASE.healthy
    ? { type: 'Ready', status: 'True', reason: 'ClusterIsReady', message: 'Cluster is Ready' }
    : {
        type: 'Ready',
        status: 'False',
        reason: 'ClusterIsNotReady',
        message: 'Cluster Is Not Ready',
      };
}

export function initializedCondition(done: boolean): Condition {
  return done
    ? {
        type: 'Initialized',
        status: 'True',
        reason: 'BootstrapCompleted',
        message: 'Cluster has been bootstrapped',
      }
    : {
        type: 'Initialized',
        status: 'False',
        reason: 'BootstrapPending',
        message: 'Cluster has not been bootstrapped yet',
      };
}

/** Conditions with `cond` replacing its type; lastTransitionTime moves only on a status change. */
export function withCondition(
  conditions: unknown,
  cond: Condition,
  generation?: number,
): Condition[] {
  const list = Array.isArray(conditions) ? (conditions as Condition[]) : [];
  const old = list.find((c) => c.type === cond.type);
  const lastTransitionTime =
    old?.status === cond.status ? (old.lastTransitionTime ?? rfc3339()) : rfc3339();
  const next = {
    ...cond,
    lastTransitionTime,
    ...(generation ? { observedGeneration: generation } : {}),
  };
  return [...list.filter((c) => c.type !== cond.type), next];
}

/**
 * Sets one condition of a Cluster from outside a reconcile pass (WAL archiver, backups);
 * writes only when status, reason or message change, so a steady result costs no write.
 */
export function setClusterCondition(
  store: Store,
  namespace: string | undefined,
  name: string,
  cond: Condition,
): void {
  const current = store.get(CLUSTERS, namespace, name);
  const old = (current?.status?.conditions as Condition[] | undefined)?.find(
    (c) => c.type === cond.type,
  );
  if (!current) return;
  if (old?.status === cond.status && old.reason === cond.reason && old.message === cond.message)
    return;
  store.patchStatus(CLUSTERS, namespace, name, (s) => {
    s.conditions = withCondition(s.conditions, cond);
  });
}

/** Applies fn to the Cluster's status; false when the Cluster is gone. */
export function patchClusterStatus(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  fn: (status: Status) => void,
): boolean {
  const current = ctx.store.get(CLUSTERS, rt.namespace, rt.name);
  if (!current || current.metadata.uid !== rt.uid) return false;
  const next = structuredClone(current.status ?? {});
  fn(next);
  if (isDeepStrictEqual(next, current.status ?? {})) return true;
  ctx.store.patchStatus(CLUSTERS, rt.namespace, rt.name, (status) => {
    for (const key of Object.keys(status)) if (!(key in next)) Reflect.deleteProperty(status, key);
    Object.assign(status, next);
  });
  return true;
}

export function setPhase(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  phase: string,
  reason: string,
  extra: (status: Status) => void = () => undefined,
): void {
  patchClusterStatus(ctx, rt, (s) => {
    s.phase = phase;
    s.phaseReason = reason;
    s.conditions = withCondition(s.conditions, readyCondition(phase));
    extra(s);
  });
}

/** Records a new primary the way the new primary's instance manager does. */
export function setCurrentPrimary(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  name: string,
  timeline: number,
): void {
  patchClusterStatus(ctx, rt, (s) => {
    s.currentPrimary = name;
    s.currentPrimaryTimestamp = rfc3339Micro();
    s.timelineID = timeline;
  });
}

export function setTargetPrimary(ctx: ControllerContext, rt: ClusterRuntime, name: string): void {
  patchClusterStatus(ctx, rt, (s) => {
    s.targetPrimary = name;
    s.targetPrimaryTimestamp = rfc3339Micro();
  });
}

function instancesStatus(rt: ClusterRuntime, pods: KubeObject[]): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const pod of pods) {
    const name = pod.metadata.name;
    const failed = rt.instances.get(name)?.failure !== undefined;
    const key = podIsReady(pod) ? 'healthy' : failed ? 'failed' : 'replicating';
    (groups[key] ??= []).push(name);
  }
  for (const list of Object.values(groups)) list.sort();
  return groups;
}

/**
 * End of a reconcile pass: counts, lists, conditions, and the phase (healthy when every
 * desired instance is ready, else waiting), unless a switchover or failover is pending.
 */
export function writeSteadyStatus(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cl: ClusterView,
  extraConditions: Condition[] = [],
): void {
  const pods = instancePods(ctx.store, rt.namespace, rt.name);
  const names = [...rt.instances.keys()].sort();
  const ready = pods.filter(podIsReady).length;
  patchClusterStatus(ctx, rt, (s) => {
    Object.assign(s, {
      instances: names.length,
      readyInstances: ready,
      instanceNames: names,
      instancesStatus: instancesStatus(rt, pods),
      instancesReportedState: reportedState(rt, pods, s.timelineID),
      writeService: `${rt.name}-rw`,
      readService: `${rt.name}-r`,
      healthyPVC: names.filter((n) => !rt.instances.get(n)?.neverReturns),
      pvcCount: names.length * (cl.walStorage ? 2 : 1),
      image: cl.imageName,
      selector: `${LABEL.cluster}=${rt.name},${LABEL.podRole}=instance`,
    });
    if (s.targetPrimary === rt.primary) {
      const healthy = ready === cl.instances && pods.length === cl.instances;
      s.phase = healthy ? PHASE.healthy : PHASE.waitingForInstances;
      s.phaseReason = healthy ? '' : 'Some instances are not yet active. Please wait.';
    }
    let conditions = withCondition(s.conditions, readyCondition(String(s.phase)));
    for (const c of [initializedCondition(true), ...extraConditions]) {
      conditions = withCondition(conditions, c);
    }
    s.conditions = conditions;
  });
}

function reportedState(rt: ClusterRuntime, pods: KubeObject[], timeline: unknown): Status {
  const state: Status = {};
  for (const pod of pods.filter(podIsReady)) {
    const isPrimary = pod.metadata.name === rt.primary;
    state[pod.metadata.name] = { isPrimary, timeLineID: Number(timeline ?? 1), ip: '127.0.0.1' };
  }
  return state;
}
