// ScheduledBackup schedules as CNPG 1.30 parses them (robfig/cron v1 with a seconds field):
// table-driven next times for fields, descriptors and @every, and the errors of bad input.
import { describe, expect, test } from 'vitest';
import { parseSchedule } from '../../sandbox/backup/cron.ts';

/** The first `count` fire times after `after`, each from the previous one. */
function fireTimes(spec: string, after: string, count: number): string[] {
  const schedule = parseSchedule(spec);
  const out: string[] = [];
  let t = new Date(after);
  for (let i = 0; i < count; i++) {
    t = schedule.next(t);
    out.push(t.toISOString().replace('.000Z', 'Z'));
  }
  return out;
}

// 2026-12-01 is a Tuesday.
const TUE = '2026-12-01T10:00:00Z';

const CASES: [name: string, spec: string, after: string, expected: string[]][] = [
  ['6 fields', '30 15 10 * * *', TUE, ['2026-12-01T10:15:30Z', '2026-12-02T10:15:30Z']],
  ['every second', '* * * * * *', TUE, ['2026-12-01T10:00:01Z', '2026-12-01T10:00:02Z']],
  [
    'strictly after, whole seconds',
    '* * * * * *',
    '2026-12-01T10:00:00.700Z',
    ['2026-12-01T10:00:01Z'],
  ],
  [
    '5 fields are sec min hour dom month: hourly',
    '0 0 * * *',
    TUE,
    ['2026-12-01T11:00:00Z', '2026-12-01T12:00:00Z'],
  ],
  [
    '5 fields, minute 30 of every hour',
    '0 30 * * *',
    TUE,
    ['2026-12-01T10:30:00Z', '2026-12-01T11:30:00Z'],
  ],
  ['extra whitespace', '  0   0  *  * *  ', TUE, ['2026-12-01T11:00:00Z']],
  ['*/2 seconds', '*/2 * * * * *', TUE, ['2026-12-01T10:00:02Z', '2026-12-01T10:00:04Z']],
  [
    '*/15 seconds',
    '*/15 * * * * *',
    '2026-12-01T10:00:07Z',
    [
      '2026-12-01T10:00:15Z',
      '2026-12-01T10:00:30Z',
      '2026-12-01T10:00:45Z',
      '2026-12-01T10:01:00Z',
    ],
  ],
  [
    'range with step',
    '10-20/5 * * * * *',
    TUE,
    [
      '2026-12-01T10:00:10Z',
      '2026-12-01T10:00:15Z',
      '2026-12-01T10:00:20Z',
      '2026-12-01T10:01:10Z',
    ],
  ],
  [
    'a/n means a-max/n',
    '5/20 * * * * *',
    TUE,
    [
      '2026-12-01T10:00:05Z',
      '2026-12-01T10:00:25Z',
      '2026-12-01T10:00:45Z',
      '2026-12-01T10:01:05Z',
    ],
  ],
  [
    'hour range with step',
    '0 0 9-17/4 * * *',
    TUE,
    ['2026-12-01T13:00:00Z', '2026-12-01T17:00:00Z', '2026-12-02T09:00:00Z'],
  ],
  [
    'lists',
    '0 0,30 8,20 * * *',
    TUE,
    ['2026-12-01T20:00:00Z', '2026-12-01T20:30:00Z', '2026-12-02T08:00:00Z'],
  ],
  [
    'month names, any case',
    '0 0 12 1 JAN,jul *',
    TUE,
    ['2027-01-01T12:00:00Z', '2027-07-01T12:00:00Z', '2028-01-01T12:00:00Z'],
  ],
  [
    'weekday name range skips the weekend',
    '0 0 0 * * MON-FRI',
    '2026-12-04T12:00:00Z',
    ['2026-12-07T00:00:00Z', '2026-12-08T00:00:00Z'],
  ],
  ['weekday 0 is Sunday', '0 0 0 * * 0', TUE, ['2026-12-06T00:00:00Z', '2026-12-13T00:00:00Z']],
  ['weekday name, any case', '0 0 0 * * sUn', TUE, ['2026-12-06T00:00:00Z']],
  ['? is * for dom', '0 0 0 ? * 6', TUE, ['2026-12-05T00:00:00Z', '2026-12-12T00:00:00Z']],
  [
    'dom and dow restricted: either matches',
    '0 0 0 13 * FRI',
    TUE,
    [
      '2026-12-04T00:00:00Z',
      '2026-12-11T00:00:00Z',
      '2026-12-13T00:00:00Z',
      '2026-12-18T00:00:00Z',
    ],
  ],
  [
    'dom */2 counts as *: both must match (odd Mondays)',
    '0 0 0 */2 * MON',
    TUE,
    ['2026-12-07T00:00:00Z', '2026-12-21T00:00:00Z', '2027-01-11T00:00:00Z'],
  ],
  [
    'dow * : dom alone decides',
    '0 0 0 1 * *',
    TUE,
    ['2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z'],
  ],
  [
    'day 31 skips short months',
    '0 0 0 31 * *',
    '2026-12-31T00:00:00Z',
    ['2027-01-31T00:00:00Z', '2027-03-31T00:00:00Z', '2027-05-31T00:00:00Z'],
  ],
  ['year rollover', '59 59 23 31 12 *', TUE, ['2026-12-31T23:59:59Z', '2027-12-31T23:59:59Z']],
  [
    'minute rollover into the next day',
    '0 * 0 * * *',
    '2026-12-01T23:59:30Z',
    ['2026-12-02T00:00:00Z', '2026-12-02T00:01:00Z'],
  ],
  [
    'Feb 29 only in leap years',
    '0 0 0 29 2 *',
    TUE,
    ['2028-02-29T00:00:00Z', '2032-02-29T00:00:00Z'],
  ],
  ['2100 is not a leap year', '0 0 0 29 2 *', '2099-03-01T00:00:00Z', ['2104-02-29T00:00:00Z']],
  [
    'Feb 28-29',
    '0 0 12 28-29 FEB *',
    '2027-02-28T12:00:00Z',
    ['2028-02-28T12:00:00Z', '2028-02-29T12:00:00Z', '2029-02-28T12:00:00Z'],
  ],
  ['@yearly', '@yearly', TUE, ['2027-01-01T00:00:00Z', '2028-01-01T00:00:00Z']],
  ['@annually', '@annually', TUE, ['2027-01-01T00:00:00Z']],
  ['@monthly', '@monthly', TUE, ['2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z']],
  ['@weekly is Sunday midnight', '@weekly', TUE, ['2026-12-06T00:00:00Z', '2026-12-13T00:00:00Z']],
  ['@daily', '@daily', TUE, ['2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z']],
  ['@midnight', '@midnight', TUE, ['2026-12-02T00:00:00Z']],
  ['@hourly', '@hourly', '2026-12-01T10:59:59Z', ['2026-12-01T11:00:00Z', '2026-12-01T12:00:00Z']],
  ['@every 1h30m', '@every 1h30m', TUE, ['2026-12-01T11:30:00Z', '2026-12-01T13:00:00Z']],
  ['@every 2s', '@every 2s', TUE, ['2026-12-01T10:00:02Z', '2026-12-01T10:00:04Z']],
  [
    '@every counts from the whole second',
    '@every 2s',
    '2026-12-01T10:00:00.900Z',
    ['2026-12-01T10:00:02Z'],
  ],
  ['@every below a second is a second', '@every 500ms', TUE, ['2026-12-01T10:00:01Z']],
  ['@every truncates to seconds', '@every 1.9s', TUE, ['2026-12-01T10:00:01Z']],
  ['@every fractional minutes', '@every 1.5m', TUE, ['2026-12-01T10:01:30Z']],
];

describe('parseSchedule(…).next', () => {
  test.each(CASES)('%s: %s', (_name, spec, after, expected) => {
    expect(fireTimes(spec, after, expected.length)).toEqual(expected);
  });

  test('a month name range wrapping the year is refused, as robfig does', () => {
    expect(() => parseSchedule('0 0 0 1 Nov-feb *')).toThrow('beyond end of range');
  });
});

const BAD: [spec: string, message: string][] = [
  ['', 'empty spec string'],
  ['* * * *', 'expected 5 to 6 fields (sec min hour dom month [dow]), found 4'],
  ['* * * * * * *', 'found 7'],
  ['60 * * * * *', 'invalid schedule "60 * * * * *": end of range (60) above maximum (59): 60'],
  ['0 60 * * * *', 'above maximum (59)'],
  ['0 0 24 * * *', 'above maximum (23)'],
  ['0 0 0 0 * *', 'beginning of range (0) below minimum (1)'],
  ['0 0 0 32 * *', 'above maximum (31)'],
  ['0 0 0 * 13 *', 'above maximum (12)'],
  ['0 0 0 * 0 *', 'below minimum (1)'],
  ['0 0 0 * * 7', 'end of range (7) above maximum (6)'],
  ['5-1 * * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
  ['*/0 * * * * *', 'step of range should be a positive number: */0'],
  ['*/-1 * * * * *', 'negative number (-1) not allowed'],
  ['1/2/3 * * * * *', 'too many slashes: 1/2/3'],
  ['1-2-3 * * * * *', 'too many hyphens: 1-2-3'],
  ['x * * * * *', 'failed to parse int from "x"'],
  ['1,,2 * * * * *', 'failed to parse int from ""'],
  ['0 0 0 * FOO *', 'failed to parse int from "FOO"'],
  ['0 0 0 * * MON-', 'failed to parse int from ""'],
  ['@every', 'unrecognized descriptor'],
  ['@YEARLY', 'unrecognized descriptor'],
  ['@reboot', 'unrecognized descriptor'],
  ['@every 1d', 'invalid schedule "@every 1d": time: unknown unit "d" in duration "1d"'],
  ['@every 10', 'time: missing unit in duration "10"'],
  ['@every x', 'time: invalid duration "x"'],
  ['@every  1h', 'time: invalid duration " 1h"'],
  [' @daily', 'found 1'],
];

describe('parseSchedule refuses bad input', () => {
  test.each(BAD)('%j', (spec, message) => {
    expect(() => parseSchedule(spec)).toThrow(message);
  });

  test('a schedule that never matches parses, but next() says so', () => {
    for (const spec of ['0 0 0 30 2 *', '0 0 0 31 4,6,9,11 *']) {
      const schedule = parseSchedule(spec);
      expect(() => schedule.next(new Date(TUE))).toThrow('schedule never matches');
    }
  });

  test('valid edge values parse', () => {
    for (const spec of ['59 59 23 31 12 6', '0 0 0 1 1 0', '* * * * * ?', '0 0 0 * DEC SAT'])
      expect(() => parseSchedule(spec)).not.toThrow();
  });
});
