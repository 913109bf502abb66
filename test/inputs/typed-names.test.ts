// Input and output names are typed from src/inputs/spec.ts: a misspelt name does not compile
// (tsc in `npm run lint` fails on an unused @ts-expect-error), and a defaulted input always
// has a value, taken from the spec's default and nowhere else.
import { expect, test } from 'vitest';
import { Step } from '../../src/actions/step.ts';
import { inputReader } from '../../src/inputs/read.ts';
import { ACTIONS, SHARED_INPUTS, type OutputName } from '../../src/inputs/spec.ts';
import { duration } from '../../src/inputs/parse.ts';
import { testContext } from '../helpers/test-context.ts';

test('a misspelt input or output name is a type error', () => {
  const r = inputReader(() => '', ACTIONS.deploy.inputs);
  // @ts-expect-error: no input 'cluster_name'
  expect(r.raw('cluster_name')).toBe('');
  // @ts-expect-error: 'cluster-name' has no default, so it has no value() either
  expect(() => r.value('cluster-name', String)).toThrow(/no default/);
  const step = new Step<OutputName<'deploy'>, object>(testContext());
  // @ts-expect-error: deploy has no output 'primary-pod'
  step.output('primary-pod', 'x');
  step.output('primary', 'pg-1');
  expect([...step.outputs]).toEqual([
    ['primary-pod', 'x'],
    ['primary', 'pg-1'],
  ]);
});

test('a defaulted input falls back to the spec default, also when its value is bad', () => {
  const good = inputReader(() => '', SHARED_INPUTS);
  expect(good.value('timeout', duration)).toBe(15 * 60_000);
  const bad = inputReader((n) => (n === 'timeout' ? 'soon' : ''), SHARED_INPUTS);
  expect(bad.value('timeout', duration)).toBe(15 * 60_000);
  expect(bad.problems.map((p) => p.input)).toEqual(['timeout']);
  expect(SHARED_INPUTS.timeout.default).toBe('15m');
});
