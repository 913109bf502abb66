// The backup method and WAL archive of a live Cluster, read from its spec as CNPG and
// `kubectl cnpg status` read it; a cluster without backups is refused with how deploy sets
// them up; the Backup pgha creates validates against the real Backup CRD.
import { describe, expect, test } from 'vitest';
import { loadCrds, validateObject } from '../../sandbox/kube/crd-schema.ts';
import { backupConfig, backupLocation, type BackupSpecView } from '../../src/cnpg/backup-config.ts';
import { backupManifest } from '../../src/cnpg/backups.ts';
import { ConfigurationError } from '../../src/errors.ts';
import type { BackupMethodRequest } from '../../src/inputs/read-backup.ts';

const PLUGIN = 'barman-cloud.cloudnative-pg.io';

function cluster(
  spec: BackupSpecView['spec'],
  annotations?: Record<string, string>,
): BackupSpecView {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'pg', namespace: 'db', ...(annotations ? { annotations } : {}) },
    spec,
  };
}

const plugin = (parameters: Record<string, string>, extra: object = {}) => ({
  plugins: [{ name: PLUGIN, isWALArchiver: true, parameters, ...extra }],
});
const inCore = {
  backup: { barmanObjectStore: { destinationPath: 'https://a.blob.core.windows.net/b' } },
};
const snapshots = { backup: { volumeSnapshot: { className: 'csi' } } };

describe('backupConfig', () => {
  test.each<[string, BackupSpecView['spec'], BackupMethodRequest, object]>([
    [
      'plugin, serverName defaults to the cluster',
      plugin({ barmanObjectName: 'store' }),
      'auto',
      { method: 'plugin', archive: { kind: 'plugin', objectStore: 'store', serverName: 'pg' } },
    ],
    [
      'plugin with its own serverName',
      plugin({ barmanObjectName: 'store', serverName: 'pg-v2' }),
      'plugin',
      { method: 'plugin', archive: { serverName: 'pg-v2' } },
    ],
    [
      'plugin without isWALArchiver still archives (every enabled WAL plugin is called)',
      { plugins: [{ name: PLUGIN, parameters: { barmanObjectName: 's' } }] },
      'auto',
      { method: 'plugin' },
    ],
    [
      'in-core',
      inCore,
      'auto',
      {
        method: 'barman-object-store',
        archive: {
          kind: 'in-core',
          destinationPath: 'https://a.blob.core.windows.net/b',
          serverName: 'pg',
        },
      },
    ],
    [
      'in-core with serverName',
      { backup: { barmanObjectStore: { destinationPath: 'x', serverName: 'old' } } },
      'barman-object-store',
      { archive: { serverName: 'old' } },
    ],
    [
      'plugin wins over in-core for auto',
      { ...inCore, ...plugin({ barmanObjectName: 's' }) },
      'auto',
      { method: 'plugin' },
    ],
    [
      'volume snapshots with the plugin archiving WAL',
      { ...snapshots, ...plugin({ barmanObjectName: 's' }) },
      'volume-snapshot',
      { method: 'volume-snapshot', archive: { kind: 'plugin' } },
    ],
    [
      'volume snapshots alone: nothing archives WAL',
      snapshots,
      'volume-snapshot',
      { method: 'volume-snapshot', walArchivingDisabled: false },
    ],
  ])('%s', (_what, spec, requested, expected) => {
    expect(backupConfig(cluster(spec), requested)).toMatchObject(expected);
  });

  test('volume snapshots alone have no archive', () => {
    expect(backupConfig(cluster(snapshots), 'volume-snapshot').archive).toBeUndefined();
  });

  test('cnpg.io/skipWalArchiving: enabled is noted', () => {
    const c = cluster(inCore, { 'cnpg.io/skipWalArchiving': 'enabled' });
    expect(backupConfig(c, 'auto').walArchivingDisabled).toBe(true);
  });

  test.each<[string, BackupSpecView['spec'], BackupMethodRequest, RegExp, Record<string, string>?]>(
    [
      [
        'no backups at all',
        { instances: 1 } as BackupSpecView['spec'],
        'auto',
        /Cluster pg has no backups configured.*pgha deploy configures backups with backup-destination/,
      ],
      [
        'a disabled plugin',
        plugin({ barmanObjectName: 's' }, { enabled: false }),
        'auto',
        /has no backups configured/,
      ],
      [
        'only volume snapshots, method auto',
        snapshots,
        'auto',
        /it has spec.backup.volumeSnapshot: ask for it with method: volume-snapshot/,
      ],
      [
        'plugin asked, in-core configured',
        inCore,
        'plugin',
        /input 'method': method: plugin, but Cluster pg has no enabled barman-cloud.cloudnative-pg.io plugin.*backup-method: plugin/,
      ],
      [
        'in-core asked, plugin configured',
        plugin({ barmanObjectName: 's' }),
        'barman-object-store',
        /no spec.backup.barmanObjectStore \(it uses the barman-cloud.cloudnative-pg.io plugin: method: plugin\)/,
      ],
      [
        'volume snapshots asked, none configured',
        inCore,
        'volume-snapshot',
        /no spec.backup.volumeSnapshot/,
      ],
      [
        'a plugin without barmanObjectName',
        plugin({}),
        'auto',
        /without the parameter barmanObjectName/,
      ],
      ['a hibernated cluster', inCore, 'auto', /is hibernated/, { 'cnpg.io/hibernation': 'on' }],
    ],
  )('refuses %s', (_what, spec, requested, message, annotations) => {
    const run = () => backupConfig(cluster(spec, annotations), requested);
    expect(run).toThrow(ConfigurationError);
    expect(run).toThrow(message);
  });
});

test('backupLocation', () => {
  expect(backupLocation('https://a.blob.core.windows.net/b/', 'pg', '20260304T050607')).toBe(
    'https://a.blob.core.windows.net/b/pg/base/20260304T050607/',
  );
});

describe('backupManifest', () => {
  const crds = loadCrds();
  const origin = { repository: 'octo/pg', runId: '42', serverUrl: 'https://github.com' };

  test.each(['plugin', 'barman-object-store', 'volume-snapshot'] as const)(
    'method %s validates against the Backup CRD',
    (method) => {
      const m = backupManifest({
        name: 'pg-1',
        namespace: 'db',
        cluster: 'pg',
        method,
        target: 'primary',
        origin,
      });
      expect(validateObject(crds, m)).toEqual([]);
    },
  );

  test('labels as kubectl cnpg backup and pgha label, plugin configuration for the plugin', () => {
    const m = backupManifest({
      name: 'pg-1',
      namespace: 'db',
      cluster: 'pg',
      method: 'plugin',
      origin,
    });
    expect(m.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'pgha',
      'cnpg.io/cluster': 'pg',
      'pgha.io/cluster': 'pg',
      'pgha.io/role': 'backup',
      'pgha.io/run-id': '42',
    });
    expect(m.metadata.annotations?.['pgha.io/run']).toBe(
      'https://github.com/octo/pg/actions/runs/42',
    );
    expect(m.spec).toEqual({
      cluster: { name: 'pg' },
      method: 'plugin',
      pluginConfiguration: { name: PLUGIN },
    });
  });

  test('no target: the Cluster decides; the in-core method is spelt as CNPG spells it', () => {
    const m = backupManifest({
      name: 'b',
      namespace: 'db',
      cluster: 'pg',
      method: 'barman-object-store',
      origin: {},
    });
    expect(m.spec).toEqual({ cluster: { name: 'pg' }, method: 'barmanObjectStore' });
    expect(m.metadata.labels?.['pgha.io/run-id']).toBeUndefined();
  });
});
