// The pure parts of restore-verify's checks: how a check's observed text is judged, amcheck's
// rows, the timeline history line that says where recovery stopped, the recovery Job's log
// reason, and the marker SQL (a token is hex, the owner is quoted).
import { expect, test } from 'vitest';
import { lastError } from '../../src/cnpg/restore-wait.ts';
import { parseAmcheck } from '../../src/postgres/amcheck.ts';
import { markersSql } from '../../src/postgres/markers.ts';
import { parseRecoveryPoint } from '../../src/postgres/recovery-point.ts';
import { judge } from '../../src/postgres/restore-checks.ts';

test.each([
  [{ name: 'a', sql: 's', expect: '42' }, '42', true, '= 42'],
  [{ name: 'a', sql: 's', expect: '42' }, '42.0', false, '= 42'],
  [{ name: 'a', sql: 's', expect: '42' }, null, false, '= 42'],
  [{ name: 'a', sql: 's', min: 1 }, '500', true, '>= 1'],
  [{ name: 'a', sql: 's', min: 1 }, '0', false, '>= 1'],
  [{ name: 'a', sql: 's', max: 10 }, '10', true, '<= 10'],
  [{ name: 'a', sql: 's', min: 1, max: 2 }, '1.5', true, '1 .. 2'],
  [{ name: 'a', sql: 's', min: 1, max: 2 }, 'many', false, '1 .. 2'],
  [{ name: 'a', sql: 's', min: 1 }, null, false, '>= 1'],
])('judge(%j, %s) = %s', (check, observed, passed, expected) => {
  expect(judge(check, observed)).toEqual({ passed, expected });
});

test('amcheck rows: ok and corrupt indexes, names split at the first |', () => {
  expect(
    parseAmcheck('heapallindexed', [
      'pg_catalog.pg_class_oid_index|ok',
      'public.orders_key|heap tuple (0,1) from table "orders" lacks matching index tuple | within',
    ]),
  ).toEqual({
    mode: 'heapallindexed',
    indexes: 2,
    corrupt: [
      {
        index: 'public.orders_key',
        error: 'heap tuple (0,1) from table "orders" lacks matching index tuple | within',
      },
    ],
  });
});

test.each([
  [
    ['2|1\t0/50002C0\tbefore 2026-12-02 08:24:58.654744+00'],
    { timeline: 2, lsn: '0/50002C0', reason: 'before 2026-12-02 08:24:58.654744+00' },
  ],
  [
    [
      '3|1\t0/3000000\tno recovery target specified',
      '',
      '2\t0/6000000\tno recovery target specified',
    ],
    { timeline: 3, lsn: '0/6000000', reason: 'no recovery target specified' },
  ],
  [['1|'], undefined],
])('the recovered-to point of %j', (lines, expected) => {
  expect(parseRecoveryPoint(lines)).toEqual(expected);
});

test('the reason of a recovery Job pod: its last error line', () => {
  const log = [
    '{"level":"info","msg":"Starting barman-cloud-restore"}',
    '{"level":"error","msg":"restore error","error":"the base backup has no data.tar"}',
    '',
  ].join('\n');
  expect(lastError(log)).toBe('restore error: the base backup has no data.tar');
  expect(lastError('plain\nFATAL: could not find WAL\n')).toBe('FATAL: could not find WAL');
  expect(lastError('{"level":"info","msg":"fine"}')).toBeUndefined();
});

test('marker SQL: one call, A committed before T, B after; the owner quoted, the run id cleaned, hex tokens', () => {
  const sql = markersSql('app"x', { a: 'ab12', b: 'cd34' }, '42;drop');
  expect(sql.split('; ').map((s) => s.split(' ').slice(0, 3).join(' '))).toEqual([
    'SET ROLE "app""x"',
    "SELECT pg_advisory_xact_lock(hashtext('public.pgha_restore_markers'))",
    'CREATE TABLE IF',
    'INSERT INTO public.pgha_restore_markers',
    'COMMIT',
    'SELECT to_char(clock_timestamp() AT',
    'COMMIT',
    'INSERT INTO public.pgha_restore_markers',
  ]);
  expect(sql).toContain("VALUES ('A', 'ab12', '42drop')");
  expect(sql).toContain("VALUES ('B', 'cd34', '42drop')");
  expect(markersSql('app', { a: 'ab' }, '1')).not.toContain('COMMIT');
  expect(() => markersSql('app', { a: "x'" }, '1')).toThrow('hex');
});
