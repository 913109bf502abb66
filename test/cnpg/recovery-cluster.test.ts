// The throwaway Cluster of restore-verify, rendered from Clusters that deploy renders (the
// Barman Cloud plugin and the in-core store, with workload identity, a WAL volume and
// overridden parameters): valid against the real CRD schema, labelled, reading the source's
// archive under its serverName, pinned to the backupID, and archiving nowhere.
import { describe, expect, test } from 'vitest';
import { backupConfig } from '../../src/cnpg/backup-config.ts';
import { archiveContext } from '../../src/cnpg/backup-preflight.ts';
import { recoveryClusterManifest } from '../../src/cnpg/recovery-cluster.ts';
import type { RestoreSource, SourceCluster } from '../../src/cnpg/restore-source.ts';
import { renderDeploy } from '../../src/cnpg/render.ts';
import { readRestoreVerifyInputs } from '../../src/inputs/read-restore-verify.ts';
import type { BackupMethod } from '../../src/inputs/types.ts';
import { loadCrds, validateObject } from '../../sandbox/kube/crd-schema.ts';
import { deployInputs } from './fixtures.ts';

const crds = loadCrds();
const origin = { runId: '31337', repository: 'org/app' };

async function source(method: BackupMethod, values: Record<string, string> = {}) {
  const rendered = await renderDeploy(deployInputs(values), { backupMethod: method, origin });
  const cluster = rendered.objects.find((o) => o.kind === 'Cluster') as unknown as SourceCluster;
  const config = backupConfig(cluster, 'auto');
  const archive = config.archive;
  if (!archive) throw new Error('no archive');
  const where = archiveContext(cluster, config, undefined, 'pg-primary-1');
  if (!where) throw new Error('no archive context');
  const s: RestoreSource = {
    cluster,
    archive,
    where,
    primary: 'pg-primary-1',
    database: 'appdb',
    owner: 'app',
    backup: {
      name: 'pg-primary-b1',
      backupId: '20260301T000000',
      method: 'plugin',
      completedAt: '2026-03-01T00:00:10Z',
      ageSeconds: 60,
      location: 'x',
    },
  };
  return s;
}

function inputs(values: Record<string, string> = {}) {
  const all: Record<string, string> = { 'cluster-name': 'pg-primary', ...values };
  return readRestoreVerifyInputs((n) => all[n] ?? '', { GITHUB_RUN_ID: '31337' }, 0);
}

const VARIANTS: [string, Record<string, string>][] = [
  ['the guide', {}],
  ['WAL volume and storage class', { 'wal-storage-size': '16Gi', 'storage-class': 'premium' }],
  ['parameters overridden', { 'postgresql-parameters': 'max_connections: "300"' }],
];

describe.each(['plugin', 'barman-object-store'] as const)('from a %s source', (method) => {
  test.each(VARIANTS)('%s: valid against the Cluster CRD', async (_, values) => {
    const s = await source(method, values);
    for (const target of [undefined, '2026-03-01T01:00:00.123456Z']) {
      const m = recoveryClusterManifest({
        inputs: inputs(),
        source: s,
        origin,
        ...(target ? { targetTime: target } : {}),
      });
      expect(validateObject(crds, m)).toEqual([]);
    }
  });

  test('no archiving back; the source archive read under its serverName; pinned; labelled', async () => {
    const s = await source(method);
    const m = recoveryClusterManifest({
      inputs: inputs({ instances: '2', 'storage-size': '5Gi' }),
      source: s,
      origin,
      targetTime: '2026-03-01T01:00:00Z',
    });
    const spec = m.spec as Record<string, unknown>;
    const src = s.cluster.spec as Record<string, unknown>;
    expect(spec.backup).toBeUndefined();
    expect(spec.plugins).toBeUndefined();
    expect(m.metadata).toMatchObject({
      name: 'pg-primary-verify-31337',
      namespace: 'cnpg-database',
      labels: {
        'app.kubernetes.io/managed-by': 'pgha',
        'pgha.io/cluster': 'pg-primary',
        'pgha.io/role': 'restore-verify',
        'pgha.io/run-id': '31337',
      },
    });
    expect(spec).toMatchObject({
      instances: 2,
      imageName: src.imageName,
      resources: src.resources,
      serviceAccountTemplate: src.serviceAccountTemplate,
      storage: { size: '5Gi' },
      postgresql: { parameters: (src.postgresql as { parameters: unknown }).parameters },
      bootstrap: {
        recovery: {
          source: 'origin',
          database: 'appdb',
          owner: 'app',
          recoveryTarget: { backupID: '20260301T000000', targetTime: '2026-03-01T01:00:00Z' },
        },
      },
    });
    const [entry] = spec.externalClusters as Record<string, unknown>[];
    if (method === 'plugin')
      expect(entry).toEqual({
        name: 'origin',
        plugin: {
          name: 'barman-cloud.cloudnative-pg.io',
          parameters: { barmanObjectName: 'pg-primary-backup-store', serverName: 'pg-primary' },
        },
      });
    else
      expect(entry).toEqual({
        name: 'origin',
        barmanObjectStore: {
          ...(src.backup as { barmanObjectStore: Record<string, unknown> }).barmanObjectStore,
          serverName: 'pg-primary',
        },
      });
    // Recovery needs at least the source's settings, and nothing that ties it to the source.
    expect(JSON.stringify(spec)).not.toContain('synchronous');
    expect(spec.topologySpreadConstraints).toBeUndefined();
  });
});
