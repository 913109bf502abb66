// The Barman Cloud plugin path on the sandbox's Azurite: an ObjectStore wired as WAL archiver
// through spec.plugins, a plugin Backup (never `running`) with the ObjectStore's
// serverRecoveryWindow, a ScheduledBackup that fires, and backups that restore across paths
// as CNPG allows: a plugin backup through an in-core externalCluster and an in-core backup
// through the plugin.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';
import {
  DEST,
  PLUGIN,
  backupRef,
  barmanObjectStore,
  blobNames,
  condition,
  createBackup,
  createCluster,
  createObjectStore,
  superuser,
  switchWal,
  waitBackupDone,
} from './backup-helpers.ts';

let h: Harness;

const wiring = (store: string, serverName?: string) => [
  {
    name: PLUGIN,
    isWALArchiver: true,
    parameters: { barmanObjectName: store, ...(serverName ? { serverName } : {}) },
  },
];

async function rows(pod: string, sql = 'SELECT count(*) AS n FROM t'): Promise<number> {
  const c = await superuser(h, pod);
  try {
    return Number((await c.query<{ n: string }>(sql)).rows[0]?.n);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  h = await startHarness('plugin');
  await createObjectStore(h, 'store-plug', 'plug');
  await createObjectStore(h, 'store-core', 'core');
  await createCluster(h, 'pg-plug', { plugins: wiring('store-plug') });
  await createCluster(h, 'pg-core', { backup: { barmanObjectStore: barmanObjectStore('core') } });
  await Promise.all([h.waitHealthy('pg-plug', 1), h.waitHealthy('pg-core', 1)]);
  for (const [pod, n] of [
    ['pg-plug-1', 30],
    ['pg-core-1', 40],
  ] as const) {
    const c = await superuser(h, pod);
    await c.query(`CREATE TABLE t AS SELECT generate_series(1, ${String(n)}) AS id`);
    await c.end();
  }
});

afterAll(async () => {
  await h.close();
});

describe('WAL archiving through the plugin', () => {
  test('segments land under the ObjectStore path with the cluster name as serverName', async () => {
    const segment = await switchWal(h, 'pg-plug-1');
    const blob = `plug/pg-plug/wals/${segment.slice(0, 16)}/${segment}`;
    await waitFor('archived', async () => (await blobNames(h, blob)).length === 1);
    expect(await condition(h, 'pg-plug', 'ContinuousArchiving')).toMatchObject({ status: 'True' });
  });

  test('an unreachable object store makes archiving fail, then it recovers', async () => {
    h.sandbox.faults.set({ objectStoreUnreachable: true });
    try {
      await switchWal(h, 'pg-plug-1');
      const c = await waitFor('condition False', async () => {
        const cond = await condition(h, 'pg-plug', 'ContinuousArchiving');
        return cond?.status === 'False' && cond;
      });
      expect(c.message).toContain('unreachable');
    } finally {
      h.sandbox.faults.set({ objectStoreUnreachable: false });
    }
    await switchWal(h, 'pg-plug-1');
    await waitFor('condition True', async () => {
      return (await condition(h, 'pg-plug', 'ContinuousArchiving'))?.status === 'True';
    });
  });
});

describe('plugin backups', () => {
  test('complete without a running phase and set the serverRecoveryWindow', async () => {
    const seen: string[] = [];
    await createBackup(h, 'plug-1', 'pg-plug', {
      method: 'plugin',
      pluginConfiguration: { name: PLUGIN },
    });
    const s = await waitBackupDone(h, 'plug-1', seen);
    expect(s.phase, s.error).toBe('completed');
    expect(seen).not.toContain('running');
    // Only what the plugin returns (plugin_backup.go): no destinationPath or serverName.
    expect(s).toMatchObject({ method: 'plugin', online: true });
    expect(s).not.toHaveProperty('serverName');
    expect(s).not.toHaveProperty('destinationPath');
    expect(s.backupName).toMatch(/^backup-\d{14}$/);
    expect(s.pluginMetadata).toMatchObject({ pluginName: PLUGIN, timeline: '1' });
    const files = await blobNames(h, `plug/pg-plug/base/${s.backupId ?? ''}/`);
    expect(files).toHaveLength(2);
    const os = (await h.custom.getNamespacedCustomObject({
      group: 'barmancloud.cnpg.io',
      version: 'v1',
      namespace: 'plugin',
      plural: 'objectstores',
      name: 'store-plug',
    })) as { status?: { serverRecoveryWindow?: Record<string, Record<string, string>> } };
    const window = os.status?.serverRecoveryWindow?.['pg-plug'];
    expect(window?.firstRecoverabilityPoint).toBeTruthy();
    expect(window?.lastSuccessfulBackupTime).toBeTruthy();
    const cluster = await h.status('pg-plug');
    expect(cluster).not.toHaveProperty('firstRecoverabilityPoint');
  });

  test('a plugin Backup of a cluster without plugins fails with CNPG message', async () => {
    await createBackup(h, 'wrong-method', 'pg-core', {
      method: 'plugin',
      pluginConfiguration: { name: PLUGIN },
    });
    const s = await waitBackupDone(h, 'wrong-method');
    expect(s).toMatchObject({
      phase: 'failed',
      error: 'cannot proceed with the backup as the cluster has no plugin configured',
    });
  });

  test('a ScheduledBackup with immediate: true creates a Backup that completes', async () => {
    await h.custom.createNamespacedCustomObject({
      group: 'postgresql.cnpg.io',
      version: 'v1',
      namespace: 'plugin',
      plural: 'scheduledbackups',
      body: {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'ScheduledBackup',
        metadata: { name: 'nightly', namespace: 'plugin' },
        spec: {
          schedule: '0 0 0 * * *',
          immediate: true,
          backupOwnerReference: 'self',
          cluster: { name: 'pg-core' },
        },
      },
    });
    const name = await waitFor('scheduled Backup', async () => {
      const list = (await h.custom.listNamespacedCustomObject({
        ...backupRef(h),
        labelSelector: 'cnpg.io/scheduled-backup=nightly',
      })) as { items: { metadata: { name: string } }[] };
      return list.items[0]?.metadata.name;
    });
    expect(name).toMatch(/^nightly-\d{14}$/);
    const s = await waitBackupDone(h, name);
    expect(s.phase, s.error).toBe('completed');
  });
});

describe('storage key credentials from a Secret', () => {
  const keyed = (secret: string) => ({
    destinationPath: `${DEST}/keyed`,
    azureCredentials: {
      storageAccount: { name: secret, key: 'account' },
      storageKey: { name: secret, key: 'key' },
    },
  });
  async function secret(name: string, key: string) {
    await h.core.createNamespacedSecret({
      namespace: 'plugin',
      body: { metadata: { name }, stringData: { account: 'sandbox', key } },
    });
  }

  test('the right key archives, a wrong one is refused by Azurite at the first archive attempt, and neither is logged', async () => {
    const right = h.sandbox.objectStore?.accounts.get('sandbox')?.key ?? '';
    const wrong = Buffer.alloc(64, 7).toString('base64');
    await secret('blob-key', right);
    await secret('blob-wrong-key', wrong);
    await createCluster(h, 'pg-key', { backup: { barmanObjectStore: keyed('blob-key') } });
    await createCluster(h, 'pg-badkey', { backup: { barmanObjectStore: keyed('blob-wrong-key') } });
    await Promise.all([h.waitHealthy('pg-key', 1), h.waitHealthy('pg-badkey', 1)]);
    const segment = await switchWal(h, 'pg-key-1');
    await waitFor('archived with the key', async () => {
      return (
        (await blobNames(h, `keyed/pg-key/wals/${segment.slice(0, 16)}/${segment}`)).length === 1
      );
    });
    // The first archive attempt checks the archive is empty (barman-cloud-check-wal-archive):
    // Azurite refuses the key there; the cluster is healthy, ContinuousArchiving says why.
    await switchWal(h, 'pg-badkey-1');
    const refused = await waitFor('refused', async () => {
      const c = await condition(h, 'pg-badkey', 'ContinuousArchiving');
      return c?.status === 'False' && c;
    });
    expect(refused.message).toMatch(/authenticate|403|signature/i);
    expect(await blobNames(h, 'keyed/pg-badkey/')).toEqual([]);
    const log = await readFile(join(h.sandbox.dir, 'cnpg.log'), 'utf8');
    const statuses = JSON.stringify([await h.status('pg-key'), await h.status('pg-badkey')]);
    for (const key of [right, wrong]) {
      expect(log).not.toContain(key);
      expect(statuses).not.toContain(key);
    }
  });
});

describe('restores across paths', () => {
  test('a plugin backup restores through an in-core externalCluster', async () => {
    await switchWal(h, 'pg-plug-1');
    await createCluster(h, 'pg-from-plug', {
      bootstrap: { recovery: { source: 'origin' } },
      externalClusters: [
        { name: 'origin', barmanObjectStore: barmanObjectStore('plug', { serverName: 'pg-plug' }) },
      ],
    });
    await h.waitHealthy('pg-from-plug', 1);
    expect(await rows('pg-from-plug-1')).toBe(30);
  });

  test('an in-core backup restores through the plugin, archiving to a new serverName', async () => {
    await switchWal(h, 'pg-core-1');
    await createCluster(h, 'pg-from-core', {
      bootstrap: { recovery: { source: 'origin' } },
      externalClusters: [
        {
          name: 'origin',
          plugin: {
            name: PLUGIN,
            parameters: { barmanObjectName: 'store-core', serverName: 'pg-core' },
          },
        },
      ],
      plugins: wiring('store-core', 'pg-from-core'),
    });
    const s = await h.waitHealthy('pg-from-core', 1);
    expect(s.timelineID).toBe(2);
    expect(await rows('pg-from-core-1')).toBe(40);
    const segment = await switchWal(h, 'pg-from-core-1');
    expect(segment.startsWith('00000002')).toBe(true);
    await waitFor('new timeline archived under the new serverName', async () => {
      const names = await blobNames(h, 'core/pg-from-core/wals/');
      return names.includes('core/pg-from-core/wals/00000002.history') && names.length > 1;
    });
  });
});
