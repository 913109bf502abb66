// The CRD validator that the tests and the sandbox's admission use.
import { describe, expect, test } from 'vitest';
import { findCrd, loadCrds, validateObject } from '../../sandbox/kube/crd-schema.ts';

const crds = loadCrds();
const cluster = (spec: Record<string, unknown>) => ({
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Cluster',
  metadata: { name: 'pg' },
  spec,
});

test('serves every kind pgha renders, with its subresources', () => {
  expect(findCrd(crds, 'postgresql.cnpg.io/v1', 'Cluster')).toMatchObject({
    plural: 'clusters',
    scope: 'Namespaced',
    subresources: { status: true, scale: true },
  });
  expect(findCrd(crds, 'postgresql.cnpg.io/v1', 'Backup')?.subresources).toEqual({
    status: true,
    scale: false,
  });
  expect(findCrd(crds, 'barmancloud.cnpg.io/v1', 'ObjectStore')?.plural).toBe('objectstores');
  expect(findCrd(crds, 'azmonitoring.coreos.com/v1', 'PodMonitor')?.plural).toBe('podmonitors');
});

describe('validateObject', () => {
  test('a minimal Cluster is valid', () => {
    expect(validateObject(crds, cluster({ instances: 3, storage: { size: '1Gi' } }))).toEqual([]);
  });
  test.each([
    [{ instances: 'three', storage: { size: '1Gi' } }, 'spec.instances', /integer/],
    [{ instances: 3, storage: { size: '1Gi', sise: 1 } }, 'spec.storage.sise', /not declared/],
    [
      { instances: 3, storage: { size: '1Gi' }, postgresql: { synchronous: { number: 1 } } },
      'spec.postgresql.synchronous.method',
      /required/,
    ],
    [
      { instances: 3, storage: { size: '1Gi' }, primaryUpdateStrategy: 'sometimes' },
      'spec.primaryUpdateStrategy',
      /allowed values/,
    ],
  ])('%j -> an error at its path', (spec, path, message) => {
    const errors = validateObject(crds, cluster(spec));
    expect(errors.map((e) => e.path)).toContain(path);
    expect(errors.find((e) => e.path === path)?.message).toMatch(message);
  });
  test('int-or-string fields take both', () => {
    const spread = (maxSkew: unknown) =>
      cluster({ instances: 1, storage: { size: '1Gi' }, resources: { limits: { cpu: maxSkew } } });
    expect(validateObject(crds, spread(2))).toEqual([]);
    expect(validateObject(crds, spread('500m'))).toEqual([]);
    expect(validateObject(crds, spread(true)).length).toBeGreaterThan(0);
  });
  test('an unknown kind is an error', () => {
    expect(
      validateObject(crds, { apiVersion: 'v1', kind: 'Nope', metadata: { name: 'x' } }),
    ).toEqual([{ path: 'kind', message: 'no CRD serves v1 Nope' }]);
  });
  test('metadata needs a name', () => {
    expect(
      validateObject(crds, {
        ...cluster({ instances: 1, storage: { size: '1Gi' } }),
        metadata: {},
      }).map((e) => e.path),
    ).toEqual(['metadata.name']);
  });
});
