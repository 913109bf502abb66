// pg_stat_archiver and the WAL switch as psql prints them (unaligned, tuples only), and when
// a segment counts as archived: PostgreSQL archives segments in order and retries a failing
// one, so a later plain segment proves it; history, .backup and .partial files prove nothing.
import { describe, expect, test } from 'vitest';
import {
  archiverStatusSql,
  archivingWorks,
  failureSince,
  hasArchived,
  parseArchiverStatus,
  parseWalSwitch,
  segmentNumber,
  type ArchiverStatus,
} from '../../src/postgres/archiver.ts';

const SEG = '000000010000000A000000FF';

function status(o: Partial<ArchiverStatus>): ArchiverStatus {
  return { archivedCount: 0, failedCount: 0, serverNow: 0, segmentDone: false, ...o };
}

test('parseWalSwitch', () => {
  expect(parseWalSwitch([`${SEG}|A/FF000100|1772600767.123456`])).toEqual({
    segment: SEG,
    lsn: 'A/FF000100',
    at: 1772600767123,
  });
  expect(() => parseWalSwitch(['ERROR'])).toThrow(/unexpected psql output/);
  expect(() => parseWalSwitch([])).toThrow(/unexpected psql output/);
});

test('parseArchiverStatus', () => {
  const line = `${SEG}|1772600767.5|000000010000000B00000000|1772600768|12|3|1772600769.25|t`;
  expect(parseArchiverStatus([line])).toEqual({
    lastArchivedWal: SEG,
    lastArchivedAt: 1772600767500,
    lastFailedWal: '000000010000000B00000000',
    lastFailedAt: 1772600768000,
    archivedCount: 12,
    failedCount: 3,
    serverNow: 1772600769250,
    segmentDone: true,
  });
  expect(parseArchiverStatus(['||||0|0|1772600769|f'])).toEqual(
    status({ serverNow: 1772600769000 }),
  );
});

test('archiverStatusSql names only a segment, and refuses anything else', () => {
  expect(archiverStatusSql(SEG)).toContain(`name = '${SEG}.done'`);
  expect(archiverStatusSql()).toContain(', false FROM pg_stat_archiver');
  expect(() => archiverStatusSql("x'; DROP TABLE t; --")).toThrow(/not a WAL segment name/);
});

describe('hasArchived', () => {
  test.each<[Partial<ArchiverStatus>, boolean, string]>([
    [{ lastArchivedWal: SEG }, true, 'the segment itself'],
    [{ lastArchivedWal: '000000010000000B00000000' }, true, 'a later segment'],
    [{ lastArchivedWal: '000000020000000B00000000' }, true, 'a later one on a new timeline'],
    [{ lastArchivedWal: '000000010000000A000000FE' }, false, 'an earlier segment'],
    [{ lastArchivedWal: '00000002.history' }, false, 'a history file'],
    [{ lastArchivedWal: '000000010000000B00000000.00000028.backup' }, false, 'a backup label'],
    [{ lastArchivedWal: '000000010000000B00000000.partial' }, false, 'a partial segment'],
    [{}, false, 'nothing archived'],
    [{ segmentDone: true, lastArchivedWal: '00000002.history' }, true, 'archive_status says done'],
  ])('%o -> %s (%s)', (o, expected) => {
    expect(hasArchived(status(o), SEG)).toBe(expected);
  });
});

test('segmentNumber leaves the timeline out', () => {
  expect(segmentNumber('000000020000000A000000FF')).toBe(0xa000000ffn);
  expect(segmentNumber('00000002.history')).toBeUndefined();
});

test.each<[Partial<ArchiverStatus>, boolean | undefined]>([
  [{}, undefined],
  [{ lastArchivedAt: 2 }, true],
  [{ lastArchivedAt: 2, lastFailedAt: 1 }, true],
  [{ lastArchivedAt: 1, lastFailedAt: 2 }, false],
  [{ lastFailedAt: 2 }, false],
])('archivingWorks(%o) = %s, as kubectl cnpg status says', (o, expected) => {
  expect(archivingWorks(status(o))).toBe(expected);
});

test('failureSince reports only failures at or after the start', () => {
  const s = status({ lastFailedWal: SEG, lastFailedAt: 1000 });
  expect(failureSince(s, 1000)).toEqual({ wal: SEG, at: 1000 });
  expect(failureSince(s, 1001)).toBeUndefined();
  expect(failureSince(status({}), 0)).toBeUndefined();
});
