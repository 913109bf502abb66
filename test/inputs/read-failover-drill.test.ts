// failover-drill's reader: defaults from the spec, every bad input reported at once by name,
// the switchover target as kubectl cnpg promote takes it.
import { expect, test } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { readFailoverDrillInputs } from '../../src/inputs/read-failover-drill.ts';

const getter = (values: Record<string, string>) => (name: string) => values[name] ?? '';

function problemsOf(values: Record<string, string>): string[] {
  try {
    readFailoverDrillInputs(getter({ 'cluster-name': 'pg-orders', ...values }));
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${p.input}: ${p.problem}`);
    throw e;
  }
  return [];
}

test('defaults: a kill with grace 1, 4 writers, 5 s warm-up, 10 s observe, no loss allowed', () => {
  const inputs = readFailoverDrillInputs(getter({ 'cluster-name': 'pg-orders' }));
  expect(inputs).toMatchObject({
    clusterName: 'pg-orders',
    namespace: 'cnpg-database',
    mode: 'kill',
    gracePeriod: 1,
    writers: 4,
    warmUpMs: 5000,
    observeMs: 10_000,
    maxLostWrites: 0,
    switchBack: true,
    keepTable: false,
  });
  expect(inputs.maxDowntimeMs).toBeUndefined();
  expect(inputs.target).toBeUndefined();
  expect(inputs.reportPath).toBeUndefined();
  expect(Object.isFrozen(inputs)).toBe(true);
});

test.each([
  [{ 'grace-period': '0' }, { gracePeriod: 0 }],
  [{ 'grace-period': 'default' }, { gracePeriod: 'default' }],
  [{ 'max-lost-writes': 'any' }, { maxLostWrites: 'any' }],
  [{ 'max-lost-writes': '12' }, { maxLostWrites: 12 }],
  [{ 'max-downtime': '30s' }, { maxDowntimeMs: 30_000 }],
  [{ 'max-downtime': '1500ms' }, { maxDowntimeMs: 1500 }],
  [
    { mode: 'switchover', target: '3' },
    { mode: 'switchover', target: 'pg-orders-3' },
  ],
  [{ mode: 'switchover', target: 'pg-orders-2' }, { target: 'pg-orders-2' }],
  [
    { writers: '32', 'warm-up': '1s', observe: '2m' },
    { writers: 32, warmUpMs: 1000, observeMs: 120_000 },
  ],
  [
    { 'switch-back': 'false', 'keep-table': 'true' },
    { switchBack: false, keepTable: true },
  ],
  [{ 'report-path': '/tmp/drill.json' }, { reportPath: '/tmp/drill.json' }],
])('%j', (values, expected) => {
  expect(readFailoverDrillInputs(getter({ 'cluster-name': 'pg-orders', ...values }))).toMatchObject(
    expected,
  );
});

test('every bad input at once, by name', () => {
  const problems = problemsOf({
    mode: 'chaos',
    'grace-period': '5',
    writers: '0',
    'warm-up': 'soon',
    'max-lost-writes': 'some',
    'max-downtime': '-1s',
    'switch-back': 'yes',
  });
  expect(problems.map((p) => p.split(':')[0])).toEqual([
    'mode',
    'max-downtime',
    'grace-period',
    'writers',
    'warm-up',
    'max-lost-writes',
    'switch-back',
  ]);
  expect(problems.join('\n')).toContain("'some' is not a whole number or any");
  expect(problems.join('\n')).toContain("'5' is not one of 1, 0, default");
});

test('a target belongs to a switchover', () => {
  expect(problemsOf({ target: 'pg-orders-2' })).toEqual([
    'target: applies to mode: switchover only',
  ]);
  expect(problemsOf({ mode: 'switchover', target: 'Bad_Pod' })[0]).toMatch(
    /^target: 'Bad_Pod' is not a valid/,
  );
});

test('no newline reaches the report path', () => {
  expect(problemsOf({ 'report-path': '/tmp/a\n::error::x' })[0]).toMatch(
    /^report-path: contains a newline/,
  );
});
