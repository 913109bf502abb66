// action.yml files and workflows checked offline by GitHub's own language service, the
// validator behind the Actions VS Code extension. Steps that use pgha's actions are
// checked against the local action.yml inputs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '@actions/languageservice';
import { load } from 'js-yaml';
import type { ActionReference } from '@actions/languageservice/action';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, test } from 'vitest';
import { actionDocs } from '../../scripts/action-readme.ts';
import { COMMANDS } from '../../src/inputs/spec.ts';
import { ROOT, readActionYaml } from '../helpers/action-runner.ts';

const actionFiles = ['action.yml', ...COMMANDS.map((c) => `actions/${c}/action.yml`)];
const workflowDir = join(ROOT, '.github', 'workflows');
const workflowFiles = readdirSync(workflowDir).filter((f) => f.endsWith('.yml'));

/** Inputs of the third-party actions our workflows use (offline: no GitHub API here). */
const THIRD_PARTY: Record<string, Record<string, { description: string }>> = {
  'actions/checkout': {},
  'actions/setup-node': {
    'node-version': { description: 'Node version' },
    cache: { description: 'cache' },
  },
  // helm/kind-action v1.14.0 (action.yml at ef37e7f390d99f746eb8b610417061a60e82a6cc)
  'helm/kind-action': Object.fromEntries(
    [
      'version',
      'config',
      'kubeconfig',
      'node_image',
      'cluster_name',
      'wait',
      'verbosity',
      'kubectl_version',
      'registry',
      'registry_image',
      'registry_name',
      'registry_port',
      'registry_enable_delete',
      'install_only',
      'ignore_failed_clean',
      'cloud_provider',
    ].map((name) => [name, { description: name }]),
  ),
};

/** Resolves `org/pgha/actions/<command>@ref` to the local action.yml of that command. */
const metadata = {
  fetchActionMetadata(ref: ActionReference) {
    const known = THIRD_PARTY[`${ref.owner}/${ref.name}`];
    if (known) return Promise.resolve({ name: ref.name, description: ref.name, inputs: known });
    const command = COMMANDS.find((c) => ref.path === `actions/${c}`);
    if (ref.name !== 'pgha' || !command) return Promise.resolve(undefined);
    const yml = readActionYaml(`actions/${command}`) as unknown as {
      name: string;
      description: string;
      inputs: Record<string, { description: string; default?: string }>;
    };
    return Promise.resolve({ name: yml.name, description: yml.description, inputs: yml.inputs });
  },
};

function messageText(m: string | { value: string }): string {
  return typeof m === 'string' ? m : m.value;
}

async function diagnostics(uri: string, path: string): Promise<string[]> {
  return textDiagnostics(uri, readFileSync(path, 'utf8'));
}

async function textDiagnostics(uri: string, text: string): Promise<string[]> {
  const doc = TextDocument.create(uri, 'yaml', 1, text);
  const found = await validate(doc, { actionsMetadataProvider: metadata });
  return found.map((d) => `${String(d.range.start.line + 1)}: ${messageText(d.message)}`);
}

/** The steps of the first yaml block of an action's docs, as a workflow's only job. */
function exampleWorkflow(docs: string): string {
  const steps = /```yaml\n([\s\S]*?)```/.exec(docs)?.[1] ?? '';
  const indented = steps.replace(/^(?=.)/gm, '      ');
  return `on: [pull_request, workflow_dispatch]\npermissions:\n  id-token: write\n  contents: read\njobs:\n  example:\n    runs-on: ubuntu-latest\n    steps:\n${indented}`;
}

describe('language service', () => {
  test.each(actionFiles)('%s has no diagnostics', async (file) => {
    expect(await diagnostics(`file:///repo/${file}`, join(ROOT, file))).toEqual([]);
  });

  test.each(workflowFiles)('.github/workflows/%s has no diagnostics', async (file) => {
    const uri = `file:///repo/.github/workflows/${file}`;
    expect(await diagnostics(uri, join(workflowDir, file))).toEqual([]);
  });

  test.each(COMMANDS)("the example of %s's README has no diagnostics", async (command) => {
    const text = exampleWorkflow(actionDocs(command));
    expect(text).toContain(`uses: org/pgha/actions/${command}@v1`);
    expect(await textDiagnostics(`file:///repo/.github/workflows/${command}.yml`, text)).toEqual(
      [],
    );
  });

  test('it does report a step input that the action does not declare', async () => {
    const bad = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: org/pgha/actions/deploy@v1\n        with:\n          cluster-name: pg\n          clustername: typo\n`;
    const doc = TextDocument.create('file:///repo/.github/workflows/bad.yml', 'yaml', 1, bad);
    const found = await validate(doc, { actionsMetadataProvider: metadata });
    expect(found.map((d) => messageText(d.message)).join('\n')).toMatch(/clustername/);
  });

  test('it does report an action.yml with a wrong runtime', async () => {
    const text = readFileSync(join(ROOT, 'actions/deploy/action.yml'), 'utf8').replace(
      'node24',
      'node99',
    );
    const doc = TextDocument.create('file:///repo/actions/x/action.yml', 'yaml', 1, text);
    expect((await validate(doc)).length).toBeGreaterThan(0);
  });
});

/**
 * The language service resolves no local action (`uses: ./actions/deploy`), so the steps that
 * run pgha's actions by path (e2e-kind.yml) are checked here against the local action.yml:
 * every input they pass is declared, and every required input is passed.
 */
describe('steps that use a local action', () => {
  const local = workflowFiles.flatMap((file) =>
    stepsOf(file)
      .filter((s) => s.uses?.startsWith('./'))
      .map((s) => [file, s.uses ?? '', s] as const),
  );

  test.each(local)('%s: %s passes only declared inputs', (_file, uses, step) => {
    const inputs = readActionYaml(uses).inputs ?? {};
    const passed = Object.keys(step.with ?? {});
    expect(passed.filter((name) => !(name in inputs))).toEqual([]);
    const required = Object.entries(inputs as Record<string, { required?: boolean }>)
      .filter(([, i]) => i.required === true)
      .map(([name]) => name);
    expect(required.filter((name) => !passed.includes(name))).toEqual([]);
  });

  test('e2e-kind runs every action by path', () => {
    const used = new Set(local.filter(([file]) => file === 'e2e-kind.yml').map(([, u]) => u));
    expect([...used].sort()).toEqual(COMMANDS.map((c) => `./actions/${c}`).sort());
  });
});

/**
 * The first major release of each action that runs on node24 (runs.using in its action.yml:
 * actions/checkout v5.0.0, actions/setup-node v5.0.0); older majors run on node20, which
 * GitHub retires.
 */
const FIRST_NODE24_MAJOR: Record<string, number> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
};

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

function stepsOf(file: string): Step[] {
  const doc = load(readFileSync(join(workflowDir, file), 'utf8')) as {
    jobs?: Record<string, { steps?: Step[] }>;
  };
  return Object.values(doc.jobs ?? {}).flatMap((job) => job.steps ?? []);
}

describe('CI on the current runtime', () => {
  const used = workflowFiles.flatMap((file) =>
    stepsOf(file)
      .filter((s) => (s.uses?.split('@')[0] ?? '') in FIRST_NODE24_MAJOR)
      .map((s) => ({ file, step: s })),
  );

  test('the workflows do use actions/checkout and actions/setup-node', () => {
    const names = new Set(used.map((u) => u.step.uses?.split('@')[0]));
    expect([...names].sort()).toEqual(Object.keys(FIRST_NODE24_MAJOR).sort());
  });

  test.each(used.map((u) => [u.file, u.step.uses ?? '', u.step] as const))(
    '%s: %s is a node24 release',
    (_file, uses, step) => {
      const [name = '', ref = ''] = uses.split('@');
      const major = /^v(\d+)/.exec(ref)?.[1];
      expect(major, `${uses} should name a major version tag`).toBeDefined();
      expect(Number(major)).toBeGreaterThanOrEqual(FIRST_NODE24_MAJOR[name] ?? Infinity);
      if (name === 'actions/setup-node') expect(String(step.with?.['node-version'])).toBe('24');
    },
  );
});
