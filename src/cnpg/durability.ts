// What a failover's result depends on, read from the Cluster: the replication mode (async, or
// synchronous with method/number/dataDurability and failoverQuorum, facts §7) and the primary
// Lease settings (spec.primaryLease, CNPG 1.30: after an abrupt loss a standby promotes only
// once the lease has run out), with the live Lease object when the identity may read it.
import { KubeApiError } from '../kube/errors.ts';
import type { KubeHttp } from '../kube/http.ts';

export interface Durability {
  readonly mode: 'async' | 'sync';
  readonly method?: string;
  readonly number?: number;
  readonly dataDurability?: string;
  readonly failoverQuorum: boolean;
  /** The deprecated minSyncReplicas/maxSyncReplicas when they are what is set. */
  readonly legacy?: { readonly minSyncReplicas: number; readonly maxSyncReplicas: number };
  /** synchronous_standby_names on the primary, as PostgreSQL has it. */
  readonly standbyNames?: string;
}

export interface LeaseSettings {
  readonly leaseDurationSeconds: number;
  readonly renewDeadlineSeconds: number;
  readonly retryPeriodSeconds: number;
  readonly releasedLeaseDurationSeconds: number;
  /** The Lease object's holder, when it could be read. */
  readonly holder?: string;
}

interface ClusterSpecView {
  readonly metadata: { readonly annotations?: Readonly<Record<string, string>> };
  readonly spec?: {
    readonly instances?: number;
    readonly minSyncReplicas?: number;
    readonly maxSyncReplicas?: number;
    readonly primaryLease?: Partial<Omit<LeaseSettings, 'holder'>>;
    readonly postgresql?: {
      readonly synchronous?: {
        readonly method?: string;
        readonly number?: number;
        readonly dataDurability?: string;
        readonly failoverQuorum?: boolean;
      };
    };
  };
}

const QUORUM_ANNOTATION = 'alpha.cnpg.io/failoverQuorum';

/** Go's strconv.ParseBool, which CNPG applies to the legacy annotation. */
function parseBool(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

export function durabilityOf(cluster: ClusterSpecView): Durability {
  const sync = cluster.spec?.postgresql?.synchronous;
  if (sync) {
    // The deprecated annotation, when it parses, overrides the spec (cluster_defaults.go).
    const annotated = parseBool(cluster.metadata.annotations?.[QUORUM_ANNOTATION]);
    return {
      mode: 'sync',
      method: sync.method ?? 'any',
      number: sync.number ?? 1,
      dataDurability: sync.dataDurability ?? 'required',
      failoverQuorum: annotated ?? sync.failoverQuorum ?? false,
    };
  }
  const max = cluster.spec?.maxSyncReplicas ?? 0;
  if (max > 0) {
    const min = cluster.spec?.minSyncReplicas ?? 0;
    return {
      mode: 'sync',
      method: 'any',
      failoverQuorum: false,
      legacy: { minSyncReplicas: min, maxSyncReplicas: max },
    };
  }
  return { mode: 'async', failoverQuorum: false };
}

/** One line for the output and the summary, e.g. `sync any 1 required, failoverQuorum`. */
export function durabilityText(d: Durability): string {
  if (d.mode === 'async') return 'async';
  if (d.legacy)
    return `sync (legacy minSyncReplicas ${d.legacy.minSyncReplicas}, maxSyncReplicas ${d.legacy.maxSyncReplicas})`;
  const quorum = d.failoverQuorum ? ', failoverQuorum' : '';
  return `sync ${d.method ?? 'any'} ${d.number ?? 1} ${d.dataDurability ?? 'required'}${quorum}`;
}

/** spec.primaryLease with CNPG's defaults (15 / 10 / 2 / 1 s). */
export function leaseSettingsOf(cluster: ClusterSpecView): LeaseSettings {
  const l = cluster.spec?.primaryLease ?? {};
  return {
    leaseDurationSeconds: l.leaseDurationSeconds ?? 15,
    renewDeadlineSeconds: l.renewDeadlineSeconds ?? 10,
    retryPeriodSeconds: l.retryPeriodSeconds ?? 2,
    releasedLeaseDurationSeconds: l.releasedLeaseDurationSeconds ?? 1,
  };
}

/** The holder of the primary Lease `<cluster>`; undefined when it is absent or not readable. */
export async function leaseHolder(
  http: KubeHttp,
  namespace: string,
  cluster: string,
): Promise<string | undefined> {
  try {
    const { status, body } = await http.json<{ spec?: { holderIdentity?: string } } | undefined>({
      method: 'GET',
      path: `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases/${cluster}`,
      allowNotFound: true,
      context: `reading the primary Lease ${cluster}`,
    });
    return status === 404 ? undefined : body?.spec?.holderIdentity;
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 403) return undefined;
    throw error;
  }
}
