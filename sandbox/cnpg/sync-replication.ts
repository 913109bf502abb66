// synchronous_standby_names from spec.postgresql.synchronous (or the legacy
// minSyncReplicas/maxSyncReplicas), as CNPG computes it (facts §7 "Synchronous replication").
// Standbys stream with application_name = pod name, so the names are pod names.
import { setSynchronousStandbyNames } from '../postgres/replication.ts';
import type { ClusterView } from './cluster-spec.ts';
import { podIsReady, livePod } from './pods.ts';
import { primaryRuntime, sortedInstances } from './runtime.ts';
import type { ClusterRuntime, ControllerContext, InstanceRuntime } from './runtime.ts';

export interface Members {
  primary: string;
  /** Every other instance of the cluster. */
  replicas: string[];
  /** Replicas whose pod is ready (streaming). */
  readyReplicas: string[];
}

function quoted(names: string[]): string {
  return names.map((n) => `"${n.replaceAll('"', '""')}"`).join(', ');
}

function fromSynchronous(cl: ClusterView, m: Members): string {
  const s = cl.synchronous;
  if (!s) return '';
  const method = s.method.toUpperCase();
  if (s.dataDurability === 'preferred') {
    const names = [...m.readyReplicas].sort().slice(0, s.maxStandbyNamesFromCluster);
    if (names.length === 0) return '';
    return `${method} ${Math.min(s.number, names.length)} (${quoted(names)})`;
  }
  // required: every instance, the primary last (it never streams from itself).
  const fromCluster = [...[...m.replicas].sort(), m.primary].slice(0, s.maxStandbyNamesFromCluster);
  const names = [...s.standbyNamesPre, ...fromCluster, ...s.standbyNamesPost];
  return `${method} ${s.number} (${quoted(names)})`;
}

function fromLegacy(cl: ClusterView, m: Members): string {
  if (cl.maxSyncReplicas <= 0 || m.replicas.length === 0) return '';
  const number = Math.min(cl.maxSyncReplicas, Math.max(cl.minSyncReplicas, m.readyReplicas.length));
  if (number <= 0) return '';
  return `ANY ${number} (${quoted([...m.replicas].sort())})`;
}

export function synchronousStandbyNames(cl: ClusterView, m: Members): string {
  return cl.synchronous ? fromSynchronous(cl, m) : fromLegacy(cl, m);
}

export function members(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  primary = rt.primary,
): Members | undefined {
  if (!primary) return undefined;
  const replicas = sortedInstances(rt).filter((i) => i.name !== primary);
  const ready = replicas.filter((r) => {
    const pod = livePod(ctx, rt.namespace, r.name);
    return pod !== undefined && podIsReady(pod);
  });
  return {
    primary,
    replicas: replicas.map((r) => r.name),
    readyReplicas: ready.map((r) => r.name),
  };
}

/**
 * Sets synchronous_standby_names on a standby about to be promoted, so that its first
 * commits as primary already wait for a standby (dataDurability required).
 */
export async function prepareSynchronousStandbyNames(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cl: ClusterView,
  target: InstanceRuntime,
): Promise<void> {
  const m = members(ctx, rt, target.name);
  if (m) await setSynchronousStandbyNames(target.instance, synchronousStandbyNames(cl, m));
}

/** Sets the primary's synchronous_standby_names when it differs from the spec's. */
export async function applySynchronousStandbyNames(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cl: ClusterView,
): Promise<void> {
  const primary = primaryRuntime(rt);
  const m = members(ctx, rt);
  if (!primary?.instance.running || !m) return;
  const value = synchronousStandbyNames(cl, m);
  if (await setSynchronousStandbyNames(primary.instance, value)) {
    ctx.log(`${rt.namespace}/${rt.name}: synchronous_standby_names = '${value}' on ${m.primary}`);
  }
}
