// Safety first: a drill starts only on a Cluster that can take it. Refused, before anything is
// written, when reconciliation is paused (CNPG would not fail over), when there is no standby,
// when a switchover or failover is under way, when the Cluster is not healthy, when a standby
// does not stream from the primary (pg_stat_replication), or when the switchover target is not
// a streaming standby. Every reason is given at once. Also found out here: the durability mode
// and the primary Lease settings the result depends on.
import type { KubeConfig } from '@kubernetes/client-node';
import { ConfigurationError } from '../errors.ts';
import type { DrillMode } from '../inputs/read-failover-drill.ts';
import type { KubeHttp } from '../kube/http.ts';
import { oneLine } from '../log-safety.ts';
import { mostAdvanced, readReplication, type Replication } from '../postgres/replication.ts';
import { primaryOf, readCluster, type ClusterObject } from './clusters.ts';
import {
  durabilityOf,
  leaseHolder,
  leaseSettingsOf,
  type Durability,
  type LeaseSettings,
} from './durability.ts';
import { isHealthy } from './health.ts';
import { listInstancePods, type PodView } from './instances.ts';

export class DrillRefused extends ConfigurationError {
  readonly reasons: readonly string[];
  constructor(cluster: string, reasons: readonly string[]) {
    super(
      `Refusing the failover drill on Cluster ${cluster}; nothing was written:\n${reasons.map((r) => `  - ${r}`).join('\n')}`,
    );
    this.reasons = reasons;
  }
}

export interface Preflight {
  readonly cluster: ClusterObject;
  readonly primary: string;
  /** The primary pod's uid, for the deletion's precondition. */
  readonly primaryUid?: string;
  readonly timeline?: number;
  readonly instances: readonly string[];
  readonly replication: Replication;
  readonly durability: Durability;
  readonly lease: LeaseSettings;
  /** The switchover target (mode switchover). */
  readonly target?: string;
  /** The primary pod's terminationGracePeriodSeconds (what grace-period: default means). */
  readonly podGraceSeconds?: number;
}

export interface PreflightInput {
  readonly cluster: ClusterObject;
  readonly pods: readonly PodView[];
  readonly replication?: Replication;
  readonly mode: DrillMode;
  readonly target?: string;
}

const SWITCHING = ['Switchover in progress', 'Failing over'];

function stateReasons(c: ClusterObject): string[] {
  const s = c.status;
  const reasons: string[] = [];
  if (c.metadata.annotations?.['cnpg.io/reconciliationLoop'] === 'disabled')
    reasons.push(
      'reconciliation is paused (annotation cnpg.io/reconciliationLoop: disabled), so CNPG would not fail over',
    );
  const wanted = c.spec?.instances ?? 0;
  if (wanted < 2)
    reasons.push(`it has ${wanted} instance${wanted === 1 ? '' : 's'}: a failover needs a standby`);
  if (primaryOf(c).switching || SWITCHING.includes(s?.phase ?? ''))
    reasons.push(
      `a switchover or failover is in progress (currentPrimary ${s?.currentPrimary ?? 'none'}, targetPrimary ${s?.targetPrimary ?? 'none'})`,
    );
  else if (!isHealthy(c))
    reasons.push(
      `it is not healthy: phase '${oneLine(s?.phase ?? 'none')}'${s?.phaseReason ? ` (${oneLine(s.phaseReason)})` : ''}, ${s?.readyInstances ?? 0} of ${wanted} instances ready`,
    );
  return reasons;
}

/** Why the drill must not run; empty when it may. Pure. */
export function preflightReasons(p: PreflightInput): string[] {
  const reasons = stateReasons(p.cluster);
  const primary = p.cluster.status?.currentPrimary;
  if (!primary || !p.replication) return reasons;
  const streaming = new Map(p.replication.standbys.map((s) => [s.name, s.state]));
  for (const pod of p.pods) {
    const name = pod.metadata.name;
    if (name === primary) continue;
    const state = streaming.get(name);
    if (state !== 'streaming')
      reasons.push(
        `standby ${name} is not streaming from ${primary} (${state ? `state ${state}` : 'not connected'})`,
      );
  }
  if (p.mode === 'switchover' && p.target !== undefined) {
    if (p.target === primary)
      reasons.push(`the switchover target ${p.target} is the primary already`);
    else if (!p.pods.some((x) => x.metadata.name === p.target))
      reasons.push(`the switchover target ${p.target} is not an instance of the Cluster`);
  }
  if (p.mode === 'switchover' && mostAdvanced(p.replication.standbys).length === 0)
    reasons.push('no standby streams, so none can be promoted');
  return reasons;
}

/** What the result depends on, reported even when the drill is refused. */
export interface DrillSettingsFound {
  readonly durability: Durability;
  readonly lease: LeaseSettings;
}

export async function preflight(
  http: KubeHttp,
  kc: KubeConfig,
  o: { namespace: string; clusterName: string; mode: DrillMode; target?: string },
  found: (settings: DrillSettingsFound) => void,
): Promise<Preflight> {
  const cluster = await readCluster(http, o.namespace, o.clusterName);
  const pods = await listInstancePods(http, o.namespace, o.clusterName);
  const primary = cluster.status?.currentPrimary ?? '';
  const primaryPod = pods.find((p) => p.metadata.name === primary);
  const replication =
    primaryPod && !primaryPod.metadata.deletionTimestamp
      ? await readReplication(kc, { namespace: o.namespace, pod: primary })
      : undefined;
  const holder = await leaseHolder(http, o.namespace, o.clusterName);
  const settings = {
    durability: {
      ...durabilityOf(cluster),
      ...(replication ? { standbyNames: replication.standbyNames } : {}),
    },
    lease: { ...leaseSettingsOf(cluster), ...(holder ? { holder } : {}) },
  };
  found(settings);
  const reasons = preflightReasons({
    cluster,
    pods,
    mode: o.mode,
    ...(replication ? { replication } : {}),
    ...(o.target ? { target: o.target } : {}),
  });
  if (!replication && reasons.length === 0)
    reasons.push(`the primary ${primary || '(none)'} has no running pod to read replication from`);
  if (reasons.length > 0 || !replication) throw new DrillRefused(o.clusterName, reasons);
  const target =
    o.mode === 'switchover' ? (o.target ?? mostAdvanced(replication.standbys)[0]?.name) : undefined;
  const spec = primaryPod?.spec as { terminationGracePeriodSeconds?: number } | undefined;
  return {
    cluster,
    primary,
    ...(primaryPod?.metadata.uid ? { primaryUid: primaryPod.metadata.uid } : {}),
    ...(cluster.status?.timelineID === undefined ? {} : { timeline: cluster.status.timelineID }),
    instances: pods.map((p) => p.metadata.name),
    replication,
    ...settings,
    ...(target ? { target } : {}),
    ...(spec?.terminationGracePeriodSeconds === undefined
      ? {}
      : { podGraceSeconds: spec.terminationGracePeriodSeconds }),
  };
}
