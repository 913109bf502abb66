// The order of the sandbox test files on two workers. Vitest runs the files it has no timings
// for (every CI run: a clean checkout has no cache) largest first, which put the longest file,
// the whole-pipeline demo, last: one worker then ran it alone for a minute. The files that
// take longest (measured: `vitest run --project sandbox`, per-file durations) go first, in
// this order; the rest follow in Vitest's own order.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const SLOWEST_FIRST = [
  'test/e2e/demo.test.ts',
  'test/e2e/failover-drill.test.ts',
  'test/e2e/restore-verify.test.ts',
  'test/e2e/backup.test.ts',
  'test/sandbox/backup-incore.test.ts',
  'test/e2e/deploy-sandbox.test.ts',
  'test/sandbox/backup-plugin.test.ts',
  'test/sandbox/recovery-shapes.test.ts',
  'test/sandbox/backup-shapes.test.ts',
  'test/sandbox/cnpg-operations.test.ts',
  'test/sandbox/async-loss.test.ts',
  'test/sandbox/cnpg-failover.test.ts',
  'test/sandbox/switchover-target.test.ts',
  'test/sandbox/shutdown.test.ts',
  'test/e2e/s3-chain.test.ts',
  'test/e2e/teardown.test.ts',
  'test/sandbox/deletion.test.ts',
  'test/e2e/deploy-oidc.test.ts',
  'test/sandbox/connections.test.ts',
];

export class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const i = SLOWEST_FIRST.findIndex((f) => spec.moduleId.endsWith(`/${f}`));
      return i < 0 ? SLOWEST_FIRST.length : i;
    };
    // Array.prototype.sort is stable: unlisted files keep Vitest's order.
    return base
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => {
        if (a.spec.project.name !== b.spec.project.name) return a.i - b.i;
        return rank(a.spec) - rank(b.spec) || a.i - b.i;
      })
      .map(({ spec }) => spec);
  }
}
