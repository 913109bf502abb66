// Status writes of a Backup and of its Cluster as CNPG 1.30 makes them: the
// LastBackupSucceeded condition (cluster_conditions.go), FlagBackupAsFailed (phase failed,
// error, reconciliationTerminatedAt, method; the Cluster's lastFailedBackup and condition),
// and the recovery window the in-core backup maintenance writes on the Cluster after a
// backup (firstRecoverabilityPoint, lastSuccessfulBackup and their ByMethod maps).
import { CLUSTERS, rfc3339 } from '../cnpg/resources.ts';
import { setClusterCondition } from '../cnpg/status.ts';
import type { Condition } from '../cnpg/status.ts';
import type { KubeObject, Store } from '../kube/types.ts';
import { BACKUPS, obj } from './config.ts';
import type { RecoveryWindow } from './retention.ts';

export function patchBackup(
  store: Store,
  b: KubeObject,
  fn: (s: Record<string, unknown>) => void,
): void {
  if (!store.get(BACKUPS, b.metadata.namespace, b.metadata.name)) return;
  store.patchStatus(BACKUPS, b.metadata.namespace, b.metadata.name, fn);
}

export const BACKUP_STARTING: Condition = {
  type: 'LastBackupSucceeded',
  status: 'False',
  reason: 'BackupStarted',
  message: 'New Backup starting up',
};

const BACKUP_SUCCEEDED: Condition = {
  type: 'LastBackupSucceeded',
  status: 'True',
  reason: 'LastBackupSucceeded',
  message: 'Backup was successful',
};

export function setBackupCondition(store: Store, cluster: KubeObject, succeeded: boolean): void {
  const cond = succeeded ? BACKUP_SUCCEEDED : BACKUP_STARTING;
  setClusterCondition(store, cluster.metadata.namespace, cluster.metadata.name, cond);
}

function patchCluster(store: Store, cluster: KubeObject, fn: (s: Record<string, unknown>) => void) {
  const { namespace, name } = cluster.metadata;
  if (store.get(CLUSTERS, namespace, name)) store.patchStatus(CLUSTERS, namespace, name, fn);
}

/** FlagBackupAsFailed (pkg/resources/status/backup.go). */
export function failBackup(
  store: Store,
  backup: KubeObject,
  cluster: KubeObject | undefined,
  message: string,
): void {
  patchBackup(store, backup, (s) =>
    Object.assign(s, {
      phase: 'failed',
      error: message,
      reconciliationTerminatedAt: rfc3339(),
      method: typeof backup.spec?.method === 'string' ? backup.spec.method : 'barmanObjectStore',
    }),
  );
  if (!cluster) return;
  patchCluster(store, cluster, (s) => (s.lastFailedBackup = rfc3339()));
  setClusterCondition(store, cluster.metadata.namespace, cluster.metadata.name, {
    type: 'LastBackupSucceeded',
    status: 'False',
    reason: 'LastBackupFailed',
    message,
  });
}

/** Cluster.UpdateBackupTimes for the barmanObjectStore method (in-core maintenance). */
export function setClusterBackupTimes(store: Store, cluster: KubeObject, w: RecoveryWindow): void {
  const method = 'barmanObjectStore';
  patchCluster(store, cluster, (s) => {
    const set = (mapKey: string, key: string, at: Date | undefined) => {
      const byMethod = { ...obj(s[mapKey]) };
      if (at) byMethod[method] = rfc3339(at);
      else Reflect.deleteProperty(byMethod, method);
      const times = Object.values(byMethod).filter((t): t is string => typeof t === 'string');
      if (Object.keys(byMethod).length > 0) s[mapKey] = byMethod;
      else Reflect.deleteProperty(s, mapKey);
      const sorted = times.sort();
      const pick = key === 'firstRecoverabilityPoint' ? sorted[0] : sorted.at(-1);
      if (pick) s[key] = pick;
      else Reflect.deleteProperty(s, key);
    };
    set('firstRecoverabilityPointByMethod', 'firstRecoverabilityPoint', w.firstRecoverabilityPoint);
    set('lastSuccessfulBackupByMethod', 'lastSuccessfulBackup', w.lastSuccessfulBackupTime);
  });
}
