// Type-checked lint for src/, sandbox/, test/ and scripts; no warnings allowed (see package.json "lint").
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import noImportCycle from './eslint-rules/no-import-cycle.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-console': 'error',
      // client-node's models are generated classes with no behaviour; its APIs take plain objects.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/sandbox/**', '**/test/**'],
              message: 'src/ must not import sandbox/ or test/',
            },
          ],
        },
      ],
    },
  },
  {
    // No import cycle can come back in src/ or sandbox/: every kind of import counts, type-only
    // ones included (eslint-rules/no-import-cycle.js).
    files: ['src/**/*.ts', 'sandbox/**/*.ts'],
    plugins: { pgha: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'pgha/no-import-cycle': ['error', { roots: ['src', 'sandbox'] }] },
  },
  {
    files: ['sandbox/**', 'test/**', 'scripts/**', 'bench/**', 'vitest.config.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-console': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
