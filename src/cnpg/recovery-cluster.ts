// The throwaway Cluster of restore-verify: the source's image, resources, scheduling,
// PostgreSQL parameters and pg_hba (recovery needs max_connections & co. at least the
// source's), its storage unless given; bootstrap.recovery from an externalClusters entry that
// reads the source's archive (the plugin's ObjectStore with the source's serverName, or the
// in-core barmanObjectStore with its credentials), pinned to the backupID; and no archiving
// back: no spec.backup, no spec.plugins, so it can never write into the source's archive.
import type { RestoreVerifyInputs } from '../inputs/read-restore-verify.ts';
import type { RunOrigin } from '../inputs/types.ts';
import { CNPG_CLUSTER } from '../kube/resources.ts';
import { PLUGIN_NAME, meta, pghaLabels, type RenderedObject } from './objects.ts';
import type { RestoreSource } from './restore-source.ts';

/** The externalClusters entry the recovery reads from. */
export const ORIGIN = 'origin';

type Spec = Record<string, unknown>;

function pick(from: Spec | undefined, keys: readonly string[]): Spec {
  const out: Spec = {};
  for (const k of keys) if (from?.[k] !== undefined) out[k] = structuredClone(from[k]);
  return out;
}

/** Where the archive is, read-only: the ObjectStore by name, or the in-core configuration. */
export function originEntry(source: RestoreSource): Spec {
  const a = source.archive;
  if (a.kind === 'plugin')
    return {
      name: ORIGIN,
      plugin: {
        name: PLUGIN_NAME,
        parameters: { barmanObjectName: a.objectStore, serverName: a.serverName },
      },
    };
  const bos = (source.cluster.spec?.backup?.barmanObjectStore ?? {}) as Spec;
  const keep = [
    'destinationPath',
    'endpointURL',
    'endpointCA',
    'azureCredentials',
    's3Credentials',
    'googleCredentials',
    'wal',
    'data',
  ];
  return { name: ORIGIN, barmanObjectStore: { ...pick(bos, keep), serverName: a.serverName } };
}

function recoveryTarget(source: RestoreSource, targetTime: string | undefined): Spec {
  return { backupID: source.backup.backupId, ...(targetTime ? { targetTime } : {}) };
}

function storage(inputs: RestoreVerifyInputs, src: Spec | undefined): Spec {
  const from = (src?.storage ?? {}) as Spec;
  const size = inputs.storageSize?.text ?? (typeof from.size === 'string' ? from.size : '1Gi');
  const cls = inputs.storageClass ?? from.storageClass;
  const wal = src?.walStorage as Spec | undefined;
  return {
    storage: { size, ...(typeof cls === 'string' ? { storageClass: cls } : {}) },
    ...(wal ? { walStorage: pick(wal, ['size', 'storageClass']) } : {}),
  };
}

export interface RecoveryRequest {
  readonly inputs: RestoreVerifyInputs;
  readonly source: RestoreSource;
  /** RFC 3339; none restores to the end of the archive. */
  readonly targetTime?: string;
  readonly origin: RunOrigin;
}

export function recoveryLabels(r: RecoveryRequest): Record<string, string> {
  return pghaLabels(r.inputs.clusterName, 'restore-verify', r.origin);
}

export function recoveryClusterManifest(r: RecoveryRequest): RenderedObject {
  const { inputs, source } = r;
  const src = source.cluster.spec;
  const pg = (src?.postgresql ?? {}) as Spec;
  return {
    ...CNPG_CLUSTER,
    metadata: meta(inputs.recoveryCluster, inputs.recoveryNamespace, r.origin, {
      labels: recoveryLabels(r),
      annotations: { 'pgha.io/source': `${inputs.namespace}/${inputs.clusterName}` },
    }),
    spec: {
      instances: inputs.instances,
      ...pick(src, [
        'imageName',
        'imageCatalogRef',
        'postgresUID',
        'postgresGID',
        'resources',
        'affinity',
        'inheritedMetadata',
        'serviceAccountTemplate',
      ]),
      postgresql: pick(pg, ['parameters', 'pg_hba', 'pg_ident']),
      ...storage(inputs, src),
      bootstrap: {
        recovery: {
          source: ORIGIN,
          database: source.database,
          owner: source.owner,
          recoveryTarget: recoveryTarget(source, r.targetTime),
        },
      },
      externalClusters: [originEntry(source)],
    },
  };
}
