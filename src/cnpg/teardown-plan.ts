// teardown's inventory, made before anything is deleted: the Cluster and whether pgha deployed
// it, what deploy created for it (found by pgha's labels, never by guessing names), the
// throwaway restore-verify Clusters to sweep, and with delete-backups the Backups and where
// the backup data is and what reaches it. Every refusal (a foreign Cluster, backups that are not
// pgha's to delete or that pgha cannot reach) is raised here, so that a refused run changes
// nothing.
import { ConfigurationError } from '../errors.ts';
import type { TeardownInputs } from '../inputs/read-teardown.ts';
import type { KubeHttp } from '../kube/http.ts';
import { listObjects, readObject, refOf, type KindRef, type ObjectRef } from '../kube/read.ts';
import { CNPG_CLUSTER, type KubeObject } from '../kube/resources.ts';
import { walArchiveOf, type WalArchive } from './backup-config.ts';
import { backupDataAt, configurationOf, type BackupData } from './backup-data.ts';
import { BACKUP, listBackups } from './backups.ts';
import { BARMAN_CLOUD_GROUP_VERSION, CNPG_GROUP_VERSION } from './discovery.ts';
import { CLUSTER_LABEL, MANAGED_BY, ROLE_LABEL } from './objects.ts';
import { destinationOf, type ObjectStoreView } from './recovery-window.ts';

export interface Kept {
  readonly what: string;
  readonly why: string;
}

export interface TeardownPlan {
  /** The Cluster as it was read; undefined when there is none (any more). */
  readonly cluster?: KubeObject;
  /** pgha deployed the Cluster (label app.kubernetes.io/managed-by: pgha). */
  readonly owned: boolean;
  /** Deleted before the Cluster: ScheduledBackups, Poolers, Services, PodMonitors. */
  readonly around: readonly ObjectRef[];
  /** restore-verify's throwaway Clusters older than sweep-older-than. */
  readonly swept: readonly ObjectRef[];
  /** Deleted once the Cluster is gone: the ObjectStore, then (delete-backups) the Backups. */
  readonly after: readonly ObjectRef[];
  readonly data?: BackupData;
  /** The application Secret, when pgha created it for this cluster and no other uses it. */
  readonly secrets: readonly ObjectRef[];
  /** The Namespace, when pgha created it for this cluster and nothing else lives in it. */
  readonly namespace?: ObjectRef;
  readonly kept: readonly Kept[];
}

/** Kinds deploy creates next to the Cluster, in deletion order, with the group version serving them. */
const AROUND: readonly KindRef[] = [
  { apiVersion: CNPG_GROUP_VERSION, kind: 'ScheduledBackup' },
  { apiVersion: CNPG_GROUP_VERSION, kind: 'Pooler' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor' },
  { apiVersion: 'azmonitoring.coreos.com/v1', kind: 'PodMonitor' },
];

export interface PlanDeps {
  readonly http: KubeHttp;
  readonly served: ReadonlySet<string>;
  readonly now: number;
}

const deploySelector = (cluster: string) => `${CLUSTER_LABEL}=${cluster},${ROLE_LABEL}=deploy`;

export function isPghaManaged(o: KubeObject): boolean {
  return o.metadata.labels?.[MANAGED_BY] === 'pgha';
}

export async function planTeardown(d: PlanDeps, inputs: TeardownInputs): Promise<TeardownPlan> {
  const { namespace, clusterName: name } = inputs;
  const cluster = await readObject(d.http, { ...CNPG_CLUSTER, namespace, name });
  const owned = cluster !== undefined && isPghaManaged(cluster);
  if (cluster && !owned && !inputs.force)
    throw new ConfigurationError(
      `Cluster ${name} in namespace ${namespace} was not created by pgha (no label app.kubernetes.io/managed-by: pgha): teardown leaves it alone. To delete it anyway, set force: true (example: force: true)`,
    );
  if (cluster && !owned && inputs.deleteBackups)
    throw new ConfigurationError(
      `input 'delete-backups': Cluster ${name} in namespace ${namespace} was not created by pgha, and pgha deletes the backups only of a cluster it deployed; its Backups and object-store data stay (example: delete-backups: false)`,
    );
  const kept: Kept[] = [];
  const around: ObjectRef[] = [];
  for (const kind of AROUND) {
    if (kind.apiVersion !== 'v1' && !d.served.has(kind.apiVersion)) continue;
    const found = await listObjects(d.http, kind, namespace, deploySelector(name));
    around.push(...found.map(refOf));
  }
  const swept = await sweepable(d, inputs);
  const clusters = await listObjects(d.http, CNPG_CLUSTER, namespace);
  const others = clusters.filter(
    (c) => c.metadata.name !== name && !swept.some((s) => s.name === c.metadata.name),
  );
  const stores = await objectStores(d, namespace);
  const store = objectStoreOf(stores, name, cluster);
  const after: ObjectRef[] = store ? [refOf(store)] : [];
  let data: BackupData | undefined;
  if (inputs.deleteBackups) {
    const backups = await listBackups(d.http, namespace);
    after.push(
      ...backups
        .filter((b) => b.spec?.cluster?.name === name)
        .map((b) => ({ ...BACKUP, namespace, name: b.metadata.name })),
    );
    data = backupData(inputs, cluster, { store, stores }, others, kept);
  } else if (cluster && walArchiveOf(cluster)) {
    kept.push({ what: 'Backups and object-store data', why: 'delete-backups is false' });
  }
  const ours = new Set([
    name,
    ...swept.map((s) => s.name),
    ...around.filter((t) => t.kind === 'Pooler').map((t) => t.name),
  ]);
  const secrets = await ownSecrets(d, inputs, others, kept);
  const ns = await ownNamespace(d, inputs, ours, others, kept);
  return {
    ...(cluster ? { cluster } : {}),
    owned,
    around,
    swept,
    after,
    ...(data ? { data } : {}),
    secrets,
    ...(ns ? { namespace: ns } : {}),
    kept,
  };
}

/** The namespace's ObjectStores, when the plugin's CRD is served. */
async function objectStores(d: PlanDeps, namespace: string): Promise<ObjectStoreView[]> {
  if (!d.served.has(BARMAN_CLOUD_GROUP_VERSION)) return [];
  const kind = { apiVersion: BARMAN_CLOUD_GROUP_VERSION, kind: 'ObjectStore' };
  return listObjects(d.http, kind, namespace);
}

/** The ObjectStore deploy rendered for the Cluster: labelled for it, the one it archives to first. */
function objectStoreOf(
  stores: readonly ObjectStoreView[],
  name: string,
  cluster: KubeObject | undefined,
): ObjectStoreView | undefined {
  const labels = (s: ObjectStoreView) => s.metadata.labels ?? {};
  const ours = stores.filter(
    (s) => labels(s)[CLUSTER_LABEL] === name && labels(s)[ROLE_LABEL] === 'deploy',
  );
  const archive = cluster ? walArchiveOf(cluster) : undefined;
  const named =
    archive?.kind === 'plugin'
      ? ours.find((s) => s.metadata.name === archive.objectStore)
      : undefined;
  return named ?? ours[0];
}

/** Where the cluster's backups are; refused when another Cluster still archives there. */
function backupData(
  inputs: TeardownInputs,
  cluster: KubeObject | undefined,
  { store, stores }: { store?: ObjectStoreView; stores: readonly ObjectStoreView[] },
  others: readonly KubeObject[],
  kept: Kept[],
): BackupData | undefined {
  const archive: WalArchive | undefined = cluster
    ? walArchiveOf(cluster)
    : store
      ? { kind: 'plugin', objectStore: store.metadata.name, serverName: inputs.clusterName }
      : undefined;
  if (!archive) {
    kept.push({
      what: 'object-store data',
      why: cluster
        ? 'the Cluster archives nowhere'
        : 'the Cluster and its ObjectStore are gone: where its data was is not known any more',
    });
    return undefined;
  }
  const destination = destinationOf(archive, store).replace(/\/+$/, '');
  if (destination === '') {
    kept.push({
      what: 'object-store data',
      why: `ObjectStore ${archive.kind === 'plugin' ? archive.objectStore : ''} is gone: where the data was is not known any more`,
    });
    return undefined;
  }
  const sharing = others.filter((c) => {
    const a = walArchiveOf(c);
    if (!a || a.serverName !== archive.serverName) return false;
    const theirs = stores.find((s) => a.kind === 'plugin' && s.metadata.name === a.objectStore);
    return destinationOf(a, theirs).replace(/\/+$/, '') === destination;
  });
  if (sharing.length > 0)
    throw new ConfigurationError(
      `input 'delete-backups': Cluster ${sharing.map((c) => c.metadata.name).join(', ')} still archives to ${destination}/${archive.serverName}/, the data of ${inputs.clusterName}; pgha deletes nothing another Cluster writes (example: delete-backups: false)`,
    );
  const config = configurationOf(archive, cluster, store);
  return backupDataAt(inputs.clusterName, destination, archive.serverName, config);
}

/** restore-verify Clusters of this source older than sweep-older-than, in the namespace. */
async function sweepable(d: PlanDeps, inputs: TeardownInputs): Promise<ObjectRef[]> {
  if (inputs.sweepOlderThanMs === undefined) return [];
  const selector = `${MANAGED_BY}=pgha,${CLUSTER_LABEL}=${inputs.clusterName},${ROLE_LABEL}=restore-verify`;
  const found = await listObjects(d.http, CNPG_CLUSTER, inputs.namespace, selector);
  const limit = inputs.sweepOlderThanMs;
  return found
    .filter((c) => {
      const created = Date.parse(c.metadata.creationTimestamp ?? '');
      return !Number.isNaN(created) && d.now - created >= limit;
    })
    .map(refOf);
}

/** The application Secret when pgha created it for this cluster and no other Cluster uses it. */
async function ownSecrets(
  d: PlanDeps,
  inputs: TeardownInputs,
  others: readonly KubeObject[],
  kept: Kept[],
): Promise<ObjectRef[]> {
  const secrets = await listObjects(
    d.http,
    { apiVersion: 'v1', kind: 'Secret' },
    inputs.namespace,
    deploySelector(inputs.clusterName),
  );
  return secrets.flatMap((s) => {
    const users = others.filter((c) => initdbSecret(c) === s.metadata.name);
    if (users.length === 0) return [refOf(s)];
    kept.push({
      what: `Secret/${s.metadata.name}`,
      why: `Cluster ${users.map((u) => u.metadata.name).join(', ')} uses it too`,
    });
    return [];
  });
}

/** The Namespace when pgha created it for this cluster and nothing else lives in it. */
async function ownNamespace(
  d: PlanDeps,
  inputs: TeardownInputs,
  ours: ReadonlySet<string>,
  others: readonly KubeObject[],
  kept: Kept[],
): Promise<ObjectRef | undefined> {
  const ref = { apiVersion: 'v1', kind: 'Namespace', name: inputs.namespace };
  const labels = (await readObject(d.http, ref))?.metadata.labels ?? {};
  if (labels[CLUSTER_LABEL] !== inputs.clusterName || labels[ROLE_LABEL] !== 'deploy')
    return undefined;
  const tenants = [
    ...others.map((o) => `Cluster/${o.metadata.name}`),
    ...(await foreignPods(d, inputs.namespace, ours)).map((p) => `Pod/${p}`),
  ];
  if (tenants.length === 0) return ref;
  kept.push({
    what: `Namespace/${inputs.namespace}`,
    why: `pgha created it for ${inputs.clusterName}, but ${tenants.slice(0, 5).join(', ')}${tenants.length > 5 ? ', ...' : ''} ${tenants.length === 1 ? 'lives' : 'live'} in it`,
  });
  return undefined;
}

/** Pods of the namespace that belong to none of `ours` (Clusters and Poolers being deleted). */
async function foreignPods(d: PlanDeps, namespace: string, ours: ReadonlySet<string>) {
  const pods = await listObjects(d.http, { apiVersion: 'v1', kind: 'Pod' }, namespace);
  return pods
    .filter((p) => {
      const l = p.metadata.labels ?? {};
      const owner = l['cnpg.io/cluster'] ?? l['cnpg.io/poolerName'];
      return owner === undefined || !ours.has(owner);
    })
    .map((p) => p.metadata.name);
}

function initdbSecret(c: KubeObject): string | undefined {
  const spec = (c as { spec?: { bootstrap?: { initdb?: { secret?: { name?: string } } } } }).spec;
  return spec?.bootstrap?.initdb?.secret?.name;
}
