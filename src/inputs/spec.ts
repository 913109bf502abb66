// The one place where action input and output names, descriptions and defaults live.
// scripts/build.mjs writes every action.yml from these tables; test/inputs/spec.test.ts
// checks that the committed action.yml files agree with them.

export const COMMANDS = [
  'deploy',
  'backup',
  'restore-verify',
  'failover-drill',
  'teardown',
] as const;
export type Command = (typeof COMMANDS)[number];

export interface InputSpec {
  readonly description: string;
  /** Default as action.yml declares it; absent means "not set". */
  readonly default?: string;
  readonly required?: boolean;
}

export interface OutputSpec {
  readonly description: string;
}

/** Every action writes the kubeconfig it used when asked (input write-kubeconfig). */
export const SHARED_OUTPUTS = {
  'kubeconfig-path': {
    description: 'Path of the kubeconfig written with write-kubeconfig: true (mode 600).',
  },
} as const satisfies Record<string, OutputSpec>;

export const SHARED_INPUTS = {
  kubeconfig: {
    description:
      'Kubeconfig content to use. When empty, KUBECONFIG or ~/.kube/config is used, unless the Azure inputs select an AKS cluster.',
  },
  context: { description: 'Kubeconfig context to use (default: the current context).' },
  'azure-client-id': {
    description:
      'Client ID of the Entra ID application or managed identity to log in as with GitHub OIDC.',
  },
  'azure-tenant-id': { description: 'Entra ID tenant ID for the OIDC login.' },
  'azure-subscription-id': { description: 'Azure subscription that holds the AKS cluster.' },
  'resource-group': { description: 'Resource group of the AKS cluster.' },
  'aks-cluster': { description: 'Name of the AKS cluster whose credentials to fetch after login.' },
  'aks-admin': {
    description:
      'Fetch admin credentials (listClusterAdminCredential) instead of user credentials.',
    default: 'false',
  },
  'azure-authority-host': {
    description:
      'Entra ID authority host for the OIDC login: https://login.microsoftonline.us for US Government, https://login.chinacloudapi.cn for China, the sandbox URL for tests.',
    default: 'https://login.microsoftonline.com',
  },
  'arm-endpoint': {
    description:
      'Azure Resource Manager endpoint: https://management.usgovcloudapi.net for US Government, https://management.chinacloudapi.cn for China.',
    default: 'https://management.azure.com',
  },
  'write-kubeconfig': {
    description:
      'Write the kubeconfig pgha used to RUNNER_TEMP (mode 600) and set output kubeconfig-path, for later kubectl steps. With Entra ID user credentials it holds a token valid for about an hour.',
    default: 'false',
  },
  namespace: { description: 'Namespace of the PostgreSQL cluster.', default: 'cnpg-database' },
  'cluster-name': {
    description: 'Name of the CNPG Cluster: a DNS-1035 label of at most 50 characters.',
    required: true,
  },
  timeout: {
    description: 'Overall time bound of the step, e.g. 15m, 90s, 1h; at most 24h.',
    default: '15m',
  },
} as const satisfies Record<string, InputSpec>;

export const FAILOVER_DRILL_INPUTS = {
  mode: {
    description:
      "kill: delete the primary's pod (grace-period) | switchover: promote target as kubectl cnpg promote does.",
    default: 'kill',
  },
  'grace-period': {
    description:
      "Grace period of the pod deletion with mode kill: 1 (CNPG's own e2e drills) | 0 (immediate, as kubectl delete --force --grace-period=0) | default (the pod's terminationGracePeriodSeconds, CNPG's stopDelay: a clean shutdown).",
    default: '1',
  },
  target: {
    description:
      'Instance to promote with mode switchover, e.g. pg-orders-2 (a number n means <cluster-name>-n). Default: the most advanced streaming standby.',
  },
  writers: {
    description:
      'Connections that write numbered rows during the drill, each through its own port-forward to the current primary (1-32).',
    default: '4',
  },
  'warm-up': { description: 'Write load before the fault, e.g. 5s.', default: '5s' },
  observe: {
    description: 'Write load after the Cluster is healthy again, e.g. 10s.',
    default: '10s',
  },
  'max-downtime': {
    description:
      'Fail the step when the downtime (fault to the first acknowledged write on the new primary) is longer, e.g. 30s. Default: no limit.',
  },
  'max-lost-writes': {
    description:
      'Fail the step when more acknowledged writes than this are missing afterwards: a number, or any to only report.',
    default: '0',
  },
  'switch-back': {
    description:
      'After the drill, switch over back to the original primary and wait until the Cluster is healthy.',
    default: 'true',
  },
  'keep-table': {
    description:
      'Keep the drill table (output drill-table) instead of dropping it, e.g. to inspect it.',
    default: 'false',
  },
  'report-path': {
    description:
      'Where to write the JSON evidence of the drill. Default: RUNNER_TEMP/pgha-failover-drill-<cluster-name>.json.',
  },
} as const satisfies Record<string, InputSpec>;

export const FAILOVER_DRILL_OUTPUTS = {
  'old-primary': { description: 'The primary before the fault.' },
  'new-primary': { description: 'The primary after the fault (before any switch back).' },
  timeline: { description: 'PostgreSQL timeline of the new primary.' },
  'downtime-seconds': {
    description:
      'Seconds from the fault to the first acknowledged write on the new primary, as the writers saw it.',
  },
  'failover-seconds': {
    description: 'Seconds from the fault until the Cluster status named a new currentPrimary.',
  },
  'healthy-seconds': {
    description: 'Seconds from the fault until the Cluster was healthy again.',
  },
  'acknowledged-writes': {
    description: 'Writes whose COMMIT returned, before and after the fault.',
  },
  'lost-writes': {
    description: 'Acknowledged writes missing on the new primary afterwards.',
  },
  'in-doubt-writes': {
    description:
      'Writes whose connection ended after they were sent, with no answer: committed or not.',
  },
  durability: {
    description:
      'Replication mode the result depends on: async, or sync with method, number, dataDurability and failoverQuorum.',
  },
  'drill-table': { description: 'The drill table, with keep-table: true (schema.table).' },
  report: { description: 'Path of the JSON evidence file.' },
  ...SHARED_OUTPUTS,
} as const satisfies Record<string, OutputSpec>;

export const DEPLOY_INPUTS = {
  instances: {
    description: 'Number of PostgreSQL instances (primary plus replicas).',
    default: '3',
  },
  'postgres-image': {
    description:
      'PostgreSQL operand image. Default: ghcr.io/cloudnative-pg/postgresql:18-standard-trixie with the Barman Cloud plugin, 18-system-trixie with the in-core backup.',
  },
  'storage-class': {
    description: 'StorageClass of the data volumes (default: the cluster default).',
  },
  'storage-size': { description: 'Size of each data volume.', default: '64Gi' },
  'wal-storage-size': {
    description:
      'Size of a separate WAL volume per instance (default: none, WAL on the data volume).',
  },
  cpu: { description: 'CPU request and limit of each instance (Guaranteed QoS).', default: '2' },
  memory: {
    description: 'Memory request and limit of each instance (Guaranteed QoS).',
    default: '8Gi',
  },
  'node-memory': {
    description:
      'Memory of the node that PostgreSQL sizing is computed from (shared_buffers, caches); at least memory. Default: twice memory.',
  },
  'postgresql-parameters': {
    description:
      'YAML map of PostgreSQL parameters merged over the computed ones, e.g. "max_connections: 200". At most 64 KiB, no anchors or aliases.',
  },
  database: { description: 'Application database created by initdb.', default: 'appdb' },
  owner: { description: 'Owner role of the application database.', default: 'app' },
  'app-secret': {
    description:
      'Secret with the owner credentials; created with a random password when absent, never overwritten.',
    default: 'db-user-pass',
  },
  'sync-replicas': {
    description:
      'Synchronous standbys a commit waits for (quorum, method any); 0 means asynchronous replication.',
    default: '1',
  },
  'workload-identity-client-id': {
    description:
      'Client ID of the managed identity the cluster service account federates with (Azure workload identity).',
  },
  'dns-label': {
    description: 'Azure DNS label annotation for LoadBalancer services of the cluster.',
  },
  'backup-destination': {
    description:
      'Object store for WAL and base backups: https://<account>.blob.core.windows.net/<container>[/path] or s3://bucket[/path]. Empty: no backups.',
  },
  'backup-endpoint-url': {
    description:
      'Endpoint URL of an S3-compatible store such as MinIO, e.g. http://minio.minio:9000.',
  },
  'backup-credentials': {
    description:
      'How the cluster authenticates to the object store: auto | workload-identity | storage-key | sas-token | s3-keys | iam-role. auto: workload-identity for Azure, s3-keys for S3.',
    default: 'auto',
  },
  'backup-credentials-secret': {
    description:
      'Secret holding the object store credentials (keys AZURE_STORAGE_ACCOUNT/AZURE_STORAGE_KEY, AZURE_STORAGE_SAS_TOKEN, or ACCESS_KEY_ID/ACCESS_SECRET_KEY).',
  },
  'backup-method': {
    description:
      'auto (Barman Cloud plugin when the cluster serves its ObjectStore CRD, else in-core; plugin when render-only) | plugin | barman-object-store.',
    default: 'auto',
  },
  'backup-retention': {
    description: 'Retention policy of backups, e.g. 7d, 4w, 3m.',
    default: '7d',
  },
  'backup-schedule': {
    description:
      'Six-field CNPG cron (seconds first) of the ScheduledBackup; none renders no ScheduledBackup.',
    default: '0 0 0 * * *',
  },
  monitoring: {
    description: 'podmonitor | managed-prometheus | both | none.',
    default: 'podmonitor',
  },
  'node-selector': {
    description: 'Node selector of the instances as key=value[,key=value], e.g. workload=postgres.',
  },
  pooler: {
    description: 'PgBouncer Pooler in front of the cluster: none | rw | ro.',
    default: 'none',
  },
  'pooler-mode': { description: 'PgBouncer pool mode: session | transaction.', default: 'session' },
  expose: {
    description:
      'LoadBalancer services for clients outside the cluster: none | rw | ro | both (rw on 5432, ro on 5433).',
    default: 'none',
  },
  'allowed-source-ranges': {
    description:
      'Comma-separated CIDRs allowed to reach exposed services, e.g. 203.0.113.7/32. Required with expose.',
  },
  'allow-public': {
    description:
      'Allow allowed-source-ranges that together cover half or more of the IPv4 space or of the IPv6 global unicast space 2000::/3 (e.g. 0.0.0.0/0, or 0.0.0.0/1 with 128.0.0.0/1).',
    default: 'false',
  },
  overrides: {
    description:
      'YAML map deep-merged into the rendered Cluster spec, e.g. "enablePDB: false"; checked like the inputs and against the Cluster CRD schema. At most 64 KiB, no anchors or aliases.',
  },
  'identity-name': {
    description:
      'User-assigned managed identity for backups: deploy ensures its federated credential for the AKS OIDC issuer and subject system:serviceaccount:<namespace>:<cluster-name>.',
  },
  'identity-resource-group': {
    description: 'Resource group of identity-name (default: resource-group).',
  },
  'force-conflicts': {
    description:
      'Take over fields that another field manager (kubectl, another tool) owns. Default: fail and list the conflicts.',
    default: 'false',
  },
  'dry-run': {
    description:
      'Server-side dry run: validate every object against the cluster and report what would change, writing nothing (for pull requests).',
    default: 'false',
  },
  'render-only': { description: 'Write the manifests and contact no cluster.', default: 'false' },
  'manifests-dir': {
    description: 'Directory for the rendered manifests (default: under RUNNER_TEMP).',
  },
} as const satisfies Record<string, InputSpec>;

export const DEPLOY_OUTPUTS = {
  manifests: { description: 'Path of the rendered multi-document YAML file.' },
  'cluster-name': { description: 'Name of the CNPG Cluster.' },
  namespace: { description: 'Namespace of the cluster.' },
  'backup-method': { description: 'Backup method used: plugin, barman-object-store or none.' },
  primary: { description: 'Pod name of the current primary instance.' },
  'rw-service': { description: 'Service for read-write connections (the primary).' },
  'ro-service': { description: 'Service for read-only connections (the replicas).' },
  'app-secret': {
    description: 'Secret with the application credentials (keys username and password).',
  },
  'ready-seconds': {
    description:
      'Seconds from connecting (the OIDC login and AKS credentials included) until the cluster was healthy.',
  },
  ...SHARED_OUTPUTS,
} as const satisfies Record<string, OutputSpec>;

export const BACKUP_INPUTS = {
  'backup-name': {
    description:
      'Name of the Backup to take. Running again with the name of an existing Backup of the cluster reports that Backup instead of taking another. Default: <cluster-name>-<UTC YYYYMMDDHHMMSS>.',
  },
  method: {
    description:
      'auto (what the Cluster is configured with: the Barman Cloud plugin WAL archiver, else the in-core spec.backup.barmanObjectStore) | plugin | barman-object-store | volume-snapshot (needs spec.backup.volumeSnapshot).',
    default: 'auto',
  },
  target: {
    description:
      "Where the backup runs: prefer-standby | primary. Default: the Cluster's spec.backup.target, itself prefer-standby unless set.",
  },
  'verify-wal': {
    description:
      'Prove WAL archiving first: switch WAL on the primary (psql as postgres through pods/exec) and wait until pg_stat_archiver shows the segment archived and the ContinuousArchiving condition is True.',
    default: 'true',
  },
  wait: {
    description:
      'Wait until the Backup is completed or failed (within timeout). false: create it and report its phase at once.',
    default: 'true',
  },
  'max-backup-age': {
    description:
      'Fail when the newest completed backup before this run is older than this duration, e.g. 26h for a daily schedule (a schedule that silently stopped). Default: no check.',
  },
} as const satisfies Record<string, InputSpec>;

export const BACKUP_OUTPUTS = {
  'backup-name': { description: 'Name of the Backup (created by this run, or the existing one).' },
  'backup-id': { description: 'Backup ID in the object store (barman: YYYYMMDDTHHMMSS).' },
  method: { description: 'Backup method: plugin, barman-object-store or volume-snapshot.' },
  phase: {
    description: 'Phase of the Backup when the step ended: completed, failed, running, ...',
  },
  'begin-wal': { description: 'First WAL segment the backup needs.' },
  'end-wal': { description: 'Last WAL segment the backup needs.' },
  'begin-lsn': { description: 'LSN where the backup began.' },
  'end-lsn': { description: 'LSN where the backup ended.' },
  'started-at': { description: 'When the backup started (RFC 3339, from the Backup status).' },
  'stopped-at': { description: 'When the backup stopped (RFC 3339, from the Backup status).' },
  'backup-seconds': { description: 'Seconds from startedAt to stoppedAt of the Backup.' },
  'archived-wal': { description: 'The WAL segment proven archived (with verify-wal).' },
  'wal-archive-seconds': {
    description: 'Seconds from the WAL switch until pg_stat_archiver showed the segment archived.',
  },
  'recovery-window-start': {
    description:
      "First point of recoverability (RFC 3339): the ObjectStore's serverRecoveryWindow for the plugin, the Cluster status for the in-core method.",
  },
  ...SHARED_OUTPUTS,
} as const satisfies Record<string, OutputSpec>;

export const RESTORE_VERIFY_INPUTS = {
  'backup-name': {
    description:
      'Backup of cluster-name to restore. Default: its newest completed Backup (plugin or in-core, as the Cluster archives), pinned by its backupID.',
  },
  target: {
    description:
      'marker: write marker rows A and B on the source around a time T, restore to T and require A present and B absent | latest: restore to the end of the archive and require A | an RFC 3339 time (e.g. 2026-05-01T03:00:00Z): restore to it, no markers.',
    default: 'marker',
  },
  'recovery-cluster': {
    description:
      'Name of the throwaway Cluster. Default: <cluster-name>-verify-<run id>, cut to 50 characters.',
  },
  'recovery-namespace': {
    description:
      "Namespace of the throwaway Cluster (default: the source's). With the plugin it needs the source's ObjectStore, with the in-core method its credential Secrets.",
  },
  instances: { description: 'Instances of the throwaway Cluster (1-3).', default: '1' },
  'storage-size': {
    description: "Data volume size of the throwaway Cluster (default: the source's).",
  },
  'storage-class': {
    description: "StorageClass of the throwaway Cluster (default: the source's).",
  },
  checks: {
    description:
      'YAML list of checks on the restored application database, run read-only as the application user: {name, sql, expect} (exact text of the first column of the first row) or {name, sql, min, max} (a number). Validated before anything starts.',
  },
  'verify-command': {
    description:
      'Command run on the runner (bash -c) with PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE for the restored database over a port-forward; its exit status is a check.',
  },
  amcheck: {
    description:
      'none | indexes (bt_index_check on every B-tree index of the application database) | heapallindexed (also checks that every heap tuple is indexed). The extension is created in the throwaway Cluster only.',
    default: 'indexes',
  },
  keep: {
    description:
      'Keep the throwaway Cluster: never (delete it in main) | on-failure (keep it when a check or the restore failed, for inspection) | always.',
    default: 'never',
  },
  'identity-name': {
    description:
      "User-assigned managed identity that reads the backups: its federated credential for the throwaway Cluster's service account is ensured before and removed after (needs the Azure inputs and aks-cluster).",
  },
  'identity-resource-group': {
    description: 'Resource group of identity-name (default: resource-group).',
  },
  'max-backup-age': {
    description:
      'Fail before restoring when the chosen backup completed longer ago than this, e.g. 26h for a daily schedule. Default: no check.',
  },
  'max-restore-time': {
    description:
      'Fail when the throwaway Cluster takes longer than this from creation to healthy, e.g. 30m. Default: bounded by timeout only.',
  },
  'report-path': {
    description:
      'Where to write the JSON evidence. Default: RUNNER_TEMP/pgha-restore-verify-<cluster-name>.json.',
  },
  'open-issue-on-failure': {
    description:
      'On failure open a GitHub issue labelled pgha-restore-verify (or comment on the open one) with github-token; a passing run closes it. Needs permissions: issues: write.',
    default: 'false',
  },
  'github-token': {
    description: 'Token for open-issue-on-failure.',
    default: '${{ github.token }}',
  },
} as const satisfies Record<string, InputSpec>;

export const RESTORE_VERIFY_OUTPUTS = {
  'recovery-cluster': { description: 'Name of the throwaway Cluster.' },
  'backup-name': { description: 'The Backup that was restored.' },
  'backup-id': { description: 'Its backupID in the object store (the recovery is pinned to it).' },
  'recovered-to': {
    description:
      "The LSN where recovery stopped and the restored server's new timeline began (its timeline history file; the JSON evidence has PostgreSQL's reason, e.g. before <time>).",
  },
  'restore-seconds': {
    description: 'Seconds from creating the throwaway Cluster until it was healthy.',
  },
  'verify-seconds': { description: 'Seconds of the whole step.' },
  'checks-passed': {
    description: 'Number of checks that passed (markers, checks, amcheck, verify-command).',
  },
  'checks-failed': { description: 'Number of checks that failed.' },
  report: { description: 'Path of the JSON evidence file.' },
  'issue-url': { description: 'URL of the issue opened or commented on (open-issue-on-failure).' },
  ...SHARED_OUTPUTS,
} as const satisfies Record<string, OutputSpec>;

export const TEARDOWN_INPUTS = {
  force: {
    description:
      'Also delete a Cluster pgha did not create (no app.kubernetes.io/managed-by: pgha label). Its backups are never deleted.',
    default: 'false',
  },
  'delete-backups': {
    description:
      "Also delete the cluster's Backup objects and its data in the object store (everything under <destination>/<serverName>/), for an ephemeral cluster pgha deployed. Azure Blob Storage is reached with the workflow's Azure login (needs Storage Blob Data Contributor on the account); S3 (s3://) with the access keys in the Secret the cluster's s3Credentials name (they need s3:ListBucket and s3:DeleteObject; refused with inheritFromIAMRole, whose role pgha cannot use).",
    default: 'false',
  },
  wait: {
    description:
      "Wait until the Cluster's pods and PVCs are gone (up to timeout), reporting what is still terminating.",
    default: 'true',
  },
  'sweep-older-than': {
    description:
      "Also delete restore-verify's throwaway Clusters of this cluster older than this (e.g. 6h) that a crashed run left behind.",
  },
  'identity-name': {
    description:
      'User-assigned managed identity whose federated credentials deploy and restore-verify ensured for this cluster: they are deleted (needs the Azure inputs).',
  },
  'identity-resource-group': {
    description: 'Resource group of identity-name (default: resource-group).',
  },
  'blob-endpoint': {
    description:
      "Blob service endpoint to reach the backup storage account through instead of the destination's own host, e.g. a private endpoint or an emulator: https://10.0.0.5 or https://127.0.0.1:10000/devstoreaccount1.",
  },
  's3-endpoint': {
    description:
      "S3 endpoint that delete-backups uses from the runner instead of the Cluster's endpointURL, when that is an in-cluster name the runner cannot reach: e.g. https://minio.example.com for endpointURL http://minio.minio:9000.",
  },
} as const satisfies Record<string, InputSpec>;

export const TEARDOWN_OUTPUTS = {
  deleted: { description: 'What was deleted, one Kind/name a line (empty when nothing was).' },
  'teardown-seconds': { description: 'Seconds of the whole step.' },
  'deleted-backup-files': {
    description: 'Number of files deleted in the object store (delete-backups).',
  },
  'deleted-backup-bytes': { description: 'Bytes deleted in the object store (delete-backups).' },
  ...SHARED_OUTPUTS,
} as const satisfies Record<string, OutputSpec>;

export interface ActionSpec {
  readonly name: string;
  readonly description: string;
  readonly inputs: Readonly<Record<string, InputSpec>>;
  readonly outputs: Readonly<Record<string, OutputSpec>>;
  /** The action has a post step (runs.post with post-if: always()) that cleans up after main. */
  readonly post?: boolean;
}

export const ACTIONS = {
  deploy: {
    name: 'pgha deploy',
    description: 'Render and apply a highly available CloudNativePG PostgreSQL cluster.',
    inputs: { ...SHARED_INPUTS, ...DEPLOY_INPUTS },
    outputs: DEPLOY_OUTPUTS,
  },
  backup: {
    name: 'pgha backup',
    description:
      'Prove that WAL archiving works, take a CloudNativePG backup and report it, with the recovery window and the schedules.',
    inputs: { ...SHARED_INPUTS, ...BACKUP_INPUTS },
    outputs: BACKUP_OUTPUTS,
  },
  'restore-verify': {
    name: 'pgha restore-verify',
    description:
      'Restore the latest backup into a temporary cluster and prove that the data came back.',
    inputs: { ...SHARED_INPUTS, ...RESTORE_VERIFY_INPUTS },
    outputs: RESTORE_VERIFY_OUTPUTS,
    post: true,
  },
  'failover-drill': {
    name: 'pgha failover-drill',
    description: 'Delete the primary under write load and measure recovery time and data loss.',
    inputs: { ...SHARED_INPUTS, ...FAILOVER_DRILL_INPUTS },
    outputs: FAILOVER_DRILL_OUTPUTS,
    post: true,
  },
  teardown: {
    name: 'pgha teardown',
    description: 'Delete a cluster created by pgha, e.g. the ephemeral cluster of a pull request.',
    inputs: { ...SHARED_INPUTS, ...TEARDOWN_INPUTS },
    outputs: TEARDOWN_OUTPUTS,
  },
} as const satisfies Record<Command, ActionSpec>;

/** Input names of an action: a misspelt name does not compile. */
export type InputName<C extends Command> = keyof (typeof ACTIONS)[C]['inputs'] & string;
/** Output names of an action. */
export type OutputName<C extends Command> = keyof (typeof ACTIONS)[C]['outputs'] & string;
export type SharedInputName = keyof typeof SHARED_INPUTS;
export type SharedOutputName = keyof typeof SHARED_OUTPUTS;

function union<T>(maps: readonly Readonly<Record<string, T>>[]): Record<string, T> {
  return Object.fromEntries(maps.flatMap((m) => Object.entries(m)));
}

/**
 * The umbrella's inputs: every action's. A name that several actions use with different
 * meanings gets each action's description, and a default only when all agree: the runner
 * passes action.yml defaults whatever the command, so a default of one action must not reach
 * another (each action's reader applies its own default from its spec).
 */
function unionInputs(): Record<string, InputSpec> {
  const byName = new Map<string, { command: Command; spec: InputSpec }[]>();
  for (const command of COMMANDS)
    for (const [name, spec] of Object.entries<InputSpec>(ACTIONS[command].inputs))
      byName.set(name, [...(byName.get(name) ?? []), { command, spec }]);
  const merged = [...byName].map(([name, uses]): [string, InputSpec] => {
    const descriptions = new Set(uses.map((u) => u.spec.description));
    const defaults = new Set(uses.map((u) => u.spec.default));
    const first = uses[0]?.spec ?? { description: '' };
    if (descriptions.size === 1 && defaults.size === 1) return [name, first];
    const description = uses
      .map(
        (u) =>
          `${u.command}: ${u.spec.description}${u.spec.default ? ` (default ${u.spec.default})` : ''}`,
      )
      .join(' | ');
    const agreed = defaults.size === 1 ? first.default : undefined;
    return [name, { description, ...(agreed === undefined ? {} : { default: agreed }) }];
  });
  return Object.fromEntries(merged);
}

/** The umbrella action: input `command` plus the union of every action's inputs and outputs. */
export const UMBRELLA: ActionSpec = {
  name: 'pgha',
  description:
    'Highly available PostgreSQL on Kubernetes with CloudNativePG: one action for every pgha command.',
  inputs: {
    command: { description: `What to do: ${COMMANDS.join(' | ')}.`, required: true },
    ...unionInputs(),
  },
  outputs: union<OutputSpec>(COMMANDS.map((c) => ACTIONS[c].outputs)),
  post: COMMANDS.some((c) => (ACTIONS[c] as ActionSpec).post === true),
};
