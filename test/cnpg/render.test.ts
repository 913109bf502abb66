// Rendered objects checked against the real CRD schemas across backup methods, credential
// kinds and options, and the guide's production Cluster checked field by field.
import { load, loadAll } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { renderDeploy, type RenderedObject } from '../../src/cnpg/render.ts';
import type { BackupMethod } from '../../src/inputs/types.ts';
import { loadCrds, validateObject } from '../../sandbox/kube/crd-schema.ts';
import { CLIENT_ID, deployInputs } from './fixtures.ts';

const crds = loadCrds();
const origin = {
  repository: 'org/app',
  sha: 'abc123',
  runId: '42',
  actor: 'octocat',
  serverUrl: 'https://github.com',
};

async function render(
  values: Record<string, string>,
  method: BackupMethod = 'plugin',
): Promise<RenderedObject[]> {
  return (await renderDeploy(deployInputs(values), { backupMethod: method, origin })).objects;
}

const byKind = (objects: RenderedObject[], kind: string) =>
  objects.find((o) => o.kind === kind) as RenderedObject & { spec: Record<string, unknown> };

const VARIANTS: [string, Record<string, string>][] = [
  ['guide', {}],
  [
    'storage key',
    { 'backup-credentials': 'storage-key', 'backup-credentials-secret': 'blob-creds' },
  ],
  ['SAS token', { 'backup-credentials': 'sas-token', 'backup-credentials-secret': 'blob-creds' }],
  [
    'S3 keys + MinIO',
    {
      'backup-destination': 's3://pg-backups/orders',
      'backup-credentials-secret': 's3',
      'backup-endpoint-url': 'http://minio.minio:9000',
    },
  ],
  ['IAM role', { 'backup-destination': 's3://pg-backups', 'backup-credentials': 'iam-role' }],
  ['no backups', { 'backup-destination': '', 'workload-identity-client-id': '' }],
  ['no schedule', { 'backup-schedule': 'none' }],
  [
    'monitoring both + pooler + exposure',
    {
      monitoring: 'both',
      pooler: 'rw',
      'pooler-mode': 'transaction',
      expose: 'both',
      'allowed-source-ranges': '203.0.113.7/32',
    },
  ],
  ['managed prometheus only', { monitoring: 'managed-prometheus' }],
  ['no monitoring', { monitoring: 'none' }],
  [
    'WAL volume, storage class, async',
    { 'wal-storage-size': '16Gi', 'storage-class': 'managed-csi-premium', 'sync-replicas': '0' },
  ],
  [
    'overrides',
    { overrides: 'enablePDB: false\npostgresql:\n  parameters:\n    max_connections: "300"' },
  ],
  [
    'single instance',
    { instances: '1', 'sync-replicas': '0', cpu: '500m', memory: '1Gi', 'node-memory': '' },
  ],
];

describe.each(['plugin', 'barman-object-store'] as const)('backup method %s', (method) => {
  test.each(VARIANTS)('%s: every CNPG object is valid against its CRD', async (_, values) => {
    const objects = await render(values, method);
    const cnpg = objects.filter((o) => o.apiVersion !== 'v1');
    expect(cnpg.map((o) => [o.kind, validateObject(crds, o)])).toEqual(
      cnpg.map((o) => [o.kind, []]),
    );
  });
});

test('the guide values reproduce the production Cluster of the AKS guide', async () => {
  const c = byKind(await render({}, 'barman-object-store'), 'Cluster');
  expect(c.metadata).toMatchObject({ name: 'pg-primary', namespace: 'cnpg-database' });
  expect(c.spec).toMatchObject({
    instances: 3,
    imageName: 'ghcr.io/cloudnative-pg/postgresql:18-system-trixie',
    smartShutdownTimeout: 30,
    inheritedMetadata: {
      annotations: { 'service.beta.kubernetes.io/azure-dns-label-name': 'pg-primary-demo' },
      labels: { 'azure.workload.identity/use': 'true' },
    },
    probes: {
      startup: {
        type: 'streaming',
        maximumLag: '32Mi',
        periodSeconds: 5,
        timeoutSeconds: 3,
        failureThreshold: 120,
      },
      readiness: { type: 'streaming', maximumLag: '0', periodSeconds: 10, failureThreshold: 6 },
    },
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { 'cnpg.io/cluster': 'pg-primary' } },
      },
    ],
    affinity: { nodeSelector: { workload: 'postgres' } },
    resources: { requests: { memory: '8Gi', cpu: '2' }, limits: { memory: '8Gi', cpu: '2' } },
    bootstrap: {
      initdb: {
        database: 'appdb',
        owner: 'app',
        secret: { name: 'db-user-pass' },
        dataChecksums: true,
      },
    },
    storage: { size: '64Gi' },
    postgresql: {
      synchronous: { method: 'any', number: 1, failoverQuorum: true },
      pg_hba: ['host all all all scram-sha-256'],
      parameters: {
        shared_buffers: '4GB',
        effective_cache_size: '12GB',
        maintenance_work_mem: '1GB',
        wal_compression: 'lz4',
        max_wal_size: '6GB',
        min_wal_size: '2GB',
        max_slot_wal_keep_size: '10GB',
        hot_standby_feedback: 'on',
      },
    },
    serviceAccountTemplate: {
      metadata: {
        annotations: { 'azure.workload.identity/client-id': CLIENT_ID },
        labels: { 'azure.workload.identity/use': 'true' },
      },
    },
    backup: {
      retentionPolicy: '7d',
      barmanObjectStore: {
        destinationPath: 'https://pgbackups.blob.core.windows.net/backups',
        azureCredentials: { inheritFromAzureAD: true },
      },
    },
  });
  expect(c.spec).not.toHaveProperty('plugins');
});

test('the plugin method wires an ObjectStore as WAL archiver, created before the Cluster', async () => {
  const objects = await render({});
  expect(objects.map((o) => o.kind)).toEqual([
    'ObjectStore',
    'Cluster',
    'ScheduledBackup',
    'PodMonitor',
  ]);
  expect(byKind(objects, 'Cluster').spec).toMatchObject({
    imageName: 'ghcr.io/cloudnative-pg/postgresql:18-standard-trixie',
    plugins: [
      {
        name: 'barman-cloud.cloudnative-pg.io',
        isWALArchiver: true,
        parameters: { barmanObjectName: 'pg-primary-backup-store' },
      },
    ],
  });
  expect(byKind(objects, 'Cluster').spec).not.toHaveProperty('backup');
  expect(byKind(objects, 'ObjectStore').spec).toMatchObject({
    retentionPolicy: '7d',
    configuration: { destinationPath: 'https://pgbackups.blob.core.windows.net/backups' },
  });
  expect(byKind(objects, 'ScheduledBackup').spec).toEqual({
    schedule: '0 0 0 * * *',
    cluster: { name: 'pg-primary' },
    backupOwnerReference: 'self',
    immediate: true,
    method: 'plugin',
    pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' },
  });
});

test.each([
  [
    'storage-key',
    {
      storageAccount: { name: 'c', key: 'AZURE_STORAGE_ACCOUNT' },
      storageKey: { name: 'c', key: 'AZURE_STORAGE_KEY' },
    },
  ],
  [
    'sas-token',
    {
      storageAccount: { name: 'c', key: 'AZURE_STORAGE_ACCOUNT' },
      storageSasToken: { name: 'c', key: 'AZURE_STORAGE_SAS_TOKEN' },
    },
  ],
])('%s credentials reference the secret', async (kind, azureCredentials) => {
  const store = byKind(
    await render({ 'backup-credentials': kind, 'backup-credentials-secret': 'c' }),
    'ObjectStore',
  );
  expect(store.spec).toMatchObject({ configuration: { azureCredentials } });
});

test('S3 with an endpoint URL for MinIO', async () => {
  const store = byKind(
    await render({
      'backup-destination': 's3://pg-backups',
      'backup-credentials-secret': 's3',
      'backup-endpoint-url': 'http://minio:9000',
    }),
    'ObjectStore',
  );
  expect(store.spec).toMatchObject({
    configuration: {
      destinationPath: 's3://pg-backups',
      endpointURL: 'http://minio:9000',
      s3Credentials: { accessKeyId: { name: 's3', key: 'ACCESS_KEY_ID' } },
    },
  });
});

test('monitoring, pooler and exposure', async () => {
  const objects = await render({
    monitoring: 'both',
    pooler: 'ro',
    expose: 'both',
    'allowed-source-ranges': '203.0.113.7/32',
  });
  const monitors = objects.filter((o) => o.kind === 'PodMonitor');
  expect(monitors.map((o) => o.apiVersion)).toEqual([
    'monitoring.coreos.com/v1',
    'azmonitoring.coreos.com/v1',
  ]);
  expect(monitors[1]).toMatchObject({
    metadata: { labels: { 'azure.workload.identity/use': 'true' } },
    spec: {
      selector: {
        matchLabels: { 'azure.workload.identity/use': 'true', 'cnpg.io/cluster': 'pg-primary' },
      },
    },
  });
  expect(byKind(objects, 'Pooler')).toMatchObject({
    metadata: { name: 'pg-primary-pooler-ro' },
    spec: { type: 'ro', cluster: { name: 'pg-primary' } },
  });
  const services = objects.filter((o) => o.kind === 'Service');
  expect(
    services.map((s) => [
      s.metadata.name,
      (s.spec as { ports: { port: number }[] }).ports[0]?.port,
    ]),
  ).toEqual([
    ['pg-primary-rw-lb', 5432],
    ['pg-primary-ro-lb', 5433],
  ]);
  expect(services[1]).toMatchObject({
    spec: {
      type: 'LoadBalancer',
      loadBalancerSourceRanges: ['203.0.113.7/32'],
      selector: { 'cnpg.io/instanceRole': 'replica', 'cnpg.io/podRole': 'instance' },
    },
  });
});

test('traceability annotations, the labels teardown finds them by, and no Secret', async () => {
  const objects = await render({
    pooler: 'rw',
    expose: 'rw',
    'allowed-source-ranges': '203.0.113.7/32',
    monitoring: 'podmonitor',
  });
  expect(objects.map((o) => o.kind)).toEqual(
    expect.arrayContaining(['Cluster', 'Pooler', 'Service', 'PodMonitor', 'ScheduledBackup']),
  );
  for (const o of objects) {
    expect(o.metadata.annotations).toMatchObject({
      'pgha.io/repository': 'org/app',
      'pgha.io/sha': 'abc123',
      'pgha.io/run': 'https://github.com/org/app/actions/runs/42',
      'pgha.io/actor': 'octocat',
    });
    expect(o.metadata.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'pgha',
      'pgha.io/cluster': 'pg-primary',
      'pgha.io/role': 'deploy',
      'pgha.io/run-id': '42',
    });
  }
  expect(objects.map((o) => o.kind)).not.toContain('Secret');
});

test('the YAML is exactly the objects: no input can add a key or a document', async () => {
  const inputs = deployInputs({
    'postgresql-parameters': 'application_name: "x\\"\\n- evil: true"'.replace('\\n', ' '),
    overrides: 'description: "a: b\\n---\\nkind: Secret"',
  });
  const rendered = await renderDeploy(inputs, {
    backupMethod: 'plugin',
    origin: { actor: 'o"\n- evil: true' },
  });
  const docs = loadAll(rendered.yaml);
  expect(docs).toEqual(JSON.parse(JSON.stringify(rendered.objects)));
  expect(docs.map((d) => (d as RenderedObject).kind)).not.toContain('Secret');
  expect(load(rendered.yaml.split('---\n')[1] ?? '')).toMatchObject({
    metadata: { annotations: { 'pgha.io/actor': 'o"\n- evil: true' } },
  });
});

describe('refusals', () => {
  test('parameters that CNPG manages', async () => {
    await expect(
      render({ 'postgresql-parameters': 'archive_command: /bin/true\nport: 5433' }),
    ).rejects.toThrow(
      /input 'postgresql-parameters': archive_command, port are managed by CloudNativePG/,
    );
  });
  test('override keys that are not Cluster spec fields', async () => {
    await expect(render({ overrides: 'instancez: 3' })).rejects.toThrow(
      /input 'overrides': instancez is not a field of the CNPG Cluster spec/,
    );
  });
  test('an in-core backup override with the plugin', async () => {
    await expect(render({ overrides: 'backup:\n  retentionPolicy: 30d' })).rejects.toThrow(
      /cannot be combined with the Barman Cloud plugin/,
    );
  });
  test('overrides merge maps and replace scalars', async () => {
    const c = byKind(
      await render({ overrides: 'enablePDB: false\nstorage:\n  size: 128Gi' }),
      'Cluster',
    );
    expect(c.spec).toMatchObject({ enablePDB: false, storage: { size: '128Gi' }, instances: 3 });
  });
});
