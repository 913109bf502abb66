// The Barman Cloud plugin's writes to ObjectStore status.serverRecoveryWindow[serverName]
// (internal/cnpgi/instance/recovery_window.go): after a backup the first recoverability
// point and last successful backup time, after a failed one lastFailedBackupTime; each
// write keeps the other fields of the entry and the other servers' entries.
import { rfc3339 } from '../cnpg/resources.ts';
import type { Store } from '../kube/types.ts';
import { OBJECT_STORES, obj } from './config.ts';
import type { ArchiveConfig } from './config.ts';
import type { RecoveryWindow } from './retention.ts';

type Fields = Record<string, Date | undefined>;

function mergeWindow(store: Store, config: ArchiveConfig, fields: Fields): void {
  const name = config.objectStoreName;
  if (!name || !store.get(OBJECT_STORES, config.namespace, name)) return;
  store.patchStatus(OBJECT_STORES, config.namespace, name, (s) => {
    const windows = { ...obj(s.serverRecoveryWindow) };
    const entry = { ...obj(windows[config.serverName]) };
    for (const [key, at] of Object.entries(fields)) {
      if (at) entry[key] = rfc3339(at);
      else Reflect.deleteProperty(entry, key);
    }
    windows[config.serverName] = entry;
    s.serverRecoveryWindow = windows;
  });
}

export function setRecoveryWindow(store: Store, config: ArchiveConfig, w: RecoveryWindow): void {
  mergeWindow(store, config, {
    firstRecoverabilityPoint: w.firstRecoverabilityPoint,
    lastSuccessfulBackupTime: w.lastSuccessfulBackupTime,
  });
}

export function setLastFailedBackupTime(store: Store, config: ArchiveConfig, at: Date): void {
  mergeWindow(store, config, { lastFailedBackupTime: at });
}
