// The CNPG Cluster of the AKS guide's production profile (§5), built from typed inputs.
import type { BackupMethod, DeployInputs, RunOrigin } from '../inputs/types.ts';
import { clusterBackupSpec } from './backup.ts';
import { WORKLOAD_IDENTITY_LABEL, meta, type RenderedObject } from './objects.ts';
import { applyOverrides } from './overrides.ts';

export const DNS_LABEL_ANNOTATION = 'service.beta.kubernetes.io/azure-dns-label-name';

export function defaultImage(method: BackupMethod): string {
  const flavour = method === 'plugin' ? 'standard' : 'system';
  return `ghcr.io/cloudnative-pg/postgresql:18-${flavour}-trixie`;
}

function probes(): Record<string, unknown> {
  return {
    startup: {
      type: 'streaming',
      maximumLag: '32Mi',
      periodSeconds: 5,
      timeoutSeconds: 3,
      failureThreshold: 120,
    },
    readiness: { type: 'streaming', maximumLag: '0', periodSeconds: 10, failureThreshold: 6 },
  };
}

function workloadIdentity(inputs: DeployInputs): Record<string, unknown> {
  const labels = inputs.workloadIdentityClientId
    ? { [WORKLOAD_IDENTITY_LABEL]: 'true' }
    : undefined;
  const annotations = inputs.dnsLabel ? { [DNS_LABEL_ANNOTATION]: inputs.dnsLabel } : undefined;
  const inherited =
    labels || annotations
      ? {
          inheritedMetadata: {
            ...(labels ? { labels } : {}),
            ...(annotations ? { annotations } : {}),
          },
        }
      : {};
  if (!inputs.workloadIdentityClientId) return inherited;
  return {
    ...inherited,
    serviceAccountTemplate: {
      metadata: {
        annotations: { 'azure.workload.identity/client-id': inputs.workloadIdentityClientId },
        labels: { [WORKLOAD_IDENTITY_LABEL]: 'true' },
      },
    },
  };
}

/**
 * Quorum failover uses spec.postgresql.synchronous.failoverQuorum, not the deprecated
 * alpha.cnpg.io/failoverQuorum annotation of the guide (the annotation overrides the spec
 * and is deprecated in CNPG 1.30).
 */
function postgresql(
  inputs: DeployInputs,
  parameters: Record<string, string>,
): Record<string, unknown> {
  const synchronous =
    inputs.syncReplicas > 0
      ? { synchronous: { method: 'any', number: inputs.syncReplicas, failoverQuorum: true } }
      : {};
  // The guide's pg_hba line; it also admits non-TLS connections (hostssl would refuse them).
  return { parameters, ...synchronous, pg_hba: ['host all all all scram-sha-256'] };
}

function storage(inputs: DeployInputs): Record<string, unknown> {
  const cls = inputs.storageClass ? { storageClass: inputs.storageClass } : {};
  const wal = inputs.walStorageSize
    ? { walStorage: { size: inputs.walStorageSize.text, ...cls } }
    : {};
  return { storage: { size: inputs.storageSize.text, ...cls }, ...wal };
}

function scheduling(inputs: DeployInputs): Record<string, unknown> {
  const selector = { matchLabels: { 'cnpg.io/cluster': inputs.clusterName } };
  const spread = [
    {
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: selector,
    },
  ];
  const affinity =
    Object.keys(inputs.nodeSelector).length > 0
      ? { affinity: { nodeSelector: { ...inputs.nodeSelector } } }
      : {};
  return { topologySpreadConstraints: spread, ...affinity };
}

export function clusterSpec(
  inputs: DeployInputs,
  method: BackupMethod,
  parameters: Record<string, string>,
): Record<string, unknown> {
  const limits = { cpu: inputs.cpu.text, memory: inputs.memory.text };
  return {
    instances: inputs.instances,
    imageName: inputs.postgresImage ?? defaultImage(method),
    smartShutdownTimeout: 30,
    probes: probes(),
    ...workloadIdentity(inputs),
    ...scheduling(inputs),
    resources: { requests: { ...limits }, limits },
    bootstrap: {
      initdb: {
        database: inputs.database,
        owner: inputs.owner,
        secret: { name: inputs.appSecret },
        dataChecksums: true,
      },
    },
    ...storage(inputs),
    postgresql: postgresql(inputs, parameters),
    ...(inputs.backup ? clusterBackupSpec(inputs, inputs.backup, method) : {}),
  };
}

export function cluster(
  inputs: DeployInputs,
  method: BackupMethod,
  parameters: Record<string, string>,
  origin: RunOrigin,
): RenderedObject {
  const spec = clusterSpec(inputs, method, parameters);
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: meta(inputs.clusterName, inputs.namespace, origin),
    spec: inputs.overrides ? applyOverrides(spec, inputs.overrides, method) : spec,
  };
}
