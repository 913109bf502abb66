// How a Cluster's bootstrap.recovery.recoveryTarget becomes PostgreSQL's recovery settings:
// PostgreSQL reads timestamps, not RFC3339, and only a real target gets promote as its action.
import { describe, expect, test } from 'vitest';
import { recoverySettings } from '../../sandbox/backup/recovery.ts';

describe('recoverySettings', () => {
  test.each([
    [
      'no target: replay everything on the latest timeline',
      {},
      { recovery_target_timeline: 'latest' },
    ],
    [
      'RFC3339 targetTime in UTC',
      { targetTime: '2026-12-01T10:00:00Z' },
      {
        recovery_target_time: '2026-12-01 10:00:00.000+00',
        recovery_target_timeline: 'latest',
        recovery_target_action: 'promote',
      },
    ],
    [
      'targetTime with an offset, converted to UTC',
      { targetTime: '2026-12-01T12:00:00+02:00' },
      {
        recovery_target_time: '2026-12-01 10:00:00.000+00',
        recovery_target_timeline: 'latest',
        recovery_target_action: 'promote',
      },
    ],
    [
      'PostgreSQL timestamp without zone is UTC',
      { targetTime: '2026-12-01 10:00:00' },
      {
        recovery_target_time: '2026-12-01 10:00:00.000+00',
        recovery_target_timeline: 'latest',
        recovery_target_action: 'promote',
      },
    ],
    [
      'targetLSN, exclusive, on timeline 2',
      { targetLSN: '0/3000060', exclusive: true, targetTLI: '2' },
      {
        recovery_target_lsn: '0/3000060',
        recovery_target_timeline: '2',
        recovery_target_inclusive: 'off',
        recovery_target_action: 'promote',
      },
    ],
    [
      'targetImmediate',
      { targetImmediate: true, backupID: '20261201T100000' },
      {
        recovery_target: 'immediate',
        recovery_target_timeline: 'latest',
        recovery_target_action: 'promote',
      },
    ],
    [
      'targetName and targetXID',
      { targetName: 'before-upgrade', targetXID: 1234 },
      {
        recovery_target_name: 'before-upgrade',
        recovery_target_xid: '1234',
        recovery_target_timeline: 'latest',
        recovery_target_action: 'promote',
      },
    ],
  ])('%s', (_what, target, expected) => {
    expect(recoverySettings(target)).toEqual(expected);
  });

  test('a targetTime that is not a time is refused', () => {
    expect(() => recoverySettings({ targetTime: 'yesterday' })).toThrow(
      /targetTime yesterday is not a time/,
    );
  });
});
