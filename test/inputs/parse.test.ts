// Table tests of every single-value parser: valid text -> value, invalid -> problem + example.
import { describe, expect, test } from 'vitest';
import { schedule } from '../../src/inputs/parse-cron.ts';
import {
  cidrs,
  destination,
  nodeSelector,
  postgresqlParameters,
  retention,
} from '../../src/inputs/parse-deploy.ts';
import {
  ParseError,
  boolean,
  clusterName,
  duration,
  guid,
  image,
  integer,
  namespaceName,
  quantity,
  sqlIdentifier,
} from '../../src/inputs/parse.ts';

/** Valid values parse; invalid ones throw a ParseError whose message matches why. */
function check(fn: () => unknown, ok: boolean, why: RegExp): void {
  if (ok) expect(fn).not.toThrow();
  else expect(problem(fn)).toMatch(why);
}

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParseError) return `${e.message} | ${e.example}`;
    throw e;
  }
  throw new Error('no ParseError');
}

describe('cluster-name', () => {
  test.each(['pg', 'pg-orders', 'a'.repeat(50)])('accepts %s', (v) => {
    expect(clusterName(v)).toBe(v);
  });
  test.each([
    ['PG', /DNS-1035/],
    ['1pg', /DNS-1035/],
    ['pg-', /DNS-1035/],
    ['pg_orders', /DNS-1035/],
    ['a'.repeat(51), /51 characters/],
    ['pg\nx', /newline/],
  ])('refuses %j', (v, why) => {
    expect(problem(() => clusterName(v))).toMatch(why);
  });
});

test.each([
  ['cnpg-database', true],
  ['1-db', true],
  ['Db', false],
  ['a'.repeat(64), false],
])('namespace %s valid: %s', (v, ok) => {
  check(() => namespaceName(v), ok, /DNS-1123/);
});

describe('quantities', () => {
  test.each([
    ['64Gi', 64 * 2 ** 30],
    ['500Mi', 500 * 2 ** 20],
    ['2', 2],
    ['500m', 0.5],
    ['1.5', 1.5],
    ['1e3', 1000],
    ['8G', 8e9],
  ])('%s = %d', (text, value) => {
    expect(quantity(text, '1Gi')).toEqual({ text, value });
  });
  test.each(['64GB', '-1Gi', '0', '0Gi', 'Gi', '', '1 Gi'])('refuses %j', (v) => {
    expect(problem(() => quantity(v, '64Gi'))).toMatch(/quantity|above zero/);
  });
  test.each(['64Ti', '70368744177664', '65536Gi'])('%s is within a maximum of 64Ti', (v) => {
    expect(quantity(v, '64Gi', 2 ** 46).value).toBe(2 ** 46);
  });
  test.each(['65Ti', '1Pi', '1E', '1e30', '1e400', '9'.repeat(400), '70368744177665'])(
    '%s is refused above a maximum of 64Ti',
    (v) => {
      expect(problem(() => quantity(v, '64Gi', 2 ** 46))).toMatch(/above 64Ti/);
    },
  );
});

test.each([
  ['15m', 900_000],
  ['90s', 90_000],
  ['1h30m', 5_400_000],
  ['500ms', 500],
])('duration %s = %d ms', (text, ms) => {
  expect(duration(text)).toBe(ms);
});
test.each(['15', '15 m', '0s', '1d', ''])('duration refuses %j', (v) => {
  expect(problem(() => duration(v))).toMatch(/duration|longer than zero/);
});
test.each([
  ['24h', 86_400_000],
  ['23h59m60s', 86_400_000],
])('duration %s is within a maximum of 24h', (v, ms) => {
  expect(duration(v, '15m', 86_400_000)).toBe(ms);
});
test.each(['25h', '1441m', '24h1ms', '9999999999999999999999h', `${'9'.repeat(400)}s`])(
  'duration %s is refused above a maximum of 24h',
  (v) => {
    expect(problem(() => duration(v, '15m', 86_400_000))).toMatch(/longer than 24h/);
  },
);

test.each([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['FALSE', false],
])('boolean %s', (v, b) => {
  expect(boolean(v)).toBe(b);
});
test.each(['yes', '1', 'on', 'tRue', ''])('boolean refuses %j', (v) => {
  expect(problem(() => boolean(v))).toMatch(/not a boolean/);
});

test('integers are bounded', () => {
  expect(integer('3', 1, 10, '3')).toBe(3);
  expect(problem(() => integer('11', 1, 10, '3'))).toMatch(/out of range 1..10 \| 3/);
  expect(problem(() => integer('2.5', 1, 10, '3'))).toMatch(/whole number/);
});

test('GUIDs', () => {
  expect(guid('6B8D3A4E-1F2C-4E5D-9A7B-0C1D2E3F4A5B')).toBe('6b8d3a4e-1f2c-4e5d-9a7b-0c1d2e3f4a5b');
  expect(problem(() => guid('6b8d3a4e'))).toMatch(/not a GUID/);
});

test.each([
  ['ghcr.io/cloudnative-pg/postgresql:18-standard-trixie', true],
  ['postgres', true],
  [`registry.local:5000/pg/postgresql:18@sha256:${'a'.repeat(64)}`, true],
  ['Ghcr.io/PG:18', false],
  ['ghcr.io/pg:18 latest', false],
])('image %s valid: %s', (v, ok) => {
  check(() => image(v), ok, /image reference/);
});

test.each([
  ['appdb', 'database', true],
  ['postgres', 'database', false],
  ['template1', 'database', false],
  ['App', 'database', false],
  ['pg_app', 'role', false],
  ['app', 'role', true],
] as const)('SQL identifier %s as %s valid: %s', (v, kind, ok) => {
  check(() => sqlIdentifier(v, kind, 'x'), ok, /identifier|reserved/);
});

describe('schedules', () => {
  test.each(['0 0 0 * * *', '0 15 * ? * *', '0 */5 1-3 * JAN-MAR MON,FRI', '@daily', '@every 1h'])(
    'accepts %s',
    (v) => {
      expect(schedule(v)).toBe(v);
    },
  );
  test('none renders no ScheduledBackup', () => {
    expect(schedule('none')).toBeUndefined();
  });
  test('a five-field cron is refused with the six-field form', () => {
    expect(problem(() => schedule('0 0 * * *'))).toMatch(
      /five fields.*runs hourly.*'0 0 0 \* \* \*'/,
    );
  });
  test.each([
    '60 0 0 * * *',
    '0 0 24 * * *',
    '0 0 0 0 * *',
    '0 0 0 * 13 *',
    '0 0 0 * * 7',
    '0 0 0 * * * *',
    '0 */0 * * * *',
  ])('refuses %s', (v) => {
    expect(problem(() => schedule(v))).toMatch(/valid|six fields/);
  });
});

describe('backup destinations', () => {
  test.each([
    [
      'https://pgbackups.blob.core.windows.net/backups',
      { kind: 'azure', account: 'pgbackups', container: 'backups' },
    ],
    [
      'https://pgbackups.blob.core.windows.net/backups/orders/',
      {
        kind: 'azure',
        path: 'orders',
        url: 'https://pgbackups.blob.core.windows.net/backups/orders',
      },
    ],
    ['https://gov1.blob.core.usgovcloudapi.net/pgb', { kind: 'azure', account: 'gov1' }],
    [
      'http://127.0.0.1:10000/sandbox/backups',
      { kind: 'azure', account: 'sandbox', container: 'backups' },
    ],
    ['s3://pg-backups/orders', { kind: 's3', bucket: 'pg-backups', path: 'orders' }],
  ])('%s', (v, expected) => {
    expect(destination(v)).toMatchObject(expected);
  });
  test.each([
    ['http://pgbackups.blob.core.windows.net/backups', /not https/],
    ['https://pgbackups.blob.core.windows.net', /not https/],
    ['https://example.com/backups', /not https/],
    ['https://pgbackups.blob.core.windows.net/Backups', /container/],
    ['s3://PG', /bucket/],
    ['gs://bucket', /not https/],
  ])('refuses %s', (v, why) => {
    expect(problem(() => destination(v))).toMatch(why);
  });

  // Plain http is the sandbox's Azurite on loopback with an explicit port, nothing else.
  test.each([
    ['http://localhost:10000/sandbox/backups', { account: 'sandbox', container: 'backups' }],
    ['https://127.0.0.1:10000/sandbox/backups/x', { container: 'backups', path: 'x' }],
  ])('accepts the Azurite endpoint %s', (v, expected) => {
    expect(destination(v)).toMatchObject(expected);
  });
  test.each([
    'http://127.0.0.1/sandbox/backups',
    'http://localhost/sandbox/backups',
    'ftp://127.0.0.1:10000/sandbox/backups',
    'http://10.0.0.5:10000/sandbox/backups',
    'http://pgbackups.blob.core.windows.net:80/backups',
    'http://127.0.0.1.nip.io:10000/sandbox/backups',
  ])('refuses plain http or another scheme outside loopback Azurite: %s', (v) => {
    expect(problem(() => destination(v))).toMatch(/not https/);
  });
});

test.each([
  ['7d', true],
  ['4w', true],
  ['3m', true],
  ['0d', false],
  ['7', false],
  ['7y', false],
])('retention %s valid: %s', (v, ok) => {
  check(() => retention(v), ok, /retention/);
});

test('node selector', () => {
  expect(nodeSelector('workload=postgres, kubernetes.io/os=linux')).toEqual({
    workload: 'postgres',
    'kubernetes.io/os': 'linux',
  });
  expect(problem(() => nodeSelector('workload'))).toMatch(/key=value/);
  expect(problem(() => nodeSelector('a=b=c'))).toMatch(/key=value/);
});

test('CIDRs', () => {
  expect(cidrs('203.0.113.7/32, 2001:db8::/48', false)).toEqual([
    '203.0.113.7/32',
    '2001:db8::/48',
  ]);
  expect(problem(() => cidrs('0.0.0.0/0', false))).toMatch(/allow-public/);
  expect(cidrs('0.0.0.0/0', true)).toEqual(['0.0.0.0/0']);
  expect(problem(() => cidrs('203.0.113.7/33', false))).toMatch(/CIDR/);
  expect(problem(() => cidrs('example.com/32', false))).toMatch(/CIDR/);
});

test('postgresql-parameters: a YAML map of scalars, as strings', () => {
  expect(
    postgresqlParameters('max_connections: 200\nlog_connections: true\nwal_compression: zstd'),
  ).toEqual({
    max_connections: '200',
    log_connections: 'on',
    wal_compression: 'zstd',
  });
  expect(problem(() => postgresqlParameters('- a'))).toMatch(/not a YAML map/);
  expect(problem(() => postgresqlParameters('a: [1]'))).toMatch(/not a scalar/);
  expect(problem(() => postgresqlParameters('"Bad Key": 1'))).toMatch(/not a parameter name/);
  expect(problem(() => postgresqlParameters('a: "x\\ny"'))).toMatch(/newline/);
});
