// The CRDs vendored into sandbox/crds/ stay identical to the reference copies in shared/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = resolve(ROOT, '..', 'shared', 'reference', 'cnpg', 'crds');
const VENDORED = join(ROOT, 'sandbox', 'crds');
const files = readdirSync(VENDORED).filter((f) => f.endsWith('.yaml'));

test.skipIf(!existsSync(SHARED)).each(files)('%s equals shared/reference/cnpg/crds', (file) => {
  expect(readFileSync(join(VENDORED, file), 'utf8')).toBe(readFileSync(join(SHARED, file), 'utf8'));
});
