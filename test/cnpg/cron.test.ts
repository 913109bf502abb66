// Next runs of ScheduledBackup schedules as robfig/cron v1.2.0 computes them (the parser CNPG
// uses: seconds first, day of week optional, descriptors), in UTC. 2026-03-04 is a Wednesday.
import { describe, expect, test } from 'vitest';
import { parseSchedule as parseSandbox } from '../../sandbox/backup/cron.ts';
import { CronError, isFiveFields, nextRun, parseSchedule } from '../../src/cnpg/cron.ts';

const FROM = Date.parse('2026-03-04T05:06:07.500Z');

const next = (schedule: string, from = FROM) => {
  const at = nextRun(parseSchedule(schedule), from);
  return at === undefined ? 'none' : new Date(at).toISOString();
};

describe('nextRun', () => {
  test.each([
    ['0 0 0 * * *', '2026-03-05T00:00:00.000Z', 'daily, the default of deploy'],
    ['0 0 * * *', '2026-03-04T06:00:00.000Z', 'five fields: seconds first, so hourly'],
    ['*/15 * * * * *', '2026-03-04T05:06:15.000Z', 'every 15 seconds'],
    ['5/20 * * * * *', '2026-03-04T05:06:25.000Z', 'N/step runs from N to the end'],
    ['0 30 2 1 * *', '2026-04-01T02:30:00.000Z', 'first of the month'],
    ['0 0 0 13 * FRI', '2026-03-06T00:00:00.000Z', 'day of month or day of week'],
    ['0 0 0 13 * *', '2026-03-13T00:00:00.000Z', 'day of month alone'],
    ['0 0 0 * * fri', '2026-03-06T00:00:00.000Z', 'names in any case'],
    ['0 0 12 ? JAN-MAR MON', '2026-03-09T12:00:00.000Z', '? is a star: both must match'],
    ['0 59 23 31 12 *', '2026-12-31T23:59:00.000Z', 'end of the year'],
    ['0 0 0 29 2 *', '2028-02-29T00:00:00.000Z', 'the next leap day'],
    ['0 0 0 30 2 *', 'none', 'no time in five years'],
    ['@yearly', '2027-01-01T00:00:00.000Z', 'descriptor'],
    ['@monthly', '2026-04-01T00:00:00.000Z', 'descriptor'],
    ['@weekly', '2026-03-08T00:00:00.000Z', 'Sunday'],
    ['@daily', '2026-03-05T00:00:00.000Z', 'descriptor'],
    ['@hourly', '2026-03-04T06:00:00.000Z', 'descriptor'],
    ['@every 1h30m', '2026-03-04T06:36:07.000Z', 'from the given time, whole seconds'],
    ['@every 500ms', '2026-03-04T05:06:08.000Z', 'at least a second'],
  ])('%s -> %s (%s)', (schedule, expected) => {
    expect(next(schedule)).toBe(expected);
  });

  test('strictly after the given time', () => {
    expect(next('0 0 0 * * *', Date.parse('2026-03-05T00:00:00Z'))).toBe(
      '2026-03-06T00:00:00.000Z',
    );
  });
});

describe('parseSchedule refuses what robfig/cron refuses', () => {
  test.each([
    ['', /empty/],
    ['0 0 0 * * * *', /expected 5 to 6 fields, found 7/],
    ['0 0 0 *', /expected 5 to 6 fields, found 4/],
    ['61 * * * * *', /61 is above 59/],
    ['0 0 0 0 * *', /0 is below 1/],
    ['*/0 * * * * *', /step must be positive/],
    ['1-2-3 * * * * *', /too many hyphens/],
    ['1/2/3 * * * * *', /too many slashes/],
    ['5-1 * * * * *', /5 is after 1/],
    ['0 0 0 * * FRIDAY', /cannot read 'FRIDAY'/],
    ['@fortnightly', /unknown descriptor/],
    ['@every soon', /cannot read 'soon' as a duration/],
  ])('%j', (schedule, problem) => {
    expect(() => parseSchedule(schedule)).toThrow(CronError);
    expect(() => parseSchedule(schedule)).toThrow(problem);
  });
});

test.each([
  ['0 0 * * *', true],
  ['0 0 0 * * *', false],
  ['@daily', false],
])('isFiveFields(%j) = %s', (schedule, five) => {
  expect(isFiveFields(schedule)).toBe(five);
});

test("agrees with the sandbox operator's own cron (written apart) on many schedules and times", () => {
  const schedules = [
    '0 0 0 * * *',
    '0 0 * * *',
    '*/7 */5 * * * *',
    '30 15 3 1,15 * *',
    '0 0 0 13 * FRI',
    '0 0 12 ? JAN-MAR MON-FRI',
    '0 0 6-18/4 * * SUN',
    '@weekly',
    '@every 2h',
  ];
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (const schedule of schedules) {
    const theirs = parseSandbox(schedule);
    for (let i = 0; i < 25; i++) {
      const from = Date.parse('2026-01-01T00:00:00Z') + Math.floor(random() * 400 * 86_400_000);
      expect(next(schedule, from), `${schedule} from ${new Date(from).toISOString()}`).toBe(
        theirs.next(new Date(from)).toISOString(),
      );
    }
  }
});
