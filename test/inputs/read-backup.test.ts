// backup's reader: defaults from the spec, the default name made as `kubectl cnpg backup`
// makes it (in UTC), and every bad input reported at once, by name.
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { defaultBackupName, readBackupInputs } from '../../src/inputs/read-backup.ts';

const NOW = Date.parse('2026-03-04T05:06:07.890Z');
const getter = (values: Record<string, string>) => (name: string) => values[name] ?? '';

function problemsOf(values: Record<string, string>): string[] {
  try {
    readBackupInputs(getter({ 'cluster-name': 'pg-orders', ...values }), NOW);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${p.input}: ${p.problem}`);
    throw e;
  }
  return [];
}

test('the defaults: auto method, WAL verified, wait, no freshness check, the name from the time', () => {
  const inputs = readBackupInputs(getter({ 'cluster-name': 'pg-orders' }), NOW);
  expect(inputs).toMatchObject({
    clusterName: 'pg-orders',
    namespace: 'cnpg-database',
    backupName: 'pg-orders-20260304050607',
    backupNameGiven: false,
    method: 'auto',
    verifyWal: true,
    wait: true,
    timeoutMs: 900_000,
  });
  expect(inputs.target).toBeUndefined();
  expect(inputs.maxBackupAgeMs).toBeUndefined();
  expect(Object.isFrozen(inputs)).toBe(true);
});

test.each([
  [
    { 'backup-name': 'pg-orders-before-upgrade' },
    { backupName: 'pg-orders-before-upgrade', backupNameGiven: true },
  ],
  [{ method: 'plugin' }, { method: 'plugin' }],
  [{ method: 'barman-object-store' }, { method: 'barman-object-store' }],
  [{ method: 'volume-snapshot' }, { method: 'volume-snapshot' }],
  [{ target: 'primary' }, { target: 'primary' }],
  [{ target: 'prefer-standby' }, { target: 'prefer-standby' }],
  [
    { 'verify-wal': 'false', wait: 'False' },
    { verifyWal: false, wait: false },
  ],
  [{ 'max-backup-age': '26h' }, { maxBackupAgeMs: 26 * 3_600_000 }],
  [{ 'max-backup-age': '90m' }, { maxBackupAgeMs: 90 * 60_000 }],
])('%o reads as %o', (values, expected) => {
  expect(readBackupInputs(getter({ 'cluster-name': 'pg-orders', ...values }), NOW)).toMatchObject(
    expected,
  );
});

describe('bad inputs', () => {
  test('are all reported at once', () => {
    expect(
      problemsOf({
        'backup-name': 'Bad_Name',
        method: 'tape',
        target: 'standby',
        'verify-wal': 'yes',
        wait: '1',
        'max-backup-age': '2d',
      }).map((p) => p.split(':')[0]),
    ).toEqual(['backup-name', 'method', 'target', 'verify-wal', 'wait', 'max-backup-age']);
  });

  test.each([
    ['backup-name', 'a\nb', /newline/],
    ['backup-name', 'x'.repeat(254), /not a valid Kubernetes object name/],
    [
      'method',
      'barmanObjectStore',
      /not one of auto, plugin, barman-object-store, volume-snapshot/,
    ],
    ['max-backup-age', '0s', /longer than zero/],
    ['max-backup-age', '9000h', /longer than 8784h/],
  ])('%s %j', (input, value, problem) => {
    const found = problemsOf({ [input]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(problem);
  });

  test('a missing cluster-name is named; the default backup name does not hide it', () => {
    expect(problemsOf({ 'cluster-name': '' })).toEqual(['cluster-name: is required']);
  });
});

test.each([
  ['pg', '2026-01-02T03:04:05Z', 'pg-20260102030405'],
  ['pg-orders', '2026-12-31T23:59:59.999Z', 'pg-orders-20261231235959'],
])('defaultBackupName(%s, %s) = %s', (cluster, at, name) => {
  expect(defaultBackupName(cluster, Date.parse(at))).toBe(name);
});
