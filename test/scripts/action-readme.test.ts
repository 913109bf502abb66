// Every action's README has an example step, what it does, the permissions it needs and
// what its numbers mean, and the committed README is what scripts/build.ts writes. (The
// examples are validated by GitHub's language service in test/actions/workflows.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SECTIONS, actionDocs, actionReadme } from '../../scripts/action-readme.ts';
import { ACTIONS, COMMANDS } from '../../src/inputs/spec.ts';
import { ROOT } from '../helpers/action-runner.ts';

function headings(markdown: string): string[] {
  const outsideCode = markdown.replace(/```[\s\S]*?```/g, '');
  return outsideCode.split('\n').filter((line) => line.startsWith('## '));
}

describe.each(COMMANDS)('actions/%s/README.md', (command) => {
  test('has the example, what it does, permissions and numbers, in that order', () => {
    expect(headings(actionDocs(command))).toEqual([...SECTIONS]);
  });

  test('names every timing and count output under "What the numbers mean"', () => {
    const numbers = actionDocs(command).split('## What the numbers mean')[1] ?? '';
    const measured = Object.keys(ACTIONS[command].outputs).filter((name) =>
      /-(seconds|writes|files|bytes)$|^checks-/.test(name),
    );
    expect(measured.filter((name) => !numbers.includes(`\`${name}\``))).toEqual([]);
  });

  test('is what npm run build writes', () => {
    const committed = readFileSync(join(ROOT, 'actions', command, 'README.md'), 'utf8');
    expect(committed).toBe(actionReadme(command, ACTIONS[command]));
  });
});
