import { expect, test } from 'vitest';
import { CLUSTER_SPEC_FIELDS } from '../../src/cnpg/cluster-spec-fields.ts';
import { clusterSpecFields } from '../../scripts/gen-cluster-spec-fields.ts';

test('the generated list of Cluster spec fields matches the CRD (rerun scripts/gen-cluster-spec-fields.ts)', () => {
  expect([...CLUSTER_SPEC_FIELDS]).toEqual(clusterSpecFields());
});
