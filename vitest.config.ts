import { defineConfig } from 'vitest/config';
import { SlowestFirstSequencer } from './test/setup/sequencer.ts';

// Two projects, both run by `npm test`: `unit` (fast, no servers: parsers, renderers, the
// kit's pure parts, the runner emulation) and `sandbox` (test/sandbox/** and test/e2e/**:
// real PostgreSQL servers, Azurite and the built actions against the sandbox). Two workers at
// most: the machine has two cores. `npm run test:unit` / `npm run test:sandbox` run one.
const shared = {
  pool: 'forks' as const,
  setupFiles: ['test/setup/step-dirs.ts'],
  // @actions/languageservice imports JSON without import attributes: let vite transform it.
  server: { deps: { inline: [/@actions\/(languageservice|workflow-parser|expressions)/] } },
};

export default defineConfig({
  // Vite warns about every inlined @actions/* module whose source map names missing files.
  logLevel: 'error',
  test: {
    maxWorkers: 2,
    // The longest files first, so that no long file runs alone at the end (test/setup/sequencer.ts).
    sequence: { sequencer: SlowestFirstSequencer },
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/sandbox/**', 'test/e2e/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          ...shared,
          name: 'sandbox',
          include: ['test/sandbox/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
