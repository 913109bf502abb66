// The runner emulation runs post steps as GitHub does: after main, with main's saved state as
// STATE_<name>, also after a failed or cancelled main, and only where post-if allows it.
import { describe, expect, test } from 'vitest';
import { postAllowed, runStep } from '../helpers/action-runner.ts';

const FIXTURE = 'test/fixtures/post-action';

describe('post steps in the runner emulation', () => {
  test('post runs after a successful main and reads the state main saved', async () => {
    const step = await runStep(FIXTURE, {});
    expect(step.code).toBe(0);
    expect(step.state).toEqual({ token: 'from-main', lines: 'first\nsecond' });
    expect(step.post?.code).toBe(0);
    expect(step.post?.stdout).toContain('post: token=from-main');
    expect(step.post?.stdout).toContain('post: lines="first\\nsecond"');
  });

  test('post runs after a failed main', async () => {
    const step = await runStep(FIXTURE, { behaviour: 'fail' });
    expect(step.code).toBe(1);
    expect(step.stdout).toContain('::error::main failed on purpose');
    expect(step.post?.stdout).toContain('post: token=from-main');
  });

  test('a cancelled main gets SIGINT, and post still runs', async () => {
    const step = await runStep(FIXTURE, { behaviour: 'wait' }, {}, { cancelOn: /main: waiting/ });
    expect(step.cancelled).toBe(true);
    expect(step.stdout).toContain('main: cancelled by SIGINT');
    expect(step.post?.stdout).toContain('post: token=from-main');
  });

  test('skipPost leaves post to the caller', async () => {
    const step = await runStep(FIXTURE, {}, {}, { skipPost: true });
    expect(step.post).toBeUndefined();
  });
});

describe('post-if', () => {
  test.each([
    [undefined, 0, false, true],
    ['always()', 1, true, true],
    ['success()', 0, false, true],
    ['success()', 1, false, false],
    ['failure()', 1, false, true],
    ['failure()', 0, false, false],
    ['cancelled()', 1, true, true],
    ['${{ cancelled() }}', 0, false, false],
  ] as const)('%s after exit %i (cancelled %s): %s', (condition, code, cancelled, runs) => {
    expect(postAllowed(condition, code, cancelled)).toBe(runs);
  });

  test('an expression the emulation cannot evaluate is an error, not a guess', () => {
    expect(() => postAllowed("runner.os == 'Linux'", 0, false)).toThrow(/does not evaluate/);
  });
});

describe('pgha actions with a post step', () => {
  test.each(['restore-verify', 'failover-drill'])(
    '%s: post runs after main with the state main saved',
    async (command) => {
      const step = await runStep(`actions/${command}`, { 'cluster-name': 'pg' });
      expect(step.code).toBe(1);
      const saved = JSON.parse(step.state['pgha-main'] ?? '{}') as { started?: string };
      expect(saved.started).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(step.post?.code).toBe(0);
      expect(step.post?.stdout).toContain(`main started ${saved.started ?? ''}`);
    },
  );

  test('deploy declares no post step, so none runs', async () => {
    const step = await runStep('actions/deploy', { 'cluster-name': 'Bad' });
    expect(step.post).toBeUndefined();
  });
});
