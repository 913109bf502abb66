// deploy's check of backup-credentials-secret before anything is applied: the Secret must be
// in the cluster's namespace with the keys CNPG will read, or WAL archiving fails from the
// first segment on, while the Cluster itself comes up healthy and the deploy looks fine.
// Only the key names are read; no value is logged. Without the right to read Secrets the check
// is skipped with a notice.
import { ConfigurationError } from '../errors.ts';
import type { BackupSettings } from '../inputs/types.ts';
import { KubeApiError } from '../kube/errors.ts';
import type { KubeHttp } from '../kube/http.ts';
import { readObject } from '../kube/read.ts';
import type { Logger } from '../logging.ts';
import { SECRET_KEYS } from './backup.ts';

export async function checkBackupSecret(
  http: KubeHttp,
  namespace: string,
  backup: BackupSettings,
  logger: Logger,
): Promise<void> {
  const name = backup.credentialsSecret;
  if (!name || !(backup.credentials in SECRET_KEYS)) return;
  const keys: readonly string[] = SECRET_KEYS[backup.credentials as keyof typeof SECRET_KEYS];
  const example = `kubectl -n ${namespace} create secret generic ${name} ${keys.map((k) => `--from-literal=${k}=...`).join(' ')}`;
  let secret;
  try {
    secret = await readObject(http, { apiVersion: 'v1', kind: 'Secret', namespace, name });
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 403) {
      logger.warning(
        `Cannot read Secret ${namespace}/${name} (403): not checking that it holds ${keys.join(' and ')}`,
      );
      return;
    }
    throw error;
  }
  if (!secret)
    throw new ConfigurationError(
      `input 'backup-credentials-secret': Secret ${name} does not exist in namespace ${namespace}, and CNPG would fail to archive WAL without it; create it first (example: ${example})`,
    );
  // The API server folds stringData into data: a Secret as read has data only.
  const present = new Set(Object.keys(secret.data ?? {}));
  const missing = keys.filter((k) => !present.has(k));
  if (missing.length > 0)
    throw new ConfigurationError(
      `input 'backup-credentials-secret': Secret ${namespace}/${name} has no key ${missing.join(' or ')}, which backup-credentials: ${backup.credentials} reads (example: ${example})`,
    );
  logger.info(`Secret ${namespace}/${name} holds ${keys.join(' and ')}`);
}
