// Typed, validated inputs. Readers in this folder produce these frozen objects before any
// network call; renderers and actions consume only these types, never raw strings.

export interface AzureLogin {
  readonly clientId: string;
  readonly tenantId: string;
  readonly subscriptionId: string;
}

export interface AksTarget {
  readonly resourceGroup: string;
  readonly cluster: string;
  readonly admin: boolean;
}

export interface SharedInputs {
  /** Kubeconfig content from the `kubeconfig` input; undefined means KUBECONFIG / default file. */
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly azure?: AzureLogin;
  readonly aks?: AksTarget;
  /** Entra ID authority host (input azure-authority-host), an https origin. */
  readonly authorityHost: string;
  /** Azure Resource Manager endpoint (input arm-endpoint), an https origin. */
  readonly armEndpoint: string;
  /** Write the kubeconfig used to RUNNER_TEMP and set output kubeconfig-path. */
  readonly writeKubeconfig: boolean;
  readonly namespace: string;
  readonly clusterName: string;
  readonly timeoutMs: number;
}

/** A Kubernetes resource quantity as the user wrote it, plus its value in base units (bytes or cores). */
export interface Quantity {
  readonly text: string;
  readonly value: number;
}

export type BackupDestination =
  | {
      readonly kind: 'azure';
      /** The normalised destinationPath, without a trailing slash. */
      readonly url: string;
      readonly account: string;
      readonly container: string;
      readonly path?: string;
    }
  | {
      readonly kind: 's3';
      readonly url: string;
      readonly bucket: string;
      readonly path?: string;
      readonly endpointUrl?: string;
    };

export const BACKUP_CREDENTIALS = [
  'workload-identity',
  'storage-key',
  'sas-token',
  's3-keys',
  'iam-role',
] as const;
export type BackupCredentialKind = (typeof BACKUP_CREDENTIALS)[number];

export interface BackupSettings {
  readonly destination: BackupDestination;
  /** Resolved from `auto`: workload-identity for Azure, s3-keys for S3. */
  readonly credentials: BackupCredentialKind;
  /** Secret with the credentials; required for storage-key, sas-token and s3-keys. */
  readonly credentialsSecret?: string;
  /** `^[1-9][0-9]*[dwm]$` */
  readonly retention: string;
  /** Six-field CNPG cron, or undefined for `none`. */
  readonly schedule?: string;
}

export const BACKUP_METHODS = ['auto', 'plugin', 'barman-object-store'] as const;
export type BackupMethodInput = (typeof BACKUP_METHODS)[number];
export type BackupMethod = Exclude<BackupMethodInput, 'auto'>;

export const MONITORING = ['podmonitor', 'managed-prometheus', 'both', 'none'] as const;
export type Monitoring = (typeof MONITORING)[number];

export const POOLER = ['none', 'rw', 'ro'] as const;
export type PoolerType = (typeof POOLER)[number];
export const POOLER_MODES = ['session', 'transaction'] as const;
export type PoolerMode = (typeof POOLER_MODES)[number];

export const EXPOSE = ['none', 'rw', 'ro', 'both'] as const;
export type Expose = (typeof EXPOSE)[number];

export type YamlScalar = string | number | boolean;
export type YamlValue =
  YamlScalar | null | readonly YamlValue[] | { readonly [key: string]: YamlValue };
export type YamlMap = { readonly [key: string]: YamlValue };

export interface DeployInputs extends SharedInputs {
  readonly instances: number;
  /** Explicit image, or undefined to choose by backup method. */
  readonly postgresImage?: string;
  readonly storageClass?: string;
  readonly storageSize: Quantity;
  readonly walStorageSize?: Quantity;
  readonly cpu: Quantity;
  readonly memory: Quantity;
  /** Basis for PostgreSQL sizing; defaults to twice `memory`. */
  readonly nodeMemory: Quantity;
  /** Values as strings, as CNPG's spec.postgresql.parameters wants them. */
  readonly postgresqlParameters: Readonly<Record<string, string>>;
  readonly database: string;
  readonly owner: string;
  readonly appSecret: string;
  readonly syncReplicas: number;
  readonly workloadIdentityClientId?: string;
  readonly dnsLabel?: string;
  readonly backup?: BackupSettings;
  readonly backupMethod: BackupMethodInput;
  readonly monitoring: Monitoring;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly pooler: PoolerType;
  readonly poolerMode: PoolerMode;
  readonly expose: Expose;
  readonly allowedSourceRanges: readonly string[];
  readonly overrides?: YamlMap;
  /** Managed identity whose federated credential deploy ensures for the cluster's service account. */
  readonly identity?: { readonly name: string; readonly resourceGroup: string };
  readonly forceConflicts: boolean;
  readonly dryRun: boolean;
  readonly renderOnly: boolean;
  readonly manifestsDir?: string;
}

/** Where a run comes from, for traceability annotations (GITHUB_* environment). */
export interface RunOrigin {
  readonly repository?: string;
  readonly sha?: string;
  readonly runId?: string;
  readonly runAttempt?: string;
  readonly actor?: string;
  readonly workflow?: string;
  readonly serverUrl?: string;
}
