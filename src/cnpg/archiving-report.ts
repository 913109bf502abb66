// Words about a Cluster's WAL archive for logs and failures: where it is (with any query,
// fragment or user info cut off, so no SAS token or key can be repeated), how the cluster
// authenticates to it (names of Secrets and keys, never values), the archiver's state, and
// what to check when it fails.
import { oneLine } from '../log-safety.ts';
import type { ArchiverStatus } from '../postgres/archiver.ts';
import type { WalArchive } from './backup-config.ts';

export interface ArchiveContext {
  readonly namespace: string;
  readonly cluster: string;
  readonly primary: string;
  readonly serviceAccount: string;
  readonly archive: WalArchive;
  /** <destinationPath>/<serverName>/wals/, made safe to print. */
  readonly location: string;
  /** How the cluster authenticates to the store, e.g. "workload identity (inheritFromAzureAD)". */
  readonly credentials: string;
  /** The container that runs barman-cloud: the plugin's sidecar or postgres (in-core). */
  readonly container: string;
}

/** A URL without query, fragment or user info: nothing secret can ride along. */
export function safeLocation(url: string): string {
  const cut = url.replace(/[?#].*$/s, '');
  return oneLine(cut.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1'));
}

export function walLocation(destinationPath: string, serverName: string): string {
  return `${safeLocation(destinationPath).replace(/\/+$/, '')}/${serverName}/wals/`;
}

type Selector = { name?: string; key?: string } | undefined;

const secretRef = (s: Selector) => (s?.name ? `${s.name}/${s.key ?? '?'}` : undefined);

/** The credentials of a BarmanObjectStoreConfiguration, by reference only. */
export function describeCredentials(configuration: unknown): string {
  const c = (configuration ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const azure = c.azureCredentials;
  const s3 = c.s3Credentials;
  const google = c.googleCredentials;
  if (azure?.inheritFromAzureAD === true)
    return 'workload identity (azureCredentials.inheritFromAzureAD)';
  if (azure?.useDefaultAzureCredentials === true)
    return 'the default Azure credential chain (azureCredentials.useDefaultAzureCredentials)';
  if (s3?.inheritFromIAMRole === true)
    return 'the IAM role of the pod (s3Credentials.inheritFromIAMRole)';
  if (google?.gkeEnvironment === true)
    return 'the GKE workload identity (googleCredentials.gkeEnvironment)';
  const refs = [azure, s3, google]
    .flatMap((group) => Object.values(group ?? {}))
    .map((v) => secretRef(v as Selector))
    .filter((v): v is string => v !== undefined);
  return refs.length > 0
    ? `Secret keys ${[...new Set(refs)].join(', ')}`
    : 'no credentials configured';
}

function time(ms: number | undefined): string {
  return ms === undefined ? '' : ` at ${new Date(ms).toISOString()}`;
}

export function describeArchiver(pod: string, s: ArchiverStatus): string {
  return (
    `pg_stat_archiver on ${pod}: last archived ${s.lastArchivedWal ?? 'none'}${time(s.lastArchivedAt)}, ` +
    `last failed ${s.lastFailedWal ?? 'none'}${time(s.lastFailedAt)}; ${s.archivedCount} archived, ${s.failedCount} failed since the statistics were reset`
  );
}

/** What to look at when WAL does not reach the store. */
export function archiveChecks(where: ArchiveContext): string[] {
  const config =
    where.archive.kind === 'plugin'
      ? `ObjectStore ${where.archive.objectStore} (spec.configuration)`
      : `Cluster ${where.cluster} (spec.backup.barmanObjectStore)`;
  return [
    `Archive: ${where.location} (${config}); credentials: ${where.credentials}`,
    'What to check:',
    `  - the credentials in ${config} and the Secret keys they name`,
    `  - with workload identity: the federated credential of the managed identity for subject system:serviceaccount:${where.namespace}:${where.serviceAccount} and the azure.workload.identity/client-id annotation of that ServiceAccount (pgha deploy with identity-name sets both up)`,
    '  - that the container or bucket exists and the identity may write to it (barman-cloud 3.16 and later do not create it)',
    `  - the log of container ${where.container} in pod ${where.primary}: kubectl logs -n ${where.namespace} ${where.primary} -c ${where.container}`,
  ];
}
