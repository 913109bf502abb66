import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { SCHEMA_FILE, clusterSpecSchemaText } from '../../scripts/gen-cluster-spec-schema.ts';

test('the generated Cluster spec schema matches the CRD (npm run build regenerates it)', () => {
  expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(clusterSpecSchemaText());
});
