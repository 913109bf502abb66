// Nothing pgha logs can start a workflow command, whatever text the cluster sends back.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { redact } from '../../src/actions/context.ts';
import { ProgressTracker } from '../../src/cnpg/health.ts';
import { kubeApiError } from '../../src/kube/errors.ts';
import { defuseCommands, oneLine } from '../../src/log-safety.ts';
import { NODE24, ROOT } from '../helpers/action-runner.ts';

/** What the runner would take for a command: `::` after leading blanks, or `##[` anywhere. */
function commandLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((l) => /^\s*::/.test(l) || l.includes('##['));
}

const HOSTILE = [
  '::add-mask::secret',
  'ok\n::error::forged annotation',
  'ok\r::stop-commands::token',
  '  \t::warning file=x::indented',
  'legacy ##[error]old style',
  'ok\u2028::notice::separator',
];

describe('defuseCommands', () => {
  test.each(HOSTILE)('%j cannot start a command', (text) => {
    expect(commandLines(defuseCommands(text))).toEqual([]);
  });

  test('keeps ordinary text and multi-line diagnostics as they are', () => {
    const text = 'pod pg-1: Running, ready\n  condition Ready=True: a::b c';
    expect(defuseCommands(text)).toBe(text);
  });
});

describe('oneLine', () => {
  test.each([
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\r\\nb'],
    ['tab\there', 'tab here'],
    ['bell\u0007', 'bell\\u0007'],
    ['sep\u2028x', 'sep\\u2028x'],
  ])('%j -> %j', (input, expected) => {
    expect(oneLine(input)).toBe(expected);
  });
});

test('cluster texts in progress lines and API errors stay on one line', () => {
  const tracker = new ProgressTracker();
  const lines = tracker.update({
    metadata: {},
    spec: { instances: 1 },
    status: { phase: 'Setting up primary', phaseReason: 'x\n::error::forged' },
  });
  expect(lines.join('\n')).not.toMatch(/\n::error/);
  const error = kubeApiError(
    500,
    JSON.stringify({ message: 'boom\n::add-mask::oops' }),
    'applying',
  );
  expect(error.message).not.toContain('\n');
});

test('the logger of the built actions defuses every info line it prints', () => {
  const script = `import { coreLogger } from './src/logging.ts';\ncoreLogger.info(${JSON.stringify(HOSTILE.join('\n'))});`;
  const run = spawnSync(NODE24, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain('forged annotation');
  expect(commandLines(run.stdout)).toEqual([]);
});

test('redact replaces every known secret', () => {
  expect(redact('token abcd1234 and abcd1234', ['abcd1234'])).toBe('token *** and ***');
});
