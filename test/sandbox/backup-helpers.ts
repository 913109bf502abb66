// Shared by the backup and recovery tests: Clusters that archive to the sandbox's Azurite,
// Backups, blob listings through @azure/storage-blob, and app connections.
import * as k8s from '@kubernetes/client-node';
import type pg from 'pg';
import { parseBackupInfo } from '../../sandbox/backup/backup-info.ts';
import type { BackupInfo } from '../../sandbox/backup/backup-info.ts';
import { clusterRef, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';

export const DEST = 'https://sandbox.blob.core.windows.net/backups';
export const PLUGIN = 'barman-cloud.cloudnative-pg.io';

export function barmanObjectStore(path: string, extra: Record<string, unknown> = {}) {
  return {
    destinationPath: `${DEST}/${path}`,
    azureCredentials: { inheritFromAzureAD: true },
    wal: { maxParallel: 8 },
    ...extra,
  };
}

export async function createCluster(
  h: Harness,
  name: string,
  spec: Record<string, unknown>,
  annotations?: Record<string, string>,
) {
  await h.custom.createNamespacedCustomObject({
    ...clusterRef(h.namespace),
    body: {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name, namespace: h.namespace, ...(annotations ? { annotations } : {}) },
      spec: { instances: 1, storage: { size: '1Gi' }, ...spec },
    },
  });
}

export async function createObjectStore(
  h: Harness,
  name: string,
  path: string,
  retentionPolicy?: string,
) {
  await h.custom.createNamespacedCustomObject({
    group: 'barmancloud.cnpg.io',
    version: 'v1',
    namespace: h.namespace,
    plural: 'objectstores',
    body: {
      apiVersion: 'barmancloud.cnpg.io/v1',
      kind: 'ObjectStore',
      metadata: { name, namespace: h.namespace },
      spec: {
        configuration: barmanObjectStore(path),
        ...(retentionPolicy ? { retentionPolicy } : {}),
      },
    },
  });
}

/** The batch/v1 client (Jobs) of the harness's sandbox. */
export function batchApi(h: Harness): k8s.BatchV1Api {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(h.sandbox.kubeconfigPath);
  return kc.makeApiClient(k8s.BatchV1Api);
}

export function backupRef(h: Harness) {
  return { group: 'postgresql.cnpg.io', version: 'v1', namespace: h.namespace, plural: 'backups' };
}

export async function createBackup(
  h: Harness,
  name: string,
  cluster: string,
  spec: Record<string, unknown> = {},
) {
  await h.custom.createNamespacedCustomObject({
    ...backupRef(h),
    body: {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Backup',
      metadata: { name, namespace: h.namespace },
      spec: { cluster: { name: cluster }, ...spec },
    },
  });
}

export interface BackupStatus {
  phase?: string;
  error?: string;
  backupId?: string;
  backupName?: string;
  online?: boolean;
  pluginMetadata?: Record<string, string>;
  beginWal?: string;
  endWal?: string;
  beginLSN?: string;
  endLSN?: string;
  startedAt?: string;
  stoppedAt?: string;
  destinationPath?: string;
  serverName?: string;
  method?: string;
}

export async function backupStatus(h: Harness, name: string): Promise<BackupStatus> {
  const b = (await h.custom.getNamespacedCustomObject({ ...backupRef(h), name })) as {
    status?: BackupStatus;
  };
  return b.status ?? {};
}

/** Waits for a terminal phase, recording every phase seen on the way. */
export async function waitBackupDone(
  h: Harness,
  name: string,
  seen: string[] = [],
  timeoutMs = 60_000,
) {
  return waitFor(
    `backup ${name} done`,
    async () => {
      const s = await backupStatus(h, name);
      if (s.phase && seen.at(-1) !== s.phase) seen.push(s.phase);
      return (s.phase === 'completed' || s.phase === 'failed') && s;
    },
    timeoutMs,
  );
}

export function container(h: Harness) {
  const os = h.sandbox.objectStore;
  const account = os?.accounts.get('sandbox');
  if (!os || !account) throw new Error('the sandbox has no object store');
  return os.client(account).getContainerClient('backups');
}

export async function blobNames(h: Harness, prefix: string): Promise<string[]> {
  const names: string[] = [];
  for await (const b of container(h).listBlobsFlat({ prefix })) names.push(b.name);
  return names;
}

export async function backupInfo(h: Harness, root: string, backupId: string): Promise<BackupInfo> {
  const body = await container(h)
    .getBlobClient(`${root}/base/${backupId}/backup.info`)
    .downloadToBuffer();
  return parseBackupInfo(body.toString('utf8'));
}

/** A superuser session on the instance's own server (what `kubectl cnpg psql` gives). */
export async function superuser(h: Harness, pod: string): Promise<pg.Client> {
  const inst = h.sandbox.cnpg.instance(h.namespace, pod);
  if (!inst) throw new Error(`no instance ${pod}`);
  return inst.connect('app');
}

export async function condition(h: Harness, cluster: string, type: string) {
  return (await h.status(cluster)).conditions?.find((c) => c.type === type);
}

/** Switches WAL on the primary and returns the name of the segment it closed. */
export async function switchWal(h: Harness, pod: string): Promise<string> {
  const c = await superuser(h, pod);
  try {
    // Some WAL first: pg_switch_wal() on an empty segment switches nothing.
    await c.query("SELECT pg_logical_emit_message(false, 'pgha', 'switch')");
    const r = await c.query<{ f: string }>('SELECT pg_walfile_name(pg_switch_wal()) AS f');
    return r.rows[0]?.f ?? '';
  } finally {
    await c.end();
  }
}

export interface EventView {
  type: string;
  reason: string;
  message: string;
}

/** The events recorded for an object, oldest first, as `kubectl describe` lists them. */
export async function eventsOf(h: Harness, name: string): Promise<EventView[]> {
  const list = await h.core.listNamespacedEvent({
    namespace: h.namespace,
    fieldSelector: `involvedObject.name=${name}`,
  });
  return list.items.map((e) => ({
    type: e.type ?? '',
    reason: e.reason ?? '',
    message: e.message ?? '',
  }));
}

export interface Recorded {
  type: string;
  rv: number;
  /** Date.now() when the event arrived. */
  at: number;
  obj: { metadata?: { name?: string }; status?: Record<string, unknown> };
}

/** Records every watch event of a collection (with the object's resourceVersion). */
export async function recordWatch(
  h: Harness,
  path: string,
): Promise<{ events: Recorded[]; stop: () => void }> {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(h.sandbox.kubeconfigPath);
  const events: Recorded[] = [];
  const req = await new k8s.Watch(kc).watch(
    path,
    {},
    (type, obj: Recorded['obj'] & { metadata?: { resourceVersion?: string } }) =>
      events.push({ type, rv: Number(obj.metadata?.resourceVersion), at: Date.now(), obj }),
    () => undefined,
  );
  return {
    events,
    stop: () => {
      req.abort();
    },
  };
}

/** The HTTP status and body of a failed API call (0 when it succeeded). */
export async function statusOf(p: Promise<unknown>): Promise<{ code: number; body: string }> {
  try {
    await p;
    return { code: 0, body: '' };
  } catch (e) {
    const err = e as { code?: number; body?: unknown };
    return {
      code: err.code ?? -1,
      body: typeof err.body === 'string' ? err.body : JSON.stringify(err.body),
    };
  }
}
