// Every committed action.yml agrees with src/inputs/spec.ts: same inputs, defaults,
// required flags and outputs, the node24 runtime, and a main that exists in dist/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ACTIONS, COMMANDS, UMBRELLA, type ActionSpec } from '../../src/inputs/spec.ts';
import { ROOT, readActionYaml } from '../helpers/action-runner.ts';

const cases: [string, ActionSpec][] = [
  ['.', UMBRELLA],
  ...COMMANDS.map((c): [string, ActionSpec] => [`actions/${c}`, ACTIONS[c]]),
];

describe.each(cases)('%s/action.yml', (dir, spec) => {
  const action = readActionYaml(dir) as ReturnType<typeof readActionYaml> & {
    outputs?: Record<string, unknown>;
  };

  test('declares exactly the inputs of the spec, with its defaults', () => {
    const declared = Object.entries(action.inputs ?? {}).map(([name, i]) => [name, i.default]);
    const expected = Object.entries(spec.inputs).map(([name, i]) => [name, i.default]);
    expect(declared).toEqual(expected);
  });

  test('declares exactly the outputs of the spec', () => {
    expect(Object.keys(action.outputs ?? {})).toEqual(Object.keys(spec.outputs));
  });

  test('runs on node24 from a built bundle', () => {
    expect(action.runs.using).toBe('node24');
    expect(existsSync(join(ROOT, dir, action.runs.main))).toBe(true);
  });
});

test('every action declares the shared inputs that DESIGN.md fixes', () => {
  const shared = [
    'kubeconfig',
    'context',
    'azure-client-id',
    'azure-tenant-id',
    'azure-subscription-id',
    'resource-group',
    'aks-cluster',
    'aks-admin',
    'namespace',
    'cluster-name',
    'timeout',
  ];
  for (const c of COMMANDS)
    expect(Object.keys(ACTIONS[c].inputs)).toEqual(expect.arrayContaining(shared));
});

test("the umbrella's default of an input is every declaring action's default, and no other's", () => {
  for (const [name, spec] of Object.entries(UMBRELLA.inputs)) {
    const declaring = COMMANDS.filter((c) => name in ACTIONS[c].inputs);
    const defaults = new Set(
      declaring.map(
        (c) => (ACTIONS[c].inputs as Record<string, { default?: string }>)[name]?.default,
      ),
    );
    if (defaults.size > 1) expect(spec.default, name).toBeUndefined();
    else expect(spec.default, name).toBe([...defaults][0]);
  }
});
