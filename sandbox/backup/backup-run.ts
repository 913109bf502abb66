// Starting a Backup on its elected pod as CNPG's backup controller does
// (startInstanceManagerBackup): event Starting "Starting backup for cluster <c>", status
// majorVersion, then phase `started` with instanceID, method and reconciliationStartedAt;
// the instance manager then runs the in-core path (backup-incore.ts) or the plugin's
// (backup-plugin.ts).
import { recordEvent } from '../cnpg/events.ts';
import { PG_MAJOR, rfc3339 } from '../cnpg/resources.ts';
import { runInCoreBackup } from './backup-incore.ts';
import type { BackupJob } from './backup-job.ts';
import { runPluginBackup } from './backup-plugin.ts';
import { patchBackup } from './backup-status.ts';
import { containerId } from './backup-target.ts';

export async function startBackup(job: BackupJob): Promise<void> {
  const { deps, backup, cluster, target } = job;
  recordEvent(
    deps,
    backup,
    'Normal',
    'Starting',
    `Starting backup for cluster ${cluster.metadata.name}`,
  );
  const plugin = job.config.method === 'plugin';
  patchBackup(deps.store, backup, (s) => {
    Object.assign(s, {
      majorVersion: Number(PG_MAJOR),
      phase: 'started',
      error: '',
      instanceID: { podName: target.pod.metadata.name, ContainerID: containerId(target.pod) },
      method: plugin ? 'plugin' : 'barmanObjectStore',
      reconciliationStartedAt: rfc3339(),
    });
  });
  if (plugin) await runPluginBackup(job);
  else await runInCoreBackup(job);
}
