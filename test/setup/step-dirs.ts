// After each test file, remove the RUNNER_TEMP directories of the steps it ran, as a runner
// does after a job.
import { afterAll } from 'vitest';
import { removeStepDirs } from '../../sandbox/runner.ts';

afterAll(() => {
  removeStepDirs();
});
