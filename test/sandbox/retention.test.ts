// barman-cloud retention in the sandbox's object store: a recovery window keeps the backups
// inside it plus the newest one before it, deletes older backups with their WAL (compressed
// or not), keeps timeline history files, and deletes nothing without a DONE backup.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatBackupInfo } from '../../sandbox/backup/backup-info.ts';
import { backupBlobName, backupIdAt, walBlobName } from '../../sandbox/backup/layout.ts';
import { blobStore } from '../../sandbox/backup/archive-store.ts';
import { applyRetention, parseRetention } from '../../sandbox/backup/retention.ts';
import { startObjectStore, type ObjectStore } from '../../sandbox/objectstore/azurite.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

let store: ObjectStore | undefined;
let dir: string;
let backups: ContainerClient;
let servers = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgha-retention-'));
  store = await startObjectStore({ dir });
  const account = store.accounts.get('sandbox');
  if (!account) throw new Error('no sandbox account');
  backups = store.client(account).getContainerClient('backups');
});

afterAll(async () => {
  await store?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A fresh server root, so that tests do not see each other's blobs. */
function server(): string {
  servers += 1;
  return `retention/pg-${String(servers)}`;
}

async function put(name: string, body: string): Promise<void> {
  await backups.getBlockBlobClient(name).upload(body, Buffer.byteLength(body));
}

function xlog(wal: string, offset: number): string {
  const hi = parseInt(wal.slice(8, 16), 16);
  const lo = parseInt(wal.slice(16, 24), 16) * 0x1000000 + offset;
  return `${hi.toString(16).toUpperCase()}/${lo.toString(16).toUpperCase()}`;
}

const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

/** Uploads a base backup that ended `daysAgo` before NOW and began an hour earlier. */
async function backup(
  root: string,
  daysAgo: number,
  beginWal: string,
  status: 'DONE' | 'FAILED' = 'DONE',
): Promise<string> {
  const endTime = ago(daysAgo);
  const beginTime = new Date(endTime.getTime() - 60 * 60 * 1000);
  const backupId = backupIdAt(beginTime);
  const info = formatBackupInfo({
    backupId,
    backupName: `backup-${backupId}`,
    serverName: root.split('/').at(-1) ?? '',
    status,
    beginTime,
    endTime,
    beginWal,
    endWal: beginWal,
    beginXlog: xlog(beginWal, 0x28),
    endXlog: xlog(beginWal, 0x100),
    timeline: parseInt(beginWal.slice(0, 8), 16),
    systemId: '7400000000000000001',
    version: 180004,
    size: 9,
    backupLabel: `START WAL LOCATION: ${xlog(beginWal, 0x28)} (file ${beginWal})\n`,
    error: status === 'FAILED' ? 'failure during backup' : '',
  });
  await put(backupBlobName(root, backupId, 'backup.info'), info);
  await put(backupBlobName(root, backupId, 'data.tar'), 'tar bytes');
  return backupId;
}

async function wals(root: string, names: string[]): Promise<void> {
  for (const name of names) await put(walBlobName(root, name), 'wal bytes');
}

/** Segment names on a timeline, for segment numbers from..to (log 0). */
function segments(timeline: number, from: number, to: number): string[] {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');
  const names: string[] = [];
  for (let seg = from; seg <= to; seg++) names.push(`${hex(timeline)}00000000${hex(seg)}`);
  return names;
}

const backupFiles = (root: string, id: string) =>
  ['backup.info', 'data.tar'].map((f) => backupBlobName(root, id, f));

async function blobs(root: string): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of backups.listBlobsFlat({ prefix: `${root}/` })) names.push(blob.name);
  return names.sort();
}

describe('parseRetention', () => {
  test.each([
    ['30d', 30 * DAY],
    ['1d', DAY],
    ['2w', 14 * DAY],
    ['1m', 31 * DAY],
    ['12m', 372 * DAY],
  ])('%s is a window of %d ms', (policy, ms) => {
    expect(parseRetention(policy)).toBe(ms);
  });

  test.each(['0d', '5x', '1.5d', '', '07d', '-1d', '30D', ' 30d', '30', 'd'])(
    'refuses "%s"',
    (policy) => {
      expect(() => parseRetention(policy)).toThrow(/retentionPolicy ".*" is invalid.*\[dwm\]/);
    },
  );
});

describe('applyRetention', () => {
  test('30d keeps the backups in the window and the newest before it, and the WAL they need', async () => {
    const root = server();
    const b60 = await backup(root, 60, '000000010000000000000002');
    const f50 = await backup(root, 50, '000000010000000000000003', 'FAILED');
    const b40 = await backup(root, 40, '000000010000000000000005');
    const b20 = await backup(root, 20, '000000020000000000000008');
    const f10 = await backup(root, 10, '00000002000000000000000A', 'FAILED');
    const b1 = await backup(root, 1, '00000002000000000000000C');
    const removedWal = [...segments(1, 1, 4), '000000010000000000000002.00000028.backup'];
    const keptWal = [
      ...segments(1, 5, 6),
      '000000010000000000000005.00000028.backup',
      '000000010000000000000007.partial',
      '00000002.history',
      ...segments(2, 7, 13),
      '000000020000000000000008.00000028.backup',
    ];
    await wals(root, [...removedWal, ...keptWal]);

    const result = await applyRetention(blobStore(backups), root, '30d', NOW);

    expect(result).toEqual({
      keptBackups: [b40, b20, f10, b1],
      removedBackups: [b60, f50],
      removedWals: removedWal.map((w) => walBlobName(root, w)).sort(),
      firstRecoverabilityPoint: ago(40),
      lastSuccessfulBackupTime: ago(1),
    });
    const remaining = [
      ...[b40, b20, f10, b1].flatMap((id) => backupFiles(root, id)),
      ...keptWal.map((w) => walBlobName(root, w)),
    ];
    expect(await blobs(root)).toEqual(remaining.sort());
  });

  test('a window holding every backup removes nothing', async () => {
    const root = server();
    const ids = [
      await backup(root, 25, '000000010000000000000002'),
      await backup(root, 10, '000000010000000000000004'),
      await backup(root, 1, '000000010000000000000006'),
    ];
    await wals(root, [...segments(1, 2, 7), '000000010000000000000002.00000028.backup']);
    const before = await blobs(root);

    const result = await applyRetention(blobStore(backups), root, '30d', NOW);

    expect(result).toEqual({
      keptBackups: ids,
      removedBackups: [],
      removedWals: [],
      firstRecoverabilityPoint: ago(25),
      lastSuccessfulBackupTime: ago(1),
    });
    expect(await blobs(root)).toEqual(before);
  });

  test('the only backup is kept however old, with the WAL from its begin_wal on', async () => {
    const root = server();
    const id = await backup(root, 90, '000000010000000000000003');
    await wals(root, segments(1, 1, 5));

    const result = await applyRetention(blobStore(backups), root, '30d', NOW);

    expect(result.keptBackups).toEqual([id]);
    expect(result.removedBackups).toEqual([]);
    expect(result.firstRecoverabilityPoint).toEqual(ago(90));
    expect(result.lastSuccessfulBackupTime).toEqual(ago(90));
    expect(await blobs(root)).toEqual(
      [...backupFiles(root, id), ...segments(1, 3, 5).map((w) => walBlobName(root, w))].sort(),
    );
  });

  test('gzip-compressed WAL (wal.compression) is deleted by the same rule', async () => {
    const root = server();
    const old = await backup(root, 60, '000000010000000000000002');
    const anchor = await backup(root, 40, '000000010000000000000004');
    const recent = await backup(root, 2, '000000010000000000000005');
    for (const name of segments(1, 2, 5)) await put(`${walBlobName(root, name)}.gz`, 'gz bytes');
    await put(`${walBlobName(root, '00000002.history')}.gz`, 'history');

    const result = await applyRetention(blobStore(backups), root, '7d', NOW);

    expect(result.removedBackups).toEqual([old]);
    expect(result.keptBackups).toEqual([anchor, recent]);
    expect(result.removedWals).toEqual(segments(1, 2, 3).map((w) => `${walBlobName(root, w)}.gz`));
    const left = (await blobs(root)).filter((b) => b.includes('/wals/'));
    expect(left).toEqual(
      [...segments(1, 4, 5), '00000002.history'].map((w) => `${walBlobName(root, w)}.gz`).sort(),
    );
  });

  test('without a DONE backup nothing is deleted', async () => {
    const root = server();
    const ids = [
      await backup(root, 60, '000000010000000000000002', 'FAILED'),
      await backup(root, 40, '000000010000000000000004', 'FAILED'),
    ];
    await wals(root, segments(1, 1, 5));
    const before = await blobs(root);

    const result = await applyRetention(blobStore(backups), root, '7d', NOW);

    expect(result).toEqual({
      keptBackups: ids,
      removedBackups: [],
      removedWals: [],
      firstRecoverabilityPoint: undefined,
      lastSuccessfulBackupTime: undefined,
    });
    expect(await blobs(root)).toEqual(before);
  });

  test('WAL on an older timeline is older, on a newer one is kept; history files stay', async () => {
    const root = server();
    const b30 = await backup(root, 30, '000000010000000000000004');
    const b20 = await backup(root, 20, '000000020000000000000003');
    const b2 = await backup(root, 2, '000000030000000000000002');
    const removedWal = [
      '000000010000000000000004',
      '000000010000000000000009',
      '000000010000000000000004.00000028.backup',
      '000000020000000000000002',
    ];
    const keptWal = [
      '00000002.history',
      '00000003.history',
      ...segments(2, 3, 4),
      ...segments(3, 1, 2),
    ];
    await wals(root, [...removedWal, ...keptWal]);

    const result = await applyRetention(blobStore(backups), root, '7d', NOW);

    expect(result.removedBackups).toEqual([b30]);
    expect(result.keptBackups).toEqual([b20, b2]);
    expect(result.removedWals).toEqual(removedWal.map((w) => walBlobName(root, w)).sort());
    expect(await blobs(root)).toEqual(
      [
        ...[b20, b2].flatMap((id) => backupFiles(root, id)),
        ...keptWal.map((w) => walBlobName(root, w)),
      ].sort(),
    );
  });

  test.each([
    ['2w', [20, 15, 10, 1], [20]],
    ['1m', [45, 32, 30, 1], [45]],
    ['1w', [9, 8, 6], [9]],
  ])('%s over backups %j days old removes those %j days old', async (policy, days, gone) => {
    const root = server();
    const ids = new Map<number, string>();
    for (const [i, d] of days.entries())
      ids.set(d, await backup(root, d, segments(1, 2 * i + 1, 2 * i + 1)[0] ?? ''));
    const id = (d: number) => ids.get(d) ?? '';
    const keptDays = days.filter((d) => !gone.includes(d));

    const result = await applyRetention(blobStore(backups), root, policy, NOW);

    expect(result.removedBackups).toEqual(gone.map(id));
    expect(result.keptBackups).toEqual(keptDays.map(id));
    expect(result.firstRecoverabilityPoint).toEqual(ago(keptDays[0] ?? 0));
    expect(await blobs(root)).toEqual(keptDays.flatMap((d) => backupFiles(root, id(d))).sort());
  });

  test('a bad policy is refused before anything is deleted', async () => {
    const root = server();
    const id = await backup(root, 90, '000000010000000000000003');
    await expect(applyRetention(blobStore(backups), root, '0d', NOW)).rejects.toThrow(/is invalid/);
    expect(await blobs(root)).toEqual(backupFiles(root, id).sort());
  });
});
