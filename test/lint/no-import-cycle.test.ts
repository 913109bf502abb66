// The lint rule that keeps import cycles out of src/ and sandbox/: it finds a cycle through a
// type-only import (import-x/no-cycle would not), a re-export and a dynamic import, and
// passes a tree.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, expect, test } from 'vitest';
import noImportCycle from '../../eslint-rules/no-import-cycle.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function lint(files: Record<string, string>): Promise<Record<string, string[]>> {
  const dir = await mkdtemp(join(tmpdir(), 'pgha-cycle-'));
  dirs.push(dir);
  await mkdir(join(dir, 'src'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'src', name), text);
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { pgha: { rules: { 'no-import-cycle': noImportCycle } } },
        rules: { 'pgha/no-import-cycle': ['error', { roots: ['src'] }] },
      },
    ],
  });
  const results = await eslint.lintFiles(['src/*.ts']);
  return Object.fromEntries(
    results.map((r) => [r.filePath.slice(dir.length + 5), r.messages.map((m) => m.message)]),
  );
}

test('a cycle through a type-only import is reported on every module in it', async () => {
  const found = await lint({
    'a.ts': "import type { B } from './b.ts';\nexport interface A { b?: B }\n",
    'b.ts': "import { c } from './c.ts';\nexport interface B { n: number }\nexport const d = c;\n",
    'c.ts': "export type { A } from './a.ts';\nexport const c = 1;\n",
    'tree.ts': "import { c } from './c.ts';\nexport const t = c;\n",
  });
  expect(found['a.ts']?.[0]).toBe(
    'Import cycle: src/a.ts -> src/b.ts -> src/c.ts -> src/a.ts (3 modules tied together)',
  );
  expect(found['b.ts']).toHaveLength(1);
  expect(found['c.ts']).toHaveLength(1);
  expect(found['tree.ts']).toEqual([]);
});

test('a dynamic import closes a cycle too; a tree passes', async () => {
  const cyclic = await lint({
    'main.ts':
      "export async function run() { return (await import('./deploy.ts')).x; }\nexport const y = 2;\n",
    'deploy.ts': "import { y } from './main.ts';\nexport const x = y;\n",
  });
  expect(cyclic['main.ts']).toHaveLength(1);
  const tree = await lint({
    'main.ts': "export async function run() { return (await import('./deploy.ts')).x; }\n",
    'deploy.ts': "import { y } from './shared.ts';\nexport const x = y;\n",
    'shared.ts': 'export const y = 2;\n',
  });
  expect(Object.values(tree).flat()).toEqual([]);
});
