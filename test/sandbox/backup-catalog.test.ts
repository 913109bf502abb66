// Which base backup a recovery restores, as barman-cloud's catalog chooses it for CNPG 1.30
// and the plugin (pkg/catalog FindBackupInfo): backupID wins over any target; targetTime takes
// the latest backup ended at or before it, targetLSN the latest whose end LSN is below it;
// both, and the fallback to the latest, keep to targetTLI when it is a number.
import { describe, expect, test } from 'vitest';
import type { BackupInfo } from '../../sandbox/backup/backup-info.ts';
import { chooseBackup } from '../../sandbox/backup/catalog.ts';
import type { BackupChoice } from '../../sandbox/backup/catalog.ts';

function backup(id: string, end: string, endLsn: string, timeline = 1, done = true): BackupInfo {
  return {
    backupId: id,
    backupName: `backup-${id}`,
    serverName: 'pg',
    status: done ? 'DONE' : 'FAILED',
    beginTime: new Date(new Date(end).getTime() - 60_000),
    endTime: new Date(end),
    beginWal: '',
    endWal: '',
    beginXlog: '0/1000000',
    endXlog: endLsn,
    timeline,
    systemId: '1',
    version: 180004,
    size: 1,
    backupLabel: '',
    error: '',
  };
}

// Sorted by end time, as listBackups returns them.
const catalog = [
  backup('A', '2026-12-01T10:00:00Z', '0/3000100'),
  backup('B', '2026-12-01T11:00:00Z', '0/5000100'),
  backup('C', '2026-12-01T12:00:00Z', '0/7000100', 2),
  backup('D', '2026-12-01T13:00:00Z', '0/9000100', 2, false),
];

describe('chooseBackup', () => {
  test.each<[string, BackupChoice | undefined, string | undefined]>([
    ['no recoveryTarget: the latest DONE backup', undefined, 'C'],
    ['an empty recoveryTarget: the latest', {}, 'C'],
    [
      'backupID wins over a later targetTime',
      { backupID: 'A', targetTime: '2026-12-01 12:30:00' },
      'A',
    ],
    ['targetTime: the latest ended at or before it', { targetTime: '2026-12-01 11:30:00' }, 'B'],
    ['targetTime equal to an end time includes it', { targetTime: '2026-12-01T11:00:00Z' }, 'B'],
    ['targetTime before every backup: none', { targetTime: '2026-12-01 09:00:00' }, undefined],
    ['targetLSN: the latest whose end LSN is below it', { targetLSN: '0/6000000' }, 'B'],
    ['targetLSN equal to an end LSN excludes it', { targetLSN: '0/5000100' }, 'A'],
    ['targetTLI 1 keeps to timeline 1', { targetTLI: '1', targetTime: '2026-12-01 12:30:00' }, 'B'],
    [
      'targetTLI latest takes any timeline',
      { targetTLI: 'latest', targetTime: '2026-12-01 12:30:00' },
      'C',
    ],
    ['targetTLI 2 with no target: the latest on timeline 2', { targetTLI: '2' }, 'C'],
    ['targetTLI 3: none', { targetTLI: '3' }, undefined],
  ])('%s', (_what, want, expected) => {
    expect(chooseBackup(catalog, want)?.backupId).toBe(expected);
  });

  test('a backupID that is not in the catalog is an error, in barman-cloud words', () => {
    expect(() => chooseBackup(catalog, { backupID: 'D' })).toThrow('no backup found with ID D');
  });
});
