// What the cluster offers pgha: the CNPG operator (required), the Barman Cloud plugin's
// ObjectStore, and the PodMonitor CRDs of Prometheus Operator and Azure Managed Prometheus.
import { ConfigurationError } from '../errors.ts';
import type { Monitoring } from '../inputs/types.ts';
import { servedGroupVersions } from '../kube/discovery.ts';
import type { KubeHttp } from '../kube/http.ts';

export const CNPG_GROUP_VERSION = 'postgresql.cnpg.io/v1';
export const BARMAN_CLOUD_GROUP_VERSION = 'barmancloud.cnpg.io/v1';

export interface Served {
  readonly groupVersions: ReadonlySet<string>;
  /** The Barman Cloud plugin's ObjectStore CRD is served. */
  readonly barmanCloudPlugin: boolean;
}

/** Served group versions; fails with how to install CNPG when the operator is missing. */
export async function discoverCnpg(http: KubeHttp): Promise<Served> {
  const groupVersions = await servedGroupVersions(http);
  if (!groupVersions.has(CNPG_GROUP_VERSION))
    throw new ConfigurationError(
      `the cluster at ${http.server} does not serve ${CNPG_GROUP_VERSION}: the CloudNativePG operator is not installed. ` +
        'Install it first, e.g. kubectl apply --server-side -f https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/release-1.30/releases/cnpg-1.30.1.yaml, or with its Helm chart.',
    );
  return { groupVersions, barmanCloudPlugin: groupVersions.has(BARMAN_CLOUD_GROUP_VERSION) };
}

/** `<group>/<version>/PodMonitor` of each PodMonitor kind the monitoring input wants but the cluster lacks. */
export function unservedMonitoring(monitoring: Monitoring, served: Served): string[] {
  const wanted: string[] = [];
  if (monitoring === 'podmonitor' || monitoring === 'both') wanted.push('monitoring.coreos.com/v1');
  if (monitoring === 'managed-prometheus' || monitoring === 'both')
    wanted.push('azmonitoring.coreos.com/v1');
  return wanted.filter((gv) => !served.groupVersions.has(gv)).map((gv) => `${gv}/PodMonitor`);
}
