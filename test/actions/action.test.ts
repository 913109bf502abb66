// defineAction: outputs and the summary come from the step's result in one place, on success,
// on failure (with the failed phase and the diagnostics) and on cancellation; a run that fails
// before its first phase writes no summary; post gets what main saved.
import { describe, expect, test } from 'vitest';
import { defineAction, mainState } from '../../src/actions/action.ts';
import type { StepResult } from '../../src/actions/step.ts';
import { ConfigurationError, DiagnosedError } from '../../src/errors.ts';
import { testContext } from '../helpers/test-context.ts';

interface Facts {
  count: number;
}

const summary = (r: StepResult<Facts>) =>
  JSON.stringify({
    count: r.facts.count,
    phases: r.phases.map((p) => `${p.title}:${p.outcome}`),
    failure: r.failure,
  });

describe('defineAction', () => {
  test('sets the recorded outputs and writes the summary once', async () => {
    const action = defineAction<'teardown', Facts>({
      command: 'teardown',
      summary,
      async run(_ctx, step) {
        await step.phase('One', () => Promise.resolve(1));
        step.output('kubeconfig-path', '/tmp/k');
        step.record({ count: 2 });
      },
    });
    const ctx = testContext();
    await action.main(ctx);
    expect([...ctx.outputs]).toEqual([['kubeconfig-path', '/tmp/k']]);
    expect(ctx.summaries).toHaveLength(1);
    expect(JSON.parse(ctx.summaries[0] ?? '')).toEqual({ count: 2, phases: ['One:done'] });
    expect(ctx.logger.messages('group')).toEqual(['One']);
  });

  test('on failure: outputs so far, the failed phase and its diagnostics, then the error', async () => {
    const action = defineAction<'teardown', Facts>({
      command: 'teardown',
      summary,
      async run(_ctx, step) {
        await step.phase('First', () => Promise.resolve());
        step.output('kubeconfig-path', '/tmp/k');
        await step.phase('Second', () =>
          Promise.reject(new DiagnosedError('it broke', 'pod x: not ready')),
        );
      },
    });
    const ctx = testContext();
    await expect(action.main(ctx)).rejects.toThrow('it broke');
    expect(ctx.outputs.get('kubeconfig-path')).toBe('/tmp/k');
    const written: unknown = JSON.parse(ctx.summaries[0] ?? '');
    expect(written).toMatchObject({
      phases: ['First:done', 'Second:failed'],
      failure: {
        message: 'it broke',
        phase: 'Second',
        diagnostics: 'pod x: not ready',
        cancelled: false,
      },
    });
  });

  test('a failure before the first phase (bad inputs) writes no summary', async () => {
    const action = defineAction<'teardown', Facts>({
      command: 'teardown',
      summary,
      run: () => Promise.reject(new ConfigurationError("input 'x': bad")),
    });
    const ctx = testContext();
    await expect(action.main(ctx)).rejects.toThrow("input 'x'");
    expect(ctx.summaries).toEqual([]);
  });

  test('cancellation ends a waiting run at once, marking the running phase cancelled', async () => {
    const action = defineAction<'teardown', Facts>({
      command: 'teardown',
      summary,
      async run(_ctx, step) {
        await step.phase('Wait forever', () => new Promise(() => undefined));
      },
    });
    const ctx = testContext();
    setTimeout(() => {
      ctx.abort.abort(new Error('the run was cancelled'));
    }, 50);
    await expect(action.main(ctx)).rejects.toThrow('cancelled');
    expect(JSON.parse(ctx.summaries[0] ?? '')).toMatchObject({
      phases: ['Wait forever:cancelled'],
      failure: { cancelled: true, phase: 'Wait forever' },
    });
  });

  test('main saves when it started, and post receives it', async () => {
    let seen: unknown;
    const action = defineAction<'failover-drill', Facts>({
      command: 'failover-drill',
      summary,
      run: () => Promise.resolve(),
      post: (_ctx, main) => {
        seen = main;
        return Promise.resolve();
      },
    });
    const ctx = testContext();
    await action.main(ctx);
    const main = mainState(ctx);
    expect(main).toMatchObject({ command: 'failover-drill' });
    await action.post?.(ctx, main ?? { command: 'failover-drill', started: '' });
    expect(seen).toEqual(main);
  });
});
