// The `overrides` input goes through the checks of the inputs it can undo (managed
// PostgreSQL parameters, synchronous replicas, the WAL archiver of the backups) and the
// merged Cluster spec is checked against the Cluster CRD's schema before anything is written.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { deploy } from '../../src/actions/deploy.ts';
import { testContext } from '../helpers/test-context.ts';
import { renderDeploy, type RenderedObject } from '../../src/cnpg/render.ts';
import { ConfigurationError } from '../../src/errors.ts';
import type { BackupMethod } from '../../src/inputs/types.ts';
import { loadCrds, validateObject } from '../../sandbox/kube/crd-schema.ts';
import { GUIDE, deployInputs } from './fixtures.ts';

async function cluster(
  values: Record<string, string>,
  method: BackupMethod = 'plugin',
): Promise<RenderedObject & { spec: Record<string, unknown> }> {
  const rendered = await renderDeploy(deployInputs(values), { backupMethod: method, origin: {} });
  return rendered.objects.find((o) => o.kind === 'Cluster') as RenderedObject & {
    spec: Record<string, unknown>;
  };
}

async function refusal(values: Record<string, string>, method: BackupMethod = 'plugin') {
  const error = await cluster(values, method).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return (error as Error).message;
}

const NO_BACKUP = { 'backup-destination': '', 'workload-identity-client-id': '' };

describe('overrides cannot undo what the inputs refuse', () => {
  test.each([
    [
      'postgresql:\n  parameters:\n    archive_mode: "off"',
      /archive_mode is managed by CloudNativePG/,
    ],
    [
      'postgresql:\n  parameters:\n    ssl: "off"\n    wal_level: minimal',
      /ssl, wal_level are managed by CloudNativePG/,
    ],
    ['postgresql:\n  parameters:\n    a.b.c: "1"', /'a\.b\.c' is not a parameter name/],
  ])('managed or invalid PostgreSQL parameters: %j', async (overrides, why) => {
    expect(await refusal({ overrides })).toMatch(why);
  });

  test.each([
    ['instances: 1', {}],
    ['postgresql:\n  synchronous:\n    number: 3', {}],
    ['instances: 2\npostgresql:\n  synchronous:\n    method: first\n    number: 2', {}],
    ['maxSyncReplicas: 3', { 'sync-replicas': '0' }],
    ['minSyncReplicas: 2\nmaxSyncReplicas: 1', { 'sync-replicas': '0' }],
    ['maxSyncReplicas: 1', {}],
    [
      'postgresql:\n  synchronous:\n    number: 1\n    standbyNamesPre: [a]\n    failoverQuorum: true',
      {},
    ],
  ])('inconsistent synchronous replication: %j', async (overrides, extra) => {
    expect(await refusal({ ...extra, overrides })).toMatch(
      /synchronous|SyncReplicas|failoverQuorum/,
    );
  });

  test.each([
    ['instances: 5', {}],
    ['postgresql:\n  synchronous:\n    number: 2', {}],
    ['minSyncReplicas: 1\nmaxSyncReplicas: 2', { 'sync-replicas': '0' }],
    ['postgresql:\n  synchronous:\n    number: 3\n    standbyNamesPost: [remote]', {}],
  ])('consistent synchronous replication: %j', async (overrides, extra) => {
    await expect(cluster({ ...extra, overrides })).resolves.toBeDefined();
  });

  test.each([
    ['plugins: []', 'plugin'],
    [
      'plugins:\n  - name: barman-cloud.cnpg.io\n    enabled: false\n    isWALArchiver: true\n    parameters:\n      barmanObjectName: pg-primary-backup-store',
      'plugin',
    ],
    [
      'plugins:\n  - name: barman-cloud.cnpg.io\n    isWALArchiver: true\n    parameters:\n      barmanObjectName: elsewhere',
      'plugin',
    ],
    ['backup: null', 'barman-object-store'],
    ['backup:\n  barmanObjectStore: null', 'barman-object-store'],
    [
      'backup:\n  barmanObjectStore:\n    destinationPath: https://other.blob.core.windows.net/x',
      'barman-object-store',
    ],
  ] as const)('no removing the WAL archiver while backups are set: %j', async (overrides, m) => {
    expect(await refusal({ overrides }, m)).toMatch(/WAL archiver .*backup-destination/);
  });

  test.each([
    ['backup:\n  retentionPolicy: 30d', 'barman-object-store', {}],
    ['backup:\n  barmanObjectStore:\n    wal:\n      maxParallel: 8', 'barman-object-store', {}],
    ['plugins: []', 'plugin', NO_BACKUP],
  ] as const)('archiver settings that keep archiving are fine: %j', async (overrides, m, extra) => {
    await expect(cluster({ ...extra, overrides }, m)).resolves.toBeDefined();
  });
});

describe('the merged spec is checked against the Cluster CRD schema', () => {
  test.each([
    [
      'postgresql:\n  paramters:\n    max_connections: "300"',
      /spec\.postgresql\.paramters is not a field/,
    ],
    ['instances: "3"', /spec\.instances must be integer/],
    ['enablePDB: "no"', /spec\.enablePDB must be boolean/],
    ['postgresql:\n  parameters:\n    max_connections: 300', /max_connections must be string/],
    ['logLevel: loud', /spec\.logLevel must be equal to one of the allowed values/],
    ['storage:\n  pvcTemplate:\n    accessModez: [x]', /spec\.storage\.pvcTemplate\.accessModez/],
  ])('%j', async (overrides, why) => {
    const message = await refusal({ overrides });
    expect(message).toMatch(/^input 'overrides': .*Cluster CRD/);
    expect(message).toMatch(why);
  });

  test('a valid override renders a Cluster the CRD accepts', async () => {
    const started = performance.now();
    const c = await cluster({ overrides: 'enablePDB: false\nlogLevel: debug' });
    expect(c.spec).toMatchObject({ enablePDB: false, logLevel: 'debug' });
    expect(validateObject(loadCrds(), c)).toEqual([]);
    // ajv compiles the schema once, lazily: a budget that also holds on a loaded machine.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('render-only writes nothing on a bad override', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  test.each([
    'backup:\n  barmanObjectStore:\n    destinationPath: https://other.blob.core.windows.net/x',
    'plugins: []',
    'instances: 1',
    'postgresql:\n  parameters:\n    archive_mode: "off"',
    'enablePDB: "no"',
  ])('%j', async (overrides) => {
    const dir = await mkdtemp(join(tmpdir(), 'pgha-overrides-'));
    dirs.push(dir);
    const manifests = join(dir, 'manifests');
    const values = { ...GUIDE, 'render-only': 'true', 'manifests-dir': manifests, overrides };
    const ctx = testContext(values, { RUNNER_TEMP: dir });
    await expect(deploy.main(ctx)).rejects.toThrow(/input 'overrides'/);
    expect(await readdir(dir)).toEqual([]);
    expect([...ctx.outputs]).toEqual([]);
  });
});
