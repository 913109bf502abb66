import { defineConfig } from 'vitest/config';

// One run for everything: unit tests (test/**) and the sandbox integration tests
// (test/sandbox/**, test/e2e/**) that start real PostgreSQL servers. Two workers at most:
// the machine has two cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // @actions/languageservice imports JSON without import attributes: let vite transform it.
    server: { deps: { inline: [/@actions\/(languageservice|workflow-parser|expressions)/] } },
  },
});
