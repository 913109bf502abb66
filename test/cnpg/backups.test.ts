// Pure parts of backup's reporting: the newest completed Backup, unfinished ones, the
// ScheduledBackups with their next run, freshness against max-backup-age, and archive
// locations and credentials described without anything secret.
import { describe, expect, test } from 'vitest';
import {
  archiveChecks,
  describeCredentials,
  safeLocation,
  walLocation,
} from '../../src/cnpg/archiving-report.ts';
import { newestCompleted, unfinished, type BackupView } from '../../src/cnpg/backups.ts';
import { checkFreshness, freshness } from '../../src/cnpg/freshness.ts';
import { scheduleReport } from '../../src/cnpg/schedules.ts';
import { DiagnosedError } from '../../src/errors.ts';

function b(
  name: string,
  status: BackupView['status'],
  created = '2026-03-01T00:00:00Z',
): BackupView {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Backup',
    metadata: { name, creationTimestamp: created },
    spec: { cluster: { name: 'pg' } },
    ...(status ? { status } : {}),
  };
}

describe('Backups', () => {
  const list = [
    b('old', { phase: 'completed', stoppedAt: '2026-03-01T01:00:00Z' }),
    b('new', { phase: 'completed', stoppedAt: '2026-03-03T01:00:00Z' }),
    b('newer-failed', { phase: 'failed', stoppedAt: '2026-03-04T01:00:00Z' }),
    b('no-stop', { phase: 'completed', reconciliationTerminatedAt: '2026-03-02T00:00:00Z' }),
    b('running', { phase: 'running' }),
    b('fresh', undefined),
  ];

  test('newestCompleted goes by completion time and ignores failed ones', () => {
    expect(newestCompleted(list)).toEqual({ name: 'new', completedAt: '2026-03-03T01:00:00Z' });
    expect(newestCompleted([list[3] as BackupView])).toEqual({
      name: 'no-stop',
      completedAt: '2026-03-02T00:00:00Z',
    });
    expect(newestCompleted([])).toBeUndefined();
  });

  test('unfinished lists every Backup that is not completed or failed, but the named one', () => {
    expect(unfinished(list, 'fresh')).toEqual(['running (running)']);
    expect(unfinished(list, 'x')).toEqual(['running (running)', 'fresh (new)']);
  });
});

describe('scheduleReport', () => {
  const now = Date.parse('2026-03-04T05:06:07Z');
  const sb = (spec: object, status: object = {}) => ({
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'ScheduledBackup',
    metadata: { name: 'pg-daily' },
    spec: { cluster: { name: 'pg' }, ...spec },
    status,
  });

  test('next run from the last check, as the operator computes it', () => {
    const r = scheduleReport(
      sb(
        { schedule: '0 0 0 * * *', method: 'plugin' },
        { lastCheckTime: '2026-03-04T00:00:00Z', lastScheduleTime: '2026-03-04T00:00:00Z' },
      ),
      now,
    );
    expect(r).toEqual({
      name: 'pg-daily',
      schedule: '0 0 0 * * *',
      suspended: false,
      method: 'plugin',
      lastScheduleTime: '2026-03-04T00:00:00Z',
      fiveFields: false,
      nextRun: '2026-03-05T00:00:00.000Z',
      overdue: false,
    });
  });

  test('a due run the operator did not start is overdue', () => {
    const r = scheduleReport(
      sb({ schedule: '0 0 0 * * *' }, { lastCheckTime: '2026-03-01T00:00:00Z' }),
      now,
    );
    expect(r).toMatchObject({
      nextRun: '2026-03-02T00:00:00.000Z',
      overdue: true,
      method: 'barmanObjectStore',
    });
  });

  test('suspended, five fields, unreadable', () => {
    expect(scheduleReport(sb({ schedule: '0 0 0 * * *', suspend: true }), now)).toMatchObject({
      suspended: true,
      overdue: false,
    });
    expect(
      scheduleReport(sb({ schedule: '0 0 0 * * *', suspend: true }), now).nextRun,
    ).toBeUndefined();
    expect(scheduleReport(sb({ schedule: '0 0 * * *' }), now)).toMatchObject({
      fiveFields: true,
      nextRun: '2026-03-04T06:00:00.000Z',
    });
    expect(scheduleReport(sb({ schedule: 'every day' }), now).problem).toMatch(
      /expected 5 to 6 fields/,
    );
  });
});

describe('freshness', () => {
  const now = Date.parse('2026-03-04T12:00:00Z');
  const previous = { name: 'pg-1', completedAt: '2026-03-03T00:00:00Z' };

  test('fresh when younger than max-backup-age', () => {
    expect(freshness(previous, 48 * 3_600_000, now)).toEqual({
      maxSeconds: 172_800,
      previous,
      ageSeconds: 129_600,
      fresh: true,
    });
    expect(() => {
      checkFreshness(freshness(previous, 48 * 3_600_000, now), 'pg', []);
    }).not.toThrow();
  });

  test('stale: the failure names the backup, its age and the schedules', () => {
    const f = freshness(previous, 26 * 3_600_000, now);
    expect(f.fresh).toBe(false);
    const schedule = scheduleReport(
      {
        apiVersion: 'v',
        kind: 'ScheduledBackup',
        metadata: { name: 'pg-daily' },
        spec: { schedule: '0 0 0 * * *', suspend: true, cluster: { name: 'pg' } },
      },
      now,
    );
    let error: unknown;
    try {
      checkFreshness(f, 'pg', [schedule]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DiagnosedError);
    expect((error as DiagnosedError).message).toBe(
      'the newest completed backup of Cluster pg before this run, pg-1, completed 36.0 h ago (2026-03-03T00:00:00Z), more than max-backup-age (26.0 h): has a schedule stopped?',
    );
    expect((error as DiagnosedError).diagnostics).toContain(
      "ScheduledBackup pg-daily: '0 0 0 * * *', last scheduled never, suspended",
    );
  });

  test('no backup before this run at all', () => {
    expect(() => {
      checkFreshness(freshness(undefined, 3_600_000, now), 'pg', []);
    }).toThrow('Cluster pg had no completed backup before this run (max-backup-age 60 min)');
  });
});

describe('archive words', () => {
  test.each([
    [
      'https://acct.blob.core.windows.net/backups?sv=2022&sig=SECRET',
      'https://acct.blob.core.windows.net/backups',
    ],
    [
      'https://user:SECRET@acct.blob.core.windows.net/backups',
      'https://acct.blob.core.windows.net/backups',
    ],
    ['s3://bucket/path#SECRET', 's3://bucket/path'],
    ['s3://bucket/path', 's3://bucket/path'],
  ])('safeLocation(%s)', (url, safe) => {
    expect(safeLocation(url)).toBe(safe);
  });

  test('walLocation', () => {
    expect(walLocation('https://a.blob.core.windows.net/b/', 'pg')).toBe(
      'https://a.blob.core.windows.net/b/pg/wals/',
    );
  });

  test.each([
    [
      { azureCredentials: { inheritFromAzureAD: true } },
      'workload identity (azureCredentials.inheritFromAzureAD)',
    ],
    [
      {
        azureCredentials: {
          storageAccount: { name: 'creds', key: 'AZURE_STORAGE_ACCOUNT' },
          storageKey: { name: 'creds', key: 'AZURE_STORAGE_KEY' },
        },
      },
      'Secret keys creds/AZURE_STORAGE_ACCOUNT, creds/AZURE_STORAGE_KEY',
    ],
    [
      { s3Credentials: { inheritFromIAMRole: true } },
      'the IAM role of the pod (s3Credentials.inheritFromIAMRole)',
    ],
    [{}, 'no credentials configured'],
    [undefined, 'no credentials configured'],
  ])('describeCredentials(%j)', (configuration, text) => {
    expect(describeCredentials(configuration)).toBe(text);
  });

  test('archiveChecks name the configuration, the service account subject and the container log', () => {
    const lines = archiveChecks({
      namespace: 'db',
      cluster: 'pg',
      primary: 'pg-1',
      serviceAccount: 'pg',
      archive: { kind: 'plugin', objectStore: 'pg-store', serverName: 'pg' },
      location: 'https://a.blob.core.windows.net/b/pg/wals/',
      credentials: 'workload identity (azureCredentials.inheritFromAzureAD)',
      container: 'plugin-barman-cloud',
    }).join('\n');
    expect(lines).toContain('ObjectStore pg-store (spec.configuration)');
    expect(lines).toContain('system:serviceaccount:db:pg');
    expect(lines).toContain('kubectl logs -n db pg-1 -c plugin-barman-cloud');
  });
});
