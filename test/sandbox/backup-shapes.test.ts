// The shapes of in-core backups as CNPG 1.30 gives them, through client-node: archive_timeout
// 5min; gzip WAL and base backups under barman's names; a Backup that goes started ->
// running -> completed with CNPG's events and fields, the Cluster's firstRecoverabilityPoint
// written after it; a Backup whose WAL cannot be archived stays running and becomes
// walArchivingFailing (CNPG's 10 x 60 s check, shortened here through the sandbox timings);
// a target pod that is not ready leaves the Backup pending until a retry finds it ready;
// a failure is a Normal "Failed" event.
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';
import {
  backupStatus,
  barmanObjectStore,
  blobNames,
  condition,
  container,
  createBackup,
  createCluster,
  eventsOf,
  recordWatch,
  superuser,
  switchWal,
  waitBackupDone,
} from './backup-helpers.ts';

const NAME = 'bs';
const ROOT = `shapes/${NAME}`;
let h: Harness;

beforeAll(async () => {
  h = await startHarness('bshapes', {
    timings: { walArchiveCheckIntervalMs: 200, walArchiveCheckAttempts: 5, backupRetryMs: 500 },
  });
  const compressed = { wal: { compression: 'gzip' }, data: { compression: 'gzip' } };
  await createCluster(h, NAME, {
    backup: { barmanObjectStore: barmanObjectStore('shapes', compressed) },
  });
  await h.waitHealthy(NAME, 1);
});

afterAll(async () => {
  await h.close();
});

async function download(blob: string): Promise<Buffer> {
  return container(h).getBlobClient(blob).downloadToBuffer();
}

describe('WAL archiving settings', () => {
  test('archive_timeout is 5min, as CNPG sets it', async () => {
    const c = await superuser(h, `${NAME}-1`);
    const rows = await c.query<{ archive_timeout: string }>('SHOW archive_timeout');
    await c.end();
    expect(rows.rows[0]?.archive_timeout).toBe('5min');
  });

  test('wal.compression gzip archives <segment>.gz, real gzip of the 16 MiB segment', async () => {
    const segment = await switchWal(h, `${NAME}-1`);
    const blob = `${ROOT}/wals/${segment.slice(0, 16)}/${segment}.gz`;
    await waitFor('compressed segment', async () => (await blobNames(h, blob)).length === 1);
    const raw = await download(blob);
    expect(raw.length).toBeLessThan(16 * 1024 * 1024);
    expect(gunzipSync(raw).length).toBe(16 * 1024 * 1024);
  });

  test('wal.compression lz4 archives <segment>.lz4, an LZ4 frame of the 16 MiB segment', async () => {
    await setWalCompression('lz4');
    try {
      const segment = await switchWal(h, `${NAME}-1`);
      const blob = `${ROOT}/wals/${segment.slice(0, 16)}/${segment}.lz4`;
      await waitFor('lz4 segment', async () => (await blobNames(h, blob)).length === 1);
      const raw = await download(blob);
      expect(raw.subarray(0, 4)).toEqual(Buffer.from([0x04, 0x22, 0x4d, 0x18]));
      expect(raw.length).toBeLessThan(16 * 1024 * 1024);
      // Decoded by the reference lz4 tool where the machine has it, as barman's would be.
      const cli = spawnSync('lz4', ['-d', '-c'], { input: raw, maxBuffer: 32 * 1024 * 1024 });
      if (cli.error)
        console.log('lz4 is not on PATH: the frame magic was checked, not the decoding');
      else expect(cli.stdout.length).toBe(16 * 1024 * 1024);
    } finally {
      await setWalCompression('gzip');
    }
  });
});

async function setWalCompression(compression: string): Promise<void> {
  const wal = { compression };
  await h.objects.patch(
    {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: NAME, namespace: h.namespace },
      spec: { backup: { barmanObjectStore: { wal } } },
    },
    undefined,
    undefined,
    undefined,
    undefined,
    k8s.PatchStrategy.MergePatch,
  );
}

describe('an in-core Backup', () => {
  test('goes started, running, completed with CNPG fields and events; firstRecoverabilityPoint follows', async () => {
    const backups = await recordWatch(
      h,
      `/apis/postgresql.cnpg.io/v1/namespaces/${h.namespace}/backups`,
    );
    const clusters = await recordWatch(
      h,
      `/apis/postgresql.cnpg.io/v1/namespaces/${h.namespace}/clusters`,
    );
    const seen: string[] = [];
    await createBackup(h, 'bs-b1', NAME);
    const s = await waitBackupDone(h, 'bs-b1', seen);
    expect(s.phase, s.error).toBe('completed');
    await waitFor('firstRecoverabilityPoint', () =>
      Promise.resolve(clusters.events.some((e) => e.obj.status?.firstRecoverabilityPoint)),
    );
    backups.stop();
    clusters.stop();
    const completedAt = backups.events.find((e) => e.obj.status?.phase === 'completed')?.rv ?? 0;
    const pointAt = clusters.events.find((e) => e.obj.status?.firstRecoverabilityPoint)?.rv ?? 0;
    expect(completedAt).toBeGreaterThan(0);
    expect(pointAt).toBeGreaterThan(completedAt);
    const phases = backups.events.map((e) => e.obj.status?.phase).filter(Boolean);
    expect([...new Set(phases)]).toEqual(['started', 'running', 'completed']);
    expect(s.backupName).toMatch(/^backup-\d{14}$/);
    expect(s).not.toHaveProperty('online');
    expect(s).toMatchObject({ serverName: NAME, method: 'barmanObjectStore' });
    const events = await eventsOf(h, 'bs-b1');
    expect(events.map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Normal', 'Starting', `Starting backup for cluster ${NAME}`],
      ['Normal', 'Starting', 'Backup started'],
      ['Normal', 'Completed', 'Backup completed'],
    ]);
    const files = await blobNames(h, `${ROOT}/base/${s.backupId ?? ''}/`);
    expect(files.map((f) => f.split('/').at(-1)).sort()).toEqual(['backup.info', 'data.tar.gz']);
    const tar = gunzipSync(await download(files.find((f) => f.endsWith('.gz')) ?? ''));
    expect(tar.subarray(257, 262).toString()).toBe('ustar');
  });

  test('whose WAL cannot be archived stays running, then becomes walArchivingFailing', async () => {
    h.sandbox.faults.set({ walArchiveFailing: true });
    try {
      await switchWal(h, `${NAME}-1`);
      await waitFor('archiving failing', async () => {
        return (await condition(h, NAME, 'ContinuousArchiving'))?.status === 'False';
      });
      const seen: string[] = [];
      await createBackup(h, 'bs-walfail', NAME);
      const s = await waitFor('walArchivingFailing', async () => {
        const st = await backupStatus(h, 'bs-walfail');
        if (st.phase && seen.at(-1) !== st.phase) seen.push(st.phase);
        return st.phase === 'walArchivingFailing' && st;
      });
      expect(seen).toContain('running');
      expect(seen).not.toContain('failed');
      expect(s.backupName).toMatch(/^backup-\d{14}$/);
    } finally {
      h.sandbox.faults.set({ walArchiveFailing: false });
    }
    // Not terminal, and not retried: it stays.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await backupStatus(h, 'bs-walfail')).phase).toBe('walArchivingFailing');
    await switchWal(h, `${NAME}-1`);
    await waitFor('archiving again', async () => {
      return (await condition(h, NAME, 'ContinuousArchiving'))?.status === 'True';
    });
  });

  test('whose target pod is not ready waits in pending and is retried', async () => {
    h.sandbox.faults.set({ failingInstances: [`${NAME}-1`] });
    try {
      process.kill(h.sandbox.cnpg.instance(h.namespace, `${NAME}-1`)?.pid ?? 0, 'SIGKILL');
      await waitFor('pod not ready', async () => {
        const pod = await h.core.readNamespacedPod({ name: `${NAME}-1`, namespace: h.namespace });
        return pod.status?.containerStatuses?.[0]?.ready === false;
      });
      await createBackup(h, 'bs-wait', NAME);
      await waitFor('pending', async () => (await backupStatus(h, 'bs-wait')).phase === 'pending');
      const events = await eventsOf(h, 'bs-wait');
      expect(events).toContainEqual({
        type: 'Warning',
        reason: 'BackupPending',
        message: `Backup target pod not ready: ${NAME}-1`,
      });
    } finally {
      h.sandbox.faults.set({ failingInstances: [] });
    }
    const s = await waitBackupDone(h, 'bs-wait');
    expect(s.phase, s.error).toBe('completed');
  });

  test('that fails records a Normal Failed event and the Cluster lastFailedBackup', async () => {
    h.sandbox.faults.set({ failingBackups: ['bs-doomed'] });
    try {
      await createBackup(h, 'bs-doomed', NAME);
      const s = await waitBackupDone(h, 'bs-doomed');
      expect(s.phase).toBe('failed');
      expect(s.error).toContain('faults.failingBackups');
    } finally {
      h.sandbox.faults.set({ failingBackups: [] });
    }
    expect(await eventsOf(h, 'bs-doomed')).toContainEqual({
      type: 'Normal',
      reason: 'Failed',
      message: 'Backup failed',
    });
    const cluster = (await h.status(NAME)) as { lastFailedBackup?: string };
    expect(cluster.lastFailedBackup).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});
