// Which backup method deploy renders: the Barman Cloud plugin (an ObjectStore wired in as WAL
// archiver) or the in-core spec.backup.barmanObjectStore that CNPG 1.31 removes.
import { ConfigurationError } from '../errors.ts';
import type { BackupMethod, BackupMethodInput } from '../inputs/types.ts';

export interface BackupChoice {
  readonly method: BackupMethod;
  readonly reason: string;
}

/**
 * backup-method auto: the Barman Cloud plugin when the cluster serves its ObjectStore CRD (or
 * when rendering only, with no cluster to ask), else the in-core barmanObjectStore.
 */
export function chooseBackupMethod(
  requested: BackupMethodInput,
  servesPlugin?: boolean,
): BackupChoice {
  if (requested !== 'auto') {
    if (requested === 'plugin' && servesPlugin === false)
      throw new ConfigurationError(
        "input 'backup-method': plugin, but the cluster does not serve barmancloud.cnpg.io/v1 ObjectStore: install the Barman Cloud plugin (https://github.com/cloudnative-pg/plugin-barman-cloud) or use the in-core method (example: backup-method: barman-object-store)",
      );
    return { method: requested, reason: `backup-method: ${requested} was requested` };
  }
  if (servesPlugin === undefined)
    return {
      method: 'plugin',
      reason:
        'backup-method: auto with render-only: the Barman Cloud plugin, the supported path (the in-core barmanObjectStore is removed in CNPG 1.31)',
    };
  return servesPlugin
    ? {
        method: 'plugin',
        reason:
          'backup-method: auto and the cluster serves barmancloud.cnpg.io/v1 ObjectStore: the Barman Cloud plugin',
      }
    : {
        method: 'barman-object-store',
        reason:
          'backup-method: auto and the cluster does not serve barmancloud.cnpg.io (no Barman Cloud plugin): the in-core barmanObjectStore, which CNPG 1.31 removes; install the plugin to move on',
      };
}
