// restore-verify's reader: the defaults, the throwaway Cluster's name cut to 50 characters
// (never its run id), the targets, the checks YAML (every way it can be wrong, by position),
// and every bad input reported at once, by name.
import { expect, test } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { parseChecks } from '../../src/inputs/parse-checks.ts';
import { ParseError } from '../../src/inputs/parse.ts';
import {
  readRestoreVerifyInputs,
  recoveryClusterName,
  restoreTarget,
} from '../../src/inputs/read-restore-verify.ts';

const NOW = Date.parse('2026-03-04T05:06:07.890Z');
const getter = (values: Record<string, string>) => (name: string) => values[name] ?? '';
const ENV = { GITHUB_RUN_ID: '123456789' };

function read(values: Record<string, string>, env: Record<string, string> = ENV) {
  return readRestoreVerifyInputs(getter({ 'cluster-name': 'pg-orders', ...values }), env, NOW);
}

function problemsOf(values: Record<string, string>): string[] {
  try {
    read(values);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${p.input}: ${p.problem}`);
    throw e;
  }
  return [];
}

test('the defaults: marker proof, one instance, amcheck of the indexes, keep never, no issue', () => {
  const inputs = read({});
  expect(inputs).toMatchObject({
    target: { kind: 'marker' },
    recoveryCluster: 'pg-orders-verify-123456789',
    recoveryNamespace: 'cnpg-database',
    instances: 1,
    checks: [],
    amcheck: 'indexes',
    keep: 'never',
    openIssue: false,
  });
  expect(inputs.backupName).toBeUndefined();
  expect(inputs.githubToken).toBeUndefined();
  expect(Object.isFrozen(inputs)).toBe(true);
});

test.each([
  ['pg-orders', '1', '1', 'pg-orders-verify-1'],
  ['pg-orders', '77', '2', 'pg-orders-verify-77-2'],
  ['a'.repeat(50), '123456789', '1', `${'a'.repeat(33)}-verify-123456789`],
  // The cut lands after a '-': it is dropped, so the name stays a DNS-1035 label.
  [`${'a'.repeat(32)}-b${'c'.repeat(15)}`, '123456789', '1', `${'a'.repeat(32)}-verify-123456789`],
  ['pg', '9'.repeat(60), '1', `p-verify-${'9'.repeat(41)}`],
])('recoveryClusterName(%s, %s, attempt %s) = %s', (cluster, runId, attempt, expected) => {
  const name = recoveryClusterName(cluster, runId, attempt);
  expect(name).toBe(expected);
  expect(name.length).toBeLessThanOrEqual(50);
  expect(name).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
});

test('outside Actions the name carries the UTC time instead of a run id', () => {
  expect(read({}, {}).recoveryCluster).toBe('pg-orders-verify-20260304050607');
});

test.each([
  ['marker', { kind: 'marker' }],
  ['latest', { kind: 'latest' }],
  ['2026-05-01T03:00:00Z', { kind: 'time', time: '2026-05-01T03:00:00Z' }],
  ['2026-05-01T03:00:00.123456+02:00', { kind: 'time', time: '2026-05-01T03:00:00.123456+02:00' }],
])('target %s', (raw, expected) => {
  expect(restoreTarget(raw)).toEqual(expected);
});

test.each(['yesterday', '2026-05-01', '2026-05-01T03:00:00', '2026-13-01T03:00:00Z', 'Latest'])(
  'target %s is refused',
  (raw) => {
    expect(() => restoreTarget(raw)).toThrow(ParseError);
  },
);

test('checks: both shapes, numbers and booleans as text', () => {
  expect(
    parseChecks(
      [
        "- {name: orders, sql: 'select count(*) from orders', min: 1}",
        '- {name: version, sql: select 42, expect: 42}',
        '- {name: flag, sql: select true, expect: true}',
        '- {name: range, sql: select 5, min: 0, max: 10.5}',
        '- {name: at most, sql: select 5, max: 10}',
      ].join('\n'),
    ),
  ).toEqual([
    { name: 'orders', sql: 'select count(*) from orders', min: 1 },
    { name: 'version', sql: 'select 42', expect: '42' },
    { name: 'flag', sql: 'select true', expect: 'true' },
    { name: 'range', sql: 'select 5', min: 0, max: 10.5 },
    { name: 'at most', sql: 'select 5', max: 10 },
  ]);
});

test.each([
  ['name: x', 'must be a YAML list of checks'],
  ['[]', 'is an empty list'],
  ['- just text', 'checks[0] must be a map with name and sql'],
  ["- {sql: 'select 1', expect: '1'}", 'checks[0].name must be a non-empty text'],
  ["- {name: a, expect: '1'}", 'checks[0].sql must be a non-empty text'],
  ["- {name: a, sql: 'select 1'}", 'checks[0] needs expect, or min and/or max'],
  ["- {name: a, sql: 'select 1', expect: '1', max: 2}", 'checks[0] has expect and min/max'],
  ["- {name: a, sql: 'select 1', min: 3, max: 2}", 'checks[0]: min 3 is above max 2'],
  ["- {name: a, sql: 'select 1', min: '3'}", 'checks[0].min must be a number'],
  ["- {name: a, sql: 'select 1', expect: [1]}", 'checks[0].expect must be a text'],
  ["- {name: a, sql: 'select 1', expect: '1', timeout: 3}", "checks[0] has unknown key 'timeout'"],
  [
    "- {name: a, sql: 'select 1', expect: '1'}\n- {name: a, sql: 'select 2', expect: '2'}",
    "has two checks named 'a'",
  ],
  ['- &x {name: a, sql: s, expect: e}\n- *x', 'uses YAML anchors or aliases'],
  ['- {name: a, sql: [', 'is not valid YAML'],
])('checks %j: %s', (raw, problem) => {
  expect(() => parseChecks(raw)).toThrow(problem);
});

test('every bad input at once, the checks among them', () => {
  expect(
    problemsOf({
      target: 'soon',
      'recovery-cluster': 'Pg_Orders',
      instances: '4',
      checks: '- {name: a}',
      amcheck: 'full',
      keep: 'maybe',
      'max-backup-age': '1d',
      'max-restore-time': 'long',
      'identity-name': 'id-pg',
      'open-issue-on-failure': 'true',
    }),
  ).toEqual([
    "recovery-cluster: 'Pg_Orders' is not a DNS-1035 label (lowercase letters, digits and '-', starting with a letter)",
    "target: 'soon' is not marker, latest or an RFC 3339 time",
    'instances: 4 is out of range 1..3',
    'checks: checks[0].sql must be a non-empty text',
    "amcheck: 'full' is not one of none, indexes, heapallindexed",
    "keep: 'maybe' is not one of never, on-failure, always",
    'identity-name: the federated credential needs the Azure login and aks-cluster (its OIDC issuer)',
    "max-backup-age: '1d' is not a duration of h, m, s or ms",
    "max-restore-time: 'long' is not a duration of h, m, s or ms",
    'github-token: open-issue-on-failure needs a token',
  ]);
});

test('the unevaluated default ${{ github.token }} is no token; a given one is kept', () => {
  expect(read({ 'github-token': '${{ github.token }}' }).githubToken).toBeUndefined();
  expect(read({ 'open-issue-on-failure': 'true', 'github-token': 'ghs_x' })).toMatchObject({
    openIssue: true,
    githubToken: 'ghs_x',
  });
});

test('the source itself is no throwaway Cluster', () => {
  expect(problemsOf({ 'recovery-cluster': 'pg-orders' })).toEqual([
    'recovery-cluster: is the source cluster itself',
  ]);
  expect(problemsOf({ 'recovery-cluster': 'pg-orders', 'recovery-namespace': 'verify' })).toEqual(
    [],
  );
});
