// Objects around the Cluster: PodMonitors, the PgBouncer Pooler and LoadBalancer services.
import type { DeployInputs, RunOrigin } from '../inputs/types.ts';
import { DNS_LABEL_ANNOTATION } from './cluster.ts';
import { WORKLOAD_IDENTITY_LABEL, meta, type RenderedObject } from './objects.ts';

const instanceSelector = (cluster: string): Record<string, string> => ({
  'cnpg.io/cluster': cluster,
  'cnpg.io/podRole': 'instance',
});

export function podMonitors(inputs: DeployInputs, origin: RunOrigin): RenderedObject[] {
  const out: RenderedObject[] = [];
  const endpoints = [{ port: 'metrics' }];
  const selector = instanceSelector(inputs.clusterName);
  if (inputs.monitoring === 'podmonitor' || inputs.monitoring === 'both') {
    out.push({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: meta(inputs.clusterName, inputs.namespace, origin),
      spec: { selector: { matchLabels: selector }, podMetricsEndpoints: endpoints },
    });
  }
  if (inputs.monitoring === 'managed-prometheus' || inputs.monitoring === 'both') {
    const azure = { [WORKLOAD_IDENTITY_LABEL]: 'true' };
    out.push({
      apiVersion: 'azmonitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: meta(`${inputs.clusterName}-azmon`, inputs.namespace, origin, { labels: azure }),
      spec: {
        selector: { matchLabels: { ...selector, ...azure } },
        podMetricsEndpoints: endpoints,
      },
    });
  }
  return out;
}

export function pooler(inputs: DeployInputs, origin: RunOrigin): RenderedObject[] {
  if (inputs.pooler === 'none') return [];
  return [
    {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Pooler',
      metadata: meta(`${inputs.clusterName}-pooler-${inputs.pooler}`, inputs.namespace, origin),
      spec: {
        cluster: { name: inputs.clusterName },
        instances: 2,
        type: inputs.pooler,
        pgbouncer: { poolMode: inputs.poolerMode },
      },
    },
  ];
}

function loadBalancer(inputs: DeployInputs, origin: RunOrigin, role: 'rw' | 'ro'): RenderedObject {
  const annotations = inputs.dnsLabel
    ? { [DNS_LABEL_ANNOTATION]: `${inputs.dnsLabel}-${role}` }
    : undefined;
  const port = role === 'rw' ? 5432 : 5433;
  const instanceRole = role === 'rw' ? 'primary' : 'replica';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(
      `${inputs.clusterName}-${role}-lb`,
      inputs.namespace,
      origin,
      annotations ? { annotations } : {},
    ),
    spec: {
      type: 'LoadBalancer',
      ports: [{ name: 'postgres', protocol: 'TCP', port, targetPort: 5432 }],
      selector: { ...instanceSelector(inputs.clusterName), 'cnpg.io/instanceRole': instanceRole },
      loadBalancerSourceRanges: [...inputs.allowedSourceRanges],
    },
  };
}

export function exposure(inputs: DeployInputs, origin: RunOrigin): RenderedObject[] {
  const roles: ('rw' | 'ro')[] =
    inputs.expose === 'both' ? ['rw', 'ro'] : inputs.expose === 'none' ? [] : [inputs.expose];
  return roles.map((role) => loadBalancer(inputs, origin, role));
}
