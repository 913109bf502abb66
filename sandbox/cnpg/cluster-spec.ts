// A typed view of the parts of a Cluster spec the emulation acts on, with CNPG's defaults.
import type { KubeObject } from '../kube/types.ts';
import { DEFAULT_IMAGE } from './resources.ts';

export interface SynchronousSpec {
  method: 'any' | 'first';
  number: number;
  maxStandbyNamesFromCluster: number | undefined;
  standbyNamesPre: string[];
  standbyNamesPost: string[];
  dataDurability: 'required' | 'preferred';
}

export interface InitdbSpec {
  database: string;
  /** Explicit owner; CNPG defaults it to the database name (or the secret's username). */
  owner: string | undefined;
  secretName: string | undefined;
  encoding: string | undefined;
  locale: string | undefined;
  postInitSQL: string[];
  postInitApplicationSQL: string[];
  postInitTemplateSQL: string[];
}

/** spec.primaryLease with CNPG's defaults (api/v1/cluster_funcs.go GetPrimaryLease*). */
export interface LeaseTimings {
  leaseDurationSeconds: number;
  renewDeadlineSeconds: number;
  retryPeriodSeconds: number;
  releasedLeaseDurationSeconds: number;
}

export interface ClusterView {
  namespace: string;
  name: string;
  uid: string;
  instances: number;
  imageName: string;
  parameters: Record<string, string>;
  synchronous: SynchronousSpec | undefined;
  minSyncReplicas: number;
  maxSyncReplicas: number;
  initdb: InitdbSpec;
  /** initdb, or bootstrap.recovery (read in full by sandbox/backup/ when it runs). */
  bootstrap: 'initdb' | 'recovery';
  storageSize: string;
  storageClass: string | undefined;
  walStorage: { size: string; storageClass: string | undefined } | undefined;
  serviceAccountName: string | undefined;
  serviceAccountMetadata: { labels: Record<string, string>; annotations: Record<string, string> };
  nodeSelector: Record<string, string> | undefined;
  tolerations: unknown[] | undefined;
  resources: Record<string, unknown> | undefined;
  failoverDelaySeconds: number;
  stopDelaySeconds: number;
  smartShutdownTimeoutSeconds: number;
  switchoverDelaySeconds: number;
  primaryLease: LeaseTimings;
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function stringMap(v: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(obj(v)).map(([k, x]) => [k, String(x)]));
}

function readSynchronous(v: unknown): SynchronousSpec | undefined {
  const s = obj(v);
  if (Object.keys(s).length === 0) return undefined;
  return {
    method: s.method === 'first' ? 'first' : 'any',
    number: num(s.number, 1),
    maxStandbyNamesFromCluster:
      typeof s.maxStandbyNamesFromCluster === 'number' ? s.maxStandbyNamesFromCluster : undefined,
    standbyNamesPre: strings(s.standbyNamesPre),
    standbyNamesPost: strings(s.standbyNamesPost),
    dataDurability: s.dataDurability === 'preferred' ? 'preferred' : 'required',
  };
}

/** bootstrap.initdb, or for a recovery its database, owner and secret (same field names). */
function readInitdb(v: unknown): InitdbSpec {
  const b = obj(v);
  const i = Object.keys(obj(b.initdb)).length > 0 ? obj(b.initdb) : obj(b.recovery);
  return {
    database: str(i.database) ?? 'app',
    owner: str(i.owner),
    secretName: str(obj(i.secret).name),
    encoding: str(i.encoding),
    locale: str(i.locale) ?? str(i.localeCollate),
    postInitSQL: strings(i.postInitSQL),
    postInitApplicationSQL: strings(i.postInitApplicationSQL),
    postInitTemplateSQL: strings(i.postInitTemplateSQL),
  };
}

export function readLeaseTimings(v: unknown): LeaseTimings {
  const l = obj(v);
  return {
    leaseDurationSeconds: num(l.leaseDurationSeconds, 15),
    renewDeadlineSeconds: num(l.renewDeadlineSeconds, 10),
    retryPeriodSeconds: num(l.retryPeriodSeconds, 2),
    releasedLeaseDurationSeconds: num(l.releasedLeaseDurationSeconds, 1),
  };
}

export function readCluster(cluster: KubeObject): ClusterView {
  const spec = obj(cluster.spec);
  const storage = obj(spec.storage);
  const wal = obj(spec.walStorage);
  const pg = obj(spec.postgresql);
  const affinity = obj(spec.affinity);
  const saMeta = obj(obj(spec.serviceAccountTemplate).metadata);
  return {
    namespace: cluster.metadata.namespace ?? 'default',
    name: cluster.metadata.name,
    uid: cluster.metadata.uid ?? '',
    instances: Math.max(1, num(spec.instances, 1)),
    imageName: str(spec.imageName) ?? DEFAULT_IMAGE,
    parameters: stringMap(pg.parameters),
    synchronous: readSynchronous(pg.synchronous),
    minSyncReplicas: num(spec.minSyncReplicas, 0),
    maxSyncReplicas: num(spec.maxSyncReplicas, 0),
    initdb: readInitdb(spec.bootstrap),
    bootstrap: Object.keys(obj(obj(spec.bootstrap).recovery)).length > 0 ? 'recovery' : 'initdb',
    storageSize: str(storage.size) ?? '1Gi',
    storageClass: str(storage.storageClass),
    walStorage: Object.keys(wal).length
      ? { size: str(wal.size) ?? '1Gi', storageClass: str(wal.storageClass) }
      : undefined,
    serviceAccountName: str(spec.serviceAccountName),
    serviceAccountMetadata: {
      labels: stringMap(saMeta.labels),
      annotations: stringMap(saMeta.annotations),
    },
    nodeSelector: Object.keys(obj(affinity.nodeSelector)).length
      ? stringMap(affinity.nodeSelector)
      : undefined,
    tolerations: Array.isArray(affinity.tolerations) ? affinity.tolerations : undefined,
    resources: Object.keys(obj(spec.resources)).length ? obj(spec.resources) : undefined,
    failoverDelaySeconds: num(spec.failoverDelay, 0),
    stopDelaySeconds: num(spec.stopDelay, 1800),
    smartShutdownTimeoutSeconds: num(spec.smartShutdownTimeout, 180),
    switchoverDelaySeconds: num(spec.switchoverDelay, 3600),
    primaryLease: readLeaseTimings(spec.primaryLease),
  };
}
