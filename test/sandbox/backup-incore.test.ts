// WAL archiving, backups and recovery with the in-core spec.backup.barmanObjectStore on the
// sandbox's Azurite: segments reach the blob layout CNPG users see, archive faults flip
// ContinuousArchiving and it recovers, a Backup completes with a sane backup.info, a recovery
// to a targetTime restores the rows before it and none after (a restore to the end of the
// archive: backup-plugin.test.ts and the restore-verify e2e), a target beyond the archive
// fails the recovery Job (its pod log says why), and an initdb cluster meeting an archive
// that holds WAL gets healthy with ContinuousArchiving=False.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { segmentOf } from '../../sandbox/backup/layout.ts';
import { HEALTHY, clusterRef, startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';
import {
  backupInfo,
  backupStatus,
  barmanObjectStore,
  batchApi,
  blobNames,
  condition,
  createBackup,
  createCluster,
  superuser,
  switchWal,
  waitBackupDone,
} from './backup-helpers.ts';

const SRC = 'pg-src';
let h: Harness;

beforeAll(async () => {
  h = await startHarness('backup');
  await createCluster(h, SRC, {
    backup: { barmanObjectStore: barmanObjectStore('incore'), retentionPolicy: '30d' },
  });
  await h.waitHealthy(SRC, 1);
  const c = await superuser(h, `${SRC}-1`);
  await c.query('CREATE TABLE items (id int PRIMARY KEY, at timestamptz DEFAULT now())');
  await c.query('INSERT INTO items (id) SELECT generate_series(1, 100)');
  await c.end();
});

afterAll(async () => {
  if (process.env.PGHA_DEBUG_LOG)
    await copyFile(join(h.sandbox.dir, 'cnpg.log'), process.env.PGHA_DEBUG_LOG);
  await h.close();
});

async function count(pod: string): Promise<number> {
  const c = await superuser(h, pod);
  try {
    return Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM items')).rows[0]?.n);
  } finally {
    await c.end();
  }
}

describe('WAL archiving (in-core barmanObjectStore)', () => {
  test('a switched segment reaches <serverName>/wals/<16 hex>/ and the condition says so', async () => {
    const started = Date.now();
    const segment = await switchWal(h, `${SRC}-1`);
    const blob = `incore/${SRC}/wals/${segment.slice(0, 16)}/${segment}`;
    await waitFor('segment archived', async () => (await blobNames(h, blob)).length === 1);
    console.info(`WAL segment to blob latency: ${String(Date.now() - started)} ms`);
    expect(await condition(h, SRC, 'ContinuousArchiving')).toMatchObject({
      status: 'True',
      reason: 'ContinuousArchivingSuccess',
    });
  });

  test('archive faults flip ContinuousArchiving to False with the error, and it recovers', async () => {
    h.sandbox.faults.set({ walArchiveFailing: true });
    try {
      const segment = await switchWal(h, `${SRC}-1`);
      const failing = await waitFor('condition False', async () => {
        const c = await condition(h, SRC, 'ContinuousArchiving');
        return c?.status === 'False' && c;
      });
      expect(failing.reason).toBe('ContinuousArchivingFailing');
      expect(failing.message).toContain('faults.walArchiveFailing');
      expect(await blobNames(h, `incore/${SRC}/wals/${segment.slice(0, 16)}/${segment}`)).toEqual(
        [],
      );
      h.sandbox.faults.set({ walArchiveFailing: false });
      await waitFor(
        'segment archived after the fault',
        async () =>
          (await blobNames(h, `incore/${SRC}/wals/${segment.slice(0, 16)}/${segment}`)).length ===
          1,
      );
      await waitFor(
        'condition True again',
        async () => (await condition(h, SRC, 'ContinuousArchiving'))?.status === 'True',
      );
    } finally {
      h.sandbox.faults.set({ walArchiveFailing: false });
    }
  });
});

let beforeTarget = 0;
let targetTime = '';

describe('Backup (method barmanObjectStore)', () => {
  test('completes through started and running, with its files and a sane backup.info', async () => {
    const seen: string[] = [];
    await createBackup(h, 'first', SRC);
    const s = await waitBackupDone(h, 'first', seen);
    expect(s.phase, s.error).toBe('completed');
    expect(seen.at(-1)).toBe('completed');
    expect(
      seen.filter((p) => p !== 'completed').every((p) => ['started', 'running'].includes(p)),
    ).toBe(true);
    expect(s).toMatchObject({
      serverName: SRC,
      destinationPath: barmanObjectStore('incore').destinationPath,
    });
    expect(s.backupId).toMatch(/^\d{8}T\d{6}$/);
    expect(s.backupName).toMatch(/^backup-\d{14}$/);
    expect(s).not.toHaveProperty('online');
    const root = `incore/${SRC}`;
    const files = await blobNames(h, `${root}/base/${s.backupId ?? ''}/`);
    expect(files.map((f) => f.split('/').at(-1)).sort()).toEqual(['backup.info', 'data.tar']);
    const info = await backupInfo(h, root, s.backupId ?? '');
    expect(info).toMatchObject({
      status: 'DONE',
      backupId: s.backupId,
      serverName: SRC,
      beginWal: s.beginWal,
      endWal: s.endWal,
    });
    expect(info.beginWal).toBe(segmentOf(1, s.beginLSN ?? ''));
    expect(info.backupLabel).toContain('START WAL LOCATION');
    expect(info.endTime.getTime()).toBeGreaterThanOrEqual(info.beginTime.getTime());
    const walDir = `${root}/wals/${(s.endWal ?? '').slice(0, 16)}/`;
    expect(await blobNames(h, walDir)).toContain(`${walDir}${s.endWal ?? ''}`);
    // Written by the backup maintenance after `completed` (backup.go backupMaintenance).
    await waitFor('firstRecoverabilityPoint', async () => {
      const status = (await h.status(SRC)) as { firstRecoverabilityPoint?: string };
      return Boolean(status.firstRecoverabilityPoint);
    });
    expect(await condition(h, SRC, 'LastBackupSucceeded')).toMatchObject({ status: 'True' });
    // Rows after the backup: 100 before the target time, 50 after it.
    const c = await superuser(h, `${SRC}-1`);
    await c.query('INSERT INTO items (id) SELECT generate_series(101, 200)');
    beforeTarget = 200;
    await new Promise((r) => setTimeout(r, 1100));
    targetTime = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 1100));
    await c.query('INSERT INTO items (id) SELECT generate_series(201, 250)');
    await c.end();
    const last = await switchWal(h, `${SRC}-1`);
    await waitFor(
      'last segment archived',
      async () => (await blobNames(h, `${root}/wals/${last.slice(0, 16)}/${last}`)).length === 1,
    );
  });

  test('a failing backup ends failed with the error on the Backup and the Cluster condition', async () => {
    h.sandbox.faults.set({ failingBackups: ['doomed'] });
    try {
      await createBackup(h, 'doomed', SRC);
      const s = await waitBackupDone(h, 'doomed');
      expect(s.phase).toBe('failed');
      expect(s.error).toContain('faults.failingBackups');
      expect(await condition(h, SRC, 'LastBackupSucceeded')).toMatchObject({
        status: 'False',
        reason: 'LastBackupFailed',
      });
    } finally {
      h.sandbox.faults.set({ failingBackups: [] });
    }
  });

  test('a Backup of a missing Cluster waits in pending, one without backup section fails', async () => {
    await createBackup(h, 'orphan', 'pg-nowhere');
    await waitFor('pending', async () => (await backupStatus(h, 'orphan')).phase === 'pending');
    await createCluster(h, 'pg-plain', {});
    await h.waitHealthy('pg-plain', 1);
    await createBackup(h, 'plain', 'pg-plain');
    const s = await waitBackupDone(h, 'plain');
    expect(s).toMatchObject({
      phase: 'failed',
      error: 'cannot proceed with the backup as the cluster has no backup section',
    });
  });
});

describe('recovery', () => {
  const external = (serverName?: string) => [
    {
      name: 'clusterBackup',
      barmanObjectStore: barmanObjectStore('incore', serverName ? { serverName } : {}),
    },
  ];

  test('a targetTime excludes the rows written after it', async () => {
    await createCluster(h, 'pg-pitr', {
      bootstrap: { recovery: { source: 'clusterBackup', recoveryTarget: { targetTime } } },
      externalClusters: external(SRC),
    });
    await h.waitHealthy('pg-pitr', 1);
    expect(await count('pg-pitr-1')).toBe(beforeTarget);
  });

  test('a target beyond the archive fails the recovery Job; its pod log says why', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    await createCluster(h, 'pg-future', {
      bootstrap: { recovery: { source: 'clusterBackup', recoveryTarget: { targetTime: future } } },
      externalClusters: external(SRC),
    });
    const job = await waitFor(
      'a failed recovery attempt',
      async () => {
        const j = await batchApi(h).readNamespacedJob({
          name: 'pg-future-1-full-recovery',
          namespace: h.namespace,
        });
        return (j.status?.failed ?? 0) >= 1 && j;
      },
      60_000,
    );
    expect(job.metadata?.labels?.['cnpg.io/jobRole']).toBe('full-recovery');
    const s = await h.status('pg-future');
    expect(s.phase).toBe('Setting up primary');
    expect(s.phaseReason).toBe('Creating primary instance pg-future-1');
    expect(s.readyInstances ?? 0).toBe(0);
    const pods = await h.core.listNamespacedPod({
      namespace: h.namespace,
      labelSelector: 'job-name=pg-future-1-full-recovery',
    });
    const failed = pods.items.find((p) => p.status?.phase === 'Failed');
    const log = await h.core.readNamespacedPodLog({
      name: failed?.metadata?.name ?? '',
      namespace: h.namespace,
    });
    expect(log).toContain('recovery ended before configured recovery target was reached');
    await h.custom.deleteNamespacedCustomObject({ ...clusterRef(h.namespace), name: 'pg-future' });
  });

  test('an initdb cluster archiving into a serverName holding WAL is healthy with ContinuousArchiving=False', async () => {
    await createCluster(h, 'pg-clash', {
      backup: { barmanObjectStore: barmanObjectStore('incore', { serverName: SRC }) },
    });
    await h.waitHealthy('pg-clash', 1);
    await switchWal(h, 'pg-clash-1');
    const c = await waitFor('empty-archive check at the first archive attempt', async () => {
      const cond = await condition(h, 'pg-clash', 'ContinuousArchiving');
      return cond?.status === 'False' && cond;
    });
    expect(c.reason).toBe('ContinuousArchivingFailing');
    expect(c.message).toContain('Expected empty archive');
    expect((await h.status('pg-clash')).phase).toBe(HEALTHY);
  });
});
