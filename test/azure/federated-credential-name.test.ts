import { describe, expect, test } from 'vitest';
import { federatedCredentialName } from '../../src/azure/arm.ts';

const VALID = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/;

describe('federatedCredentialName', () => {
  test.each([
    { namespace: 'cnpg-database', cluster: 'pg-orders', expected: 'pgha-cnpg-database_pg-orders' },
    { namespace: 'db', cluster: 'pg-orders-restore', expected: 'pgha-db_pg-orders-restore' },
    // Longest valid Kubernetes names: 63-character namespace, 50-character cluster: still plain.
    {
      namespace: 'n'.repeat(63),
      cluster: 'c'.repeat(50),
      expected: `pgha-${'n'.repeat(63)}_${'c'.repeat(50)}`,
    },
  ])('$namespace / $cluster', ({ namespace, cluster, expected }) => {
    const name = federatedCredentialName(namespace, cluster);
    expect(name).toBe(expected);
    expect(name).toMatch(VALID);
  });

  test.each([
    { namespace: 'n'.repeat(80), cluster: 'c'.repeat(60) },
    { namespace: 'Team.A', cluster: 'pg orders' },
    { namespace: 'ns', cluster: 'x_y' },
  ])(
    'hashed when too long or not a Kubernetes name: $namespace / $cluster',
    ({ namespace, cluster }) => {
      const name = federatedCredentialName(namespace, cluster);
      expect(name).toMatch(VALID);
      expect(name).toMatch(/^pgha-.*-[0-9a-f]{16}$/);
      expect(federatedCredentialName(namespace, cluster)).toBe(name);
    },
  );

  test('distinct pairs get distinct names, even where a hyphen would make them collide', () => {
    const pairs: [string, string][] = [
      ['team-a', 'pg'],
      ['team', 'a-pg'],
      ['n'.repeat(80), 'c'.repeat(60)],
      ['n'.repeat(80), 'c'.repeat(61)],
    ];
    const names = new Set(pairs.map(([ns, cluster]) => federatedCredentialName(ns, cluster)));
    expect(names.size).toBe(pairs.length);
  });
});
