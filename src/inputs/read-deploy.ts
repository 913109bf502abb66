// deploy's inputs, read and cross-checked into one frozen DeployInputs.
import { schedule } from './parse-cron.ts';
import {
  cidrs,
  destination,
  endpointUrl,
  nodeSelector,
  overrides,
  postgresqlParameters,
  retention,
} from './parse-deploy.ts';
import {
  ParseError,
  boolean,
  guid,
  image,
  integer,
  objectName,
  oneOf,
  quantity,
  singleLine,
  sqlIdentifier,
} from './parse.ts';
import {
  inputReader,
  readShared,
  type DefaultedName,
  type GetInput,
  type InputReader,
} from './read.ts';
import { ACTIONS, type InputName } from './spec.ts';
import {
  BACKUP_CREDENTIALS,
  BACKUP_METHODS,
  EXPOSE,
  MONITORING,
  POOLER,
  POOLER_MODES,
  type BackupCredentialKind,
  type BackupSettings,
  type DeployInputs,
  type Quantity,
} from './types.ts';

/** Larger sizes of memory or volumes are typos, not plans (the largest Azure VM has 12Ti). */
export const MAX_SIZE_BYTES = 64 * 2 ** 40;

const size = (example: string) => (v: string) => quantity(v, example, MAX_SIZE_BYTES);

type DeployReader = InputReader<
  InputName<'deploy'>,
  DefaultedName<(typeof ACTIONS)['deploy']['inputs']>
>;

export function readDeployInputs(get: GetInput): DeployInputs {
  const r = inputReader(get, ACTIONS.deploy.inputs);
  const instances = r.value('instances', (v) => integer(v, 1, 10, '3'));
  const memory = r.value('memory', size('8Gi'));
  const allowPublic = r.value('allow-public', boolean);
  const expose = r.value('expose', (v) => oneOf(v, EXPOSE));
  const workloadIdentityClientId = r.optional('workload-identity-client-id', guid);
  const inputs = {
    ...readShared(r),
    instances,
    postgresImage: r.optional('postgres-image', image),
    storageClass: r.optional('storage-class', (v) => objectName(v, 'managed-csi-premium')),
    storageSize: r.value('storage-size', size('64Gi')),
    walStorageSize: r.optional('wal-storage-size', size('16Gi')),
    cpu: r.value('cpu', (v) => quantity(v, '2')),
    memory,
    nodeMemory: readNodeMemory(r, memory),
    postgresqlParameters: r.optional('postgresql-parameters', postgresqlParameters) ?? {},
    database: r.value('database', (v) => sqlIdentifier(v, 'database', 'appdb')),
    owner: r.value('owner', (v) => sqlIdentifier(v, 'role', 'app')),
    appSecret: r.value('app-secret', (v) => objectName(v, 'db-user-pass')),
    syncReplicas: syncReplicas(r, instances),
    workloadIdentityClientId,
    dnsLabel: r.optional('dns-label', dnsLabel),
    backup: readBackup(r, workloadIdentityClientId),
    backupMethod: r.value('backup-method', (v) => oneOf(v, BACKUP_METHODS)),
    monitoring: r.value('monitoring', (v) => oneOf(v, MONITORING)),
    nodeSelector: r.optional('node-selector', nodeSelector) ?? {},
    pooler: r.value('pooler', (v) => oneOf(v, POOLER)),
    poolerMode: r.value('pooler-mode', (v) => oneOf(v, POOLER_MODES)),
    expose,
    allowedSourceRanges: readRanges(r, expose, allowPublic),
    overrides: r.optional('overrides', overrides),
    identity: readIdentity(r),
    forceConflicts: r.value('force-conflicts', boolean),
    dryRun: readDryRun(r),
    renderOnly: r.value('render-only', boolean),
    manifestsDir: r.optional('manifests-dir', (v) => singleLine(v, '${{ runner.temp }}/manifests')),
  };
  return r.finish(inputs as DeployInputs);
}

/** The inputs that name the managed identity whose federated credential an action ensures. */
type IdentityInputName =
  | 'identity-name'
  | 'identity-resource-group'
  | 'aks-cluster'
  | 'azure-client-id'
  | 'resource-group';

/**
 * identity-name and identity-resource-group (default: resource-group), for deploy and
 * restore-verify: the federated credential needs the Azure login and the AKS OIDC issuer.
 */
export function readIdentity(
  r: InputReader<IdentityInputName>,
): { name: string; resourceGroup: string } | undefined {
  const name = r.optional('identity-name', (v) => armName(v, 'id-pg-backup'));
  const group = r.optional('identity-resource-group', (v) => armName(v, 'rg-pg'));
  if (name === undefined) {
    if (group !== undefined)
      r.problem(
        'identity-resource-group',
        'is set without identity-name',
        'identity-name: id-pg-backup',
      );
    return undefined;
  }
  if (r.raw('aks-cluster') === '' || r.raw('azure-client-id') === '') {
    r.problem(
      'identity-name',
      'the federated credential needs the Azure login and aks-cluster (its OIDC issuer)',
      'azure-client-id, azure-tenant-id, azure-subscription-id, resource-group and aks-cluster',
    );
    return undefined;
  }
  return { name, resourceGroup: group ?? r.raw('resource-group') };
}

function readDryRun(r: DeployReader): boolean {
  const dryRun = r.value('dry-run', boolean);
  if (dryRun && r.raw('render-only') === 'true')
    r.problem(
      'dry-run',
      'needs a cluster, and render-only contacts none',
      'dry-run: true with render-only: false',
    );
  return dryRun;
}

/** Azure resource names: letters, digits, '-', '_', '.', '(' , ')' ; at most 90 characters. */
export function armName(raw: string, example: string): string {
  if (!/^[-\w.()]{1,90}$/.test(raw) || raw.endsWith('.'))
    throw new ParseError('is not an Azure resource name (letters, digits, - _ . ( ))', example);
  return raw;
}

/** The node PostgreSQL is sized for holds the pod: node-memory below memory is refused. */
function readNodeMemory(r: DeployReader, memory: Quantity | undefined): Quantity {
  const node = r.optional('node-memory', size('16Gi'));
  if (node && memory && node.value < memory.value) {
    r.problem(
      'node-memory',
      `${node.text} is less than memory (${memory.text}): the node cannot be smaller than the pod`,
      twice(memory).text,
    );
  }
  return node ?? twice(memory);
}

function twice(memory: Quantity | undefined): Quantity {
  const m = /^(\d+)(.*)$/.exec(memory?.text ?? '');
  const value = 2 * (memory?.value ?? 0);
  return m?.[1]
    ? { text: `${2 * Number(m[1])}${m[2] ?? ''}`, value }
    : { text: String(value), value };
}

function syncReplicas(r: DeployReader, instances: number): number {
  const n = r.value('sync-replicas', (v) => integer(v, 0, 9, '1'));
  if (n >= instances) {
    r.problem(
      'sync-replicas',
      `${n} must be less than instances (${instances}): a commit would wait for standbys that do not exist`,
      `${Math.max(0, instances - 1)}`,
    );
  }
  return n;
}

function dnsLabel(raw: string): string {
  return objectName(raw, 'pg-orders-prod');
}

function readRanges(r: DeployReader, expose: string, allowPublic: boolean): readonly string[] {
  const ranges = r.optional('allowed-source-ranges', (v) => cidrs(v, allowPublic)) ?? [];
  if (expose !== 'none' && ranges.length === 0 && r.raw('allowed-source-ranges') === '') {
    r.problem('allowed-source-ranges', `is required with expose: ${expose}`, '203.0.113.7/32');
  }
  return ranges;
}

const AZURE_KINDS: readonly BackupCredentialKind[] = [
  'workload-identity',
  'storage-key',
  'sas-token',
];
const SECRET_KINDS: readonly BackupCredentialKind[] = ['storage-key', 'sas-token', 's3-keys'];

function readBackup(
  r: DeployReader,
  workloadClientId: string | undefined,
): BackupSettings | undefined {
  const dest = r.optional('backup-destination', destination);
  const endpoint = r.optional('backup-endpoint-url', endpointUrl);
  const retentionPolicy = r.value('backup-retention', retention);
  const cron = r.attempt('backup-schedule', () => schedule(r.raw('backup-schedule')));
  const requested = r.value('backup-credentials', (v) => oneOf(v, ['auto', ...BACKUP_CREDENTIALS]));
  const secret = r.optional('backup-credentials-secret', (v) => objectName(v, 'pg-backup-creds'));
  if (!dest) return undefined;
  if (endpoint && dest.kind !== 's3')
    r.problem(
      'backup-endpoint-url',
      'only applies to s3:// destinations',
      's3://pg-backups with http://minio.minio:9000',
    );
  const credentials = resolveCredentials(requested, dest.kind);
  checkCredentials(r, credentials, dest.kind, secret, workloadClientId);
  const destinationWithEndpoint =
    dest.kind === 's3' && endpoint ? { ...dest, endpointUrl: endpoint } : dest;
  return {
    destination: destinationWithEndpoint,
    credentials,
    ...(secret ? { credentialsSecret: secret } : {}),
    retention: retentionPolicy,
    ...(cron ? { schedule: cron } : {}),
  };
}

function resolveCredentials(requested: string, kind: 'azure' | 's3'): BackupCredentialKind {
  if (requested === 'auto') return kind === 'azure' ? 'workload-identity' : 's3-keys';
  return requested as BackupCredentialKind;
}

function checkCredentials(
  r: DeployReader,
  credentials: BackupCredentialKind,
  kind: 'azure' | 's3',
  secret: string | undefined,
  workloadClientId: string | undefined,
): void {
  if (AZURE_KINDS.includes(credentials) !== (kind === 'azure')) {
    r.problem(
      'backup-credentials',
      `${credentials} does not apply to a ${kind} destination`,
      kind === 'azure' ? 'workload-identity' : 's3-keys',
    );
  }
  if (SECRET_KINDS.includes(credentials) && !secret) {
    r.problem(
      'backup-credentials-secret',
      `is required with backup-credentials: ${credentials}`,
      'pg-backup-creds',
    );
  }
  if (credentials === 'workload-identity' && !workloadClientId) {
    r.problem(
      'workload-identity-client-id',
      'is required for backups with workload identity (the default for Azure Blob)',
      '6b8d3a4e-1f2c-4e5d-9a7b-0c1d2e3f4a5b',
    );
  }
}
