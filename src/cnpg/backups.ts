// The Backup CR (facts §3): the on-demand Backup pgha creates (labelled as `kubectl cnpg
// backup` does, plus pgha's labels), finding an existing one of the same name (a re-run
// reports it), the Backups of a Cluster, the newest completed one, and the facts of a Backup
// as the outputs and the summary give them.
import { ConfigurationError } from '../errors.ts';
import type { BackupKind, BackupTarget } from '../inputs/read-backup.ts';
import type { RunOrigin } from '../inputs/types.ts';
import { KubeApiError } from '../kube/errors.ts';
import type { KubeHttp } from '../kube/http.ts';
import { collectionPath, type KubeObject } from '../kube/resources.ts';
import { CNPG_METHOD } from './backup-config.ts';
import { CNPG_GROUP_VERSION } from './discovery.ts';
import { PLUGIN_NAME, meta, pghaLabels, type RenderedObject } from './objects.ts';

export const BACKUP = { apiVersion: CNPG_GROUP_VERSION, kind: 'Backup' } as const;

export interface BackupStatusView {
  readonly phase?: string;
  readonly error?: string;
  readonly method?: string;
  readonly backupId?: string;
  readonly backupName?: string;
  readonly beginWal?: string;
  readonly endWal?: string;
  readonly beginLSN?: string;
  readonly endLSN?: string;
  readonly startedAt?: string;
  readonly stoppedAt?: string;
  readonly destinationPath?: string;
  readonly serverName?: string;
  readonly instanceID?: { readonly podName?: string };
  readonly reconciliationTerminatedAt?: string;
}

export interface BackupView extends KubeObject {
  spec?: {
    cluster?: { name?: string };
    method?: string;
    target?: string;
    pluginConfiguration?: { name?: string };
  };
  status?: BackupStatusView;
}

/** Only these two phases end a Backup (walArchivingFailing and pending can last forever). */
export const TERMINAL_PHASES = ['completed', 'failed'] as const;

export function isDone(b: BackupView | undefined): boolean {
  const phase = b?.status?.phase ?? '';
  return (TERMINAL_PHASES as readonly string[]).includes(phase);
}

export interface BackupRequest {
  readonly name: string;
  readonly namespace: string;
  readonly cluster: string;
  readonly method: BackupKind;
  readonly target?: BackupTarget;
  readonly origin: RunOrigin;
}

export function backupManifest(r: BackupRequest): RenderedObject {
  const labels = { 'cnpg.io/cluster': r.cluster, ...pghaLabels(r.cluster, 'backup', r.origin) };
  return {
    ...BACKUP,
    metadata: meta(r.name, r.namespace, r.origin, { labels }),
    spec: {
      cluster: { name: r.cluster },
      method: CNPG_METHOD[r.method],
      ...(r.target ? { target: r.target } : {}),
      ...(r.method === 'plugin' ? { pluginConfiguration: { name: PLUGIN_NAME } } : {}),
    },
  };
}

function backupsPath(namespace: string): string {
  return collectionPath(BACKUP.apiVersion, BACKUP.kind, namespace);
}

export async function getBackup(
  http: KubeHttp,
  namespace: string,
  name: string,
): Promise<BackupView | undefined> {
  const { status, body } = await http.json<BackupView | undefined>({
    method: 'GET',
    path: `${backupsPath(namespace)}/${name}`,
    allowNotFound: true,
    context: `reading Backup ${name} in namespace ${namespace}`,
  });
  return status === 404 ? undefined : body;
}

/** An existing Backup of that name must be of this Cluster: the name is the user's choice. */
export function checkOwnBackup(b: BackupView, cluster: string): BackupView {
  const of = b.spec?.cluster?.name ?? '';
  if (of !== cluster)
    throw new ConfigurationError(
      `input 'backup-name': Backup ${b.metadata.name} already exists in namespace ${b.metadata.namespace ?? ''} and backs up Cluster ${of}, not ${cluster}; choose another name (example: backup-name: ${cluster}-before-upgrade)`,
    );
  return b;
}

/** Creates the Backup; one that appeared meanwhile (409) is read and reported instead. */
export async function createBackup(
  http: KubeHttp,
  manifest: RenderedObject,
  cluster: string,
): Promise<{ backup: BackupView; created: boolean }> {
  const namespace = manifest.metadata.namespace ?? '';
  try {
    const { body } = await http.json<BackupView>({
      method: 'POST',
      path: backupsPath(namespace),
      query: { fieldManager: 'pgha' },
      body: manifest,
      context: `creating Backup ${manifest.metadata.name}`,
    });
    return { backup: body, created: true };
  } catch (error) {
    if (!(error instanceof KubeApiError) || error.status !== 409) throw error;
    const existing = await getBackup(http, namespace, manifest.metadata.name);
    if (!existing) throw error;
    return { backup: checkOwnBackup(existing, cluster), created: false };
  }
}

/**
 * The Backups in the namespace: those of the Cluster (by spec.cluster.name: Backups made by
 * hand may lack the label) and the others, so that a name taken by another Cluster is seen.
 */
export async function listBackups(http: KubeHttp, namespace: string): Promise<BackupView[]> {
  const { body } = await http.json<{ items: BackupView[] }>({
    method: 'GET',
    path: backupsPath(namespace),
    context: `listing the Backups in namespace ${namespace}`,
  });
  return body.items;
}

export interface CompletedBackup {
  readonly name: string;
  /** When it completed: stoppedAt, else when CNPG finished reconciling it. */
  readonly completedAt: string;
}

/** The newest completed Backup among these, by completion time. */
export function newestCompleted(backups: readonly BackupView[]): CompletedBackup | undefined {
  return backups
    .filter((b) => b.status?.phase === 'completed')
    .map((b) => ({
      name: b.metadata.name,
      completedAt:
        b.status?.stoppedAt ??
        b.status?.reconciliationTerminatedAt ??
        b.metadata.creationTimestamp ??
        '',
    }))
    .filter((c) => Number.isFinite(Date.parse(c.completedAt)))
    .sort((a, b) => Date.parse(b.completedAt) - Date.parse(a.completedAt))[0];
}

/** Other Backups of the Cluster that are not done: CNPG runs one at a time. */
export function unfinished(backups: readonly BackupView[], except: string): string[] {
  return backups
    .filter((b) => b.metadata.name !== except && !isDone(b))
    .map((b) => `${b.metadata.name} (${b.status?.phase ?? 'new'})`);
}
