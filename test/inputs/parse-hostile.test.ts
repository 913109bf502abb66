// Parsers against hostile values: credentials in object store URLs (refused, never echoed),
// ranges whose union is public, and YAML that would expand, reach a prototype or hide text.
import { describe, expect, test } from 'vitest';
import {
  cidrs,
  destination,
  endpointUrl,
  overrides,
  postgresqlParameters,
} from '../../src/inputs/parse-deploy.ts';
import { ParseError } from '../../src/inputs/parse.ts';

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParseError) return `${e.message} | ${e.example}`;
    throw e;
  }
  throw new Error('no ParseError');
}

describe('credentials never ride in a URL, and are never echoed back', () => {
  const SECRET = 'Zm9vYmFyc2VjcmV0';
  test.each([
    `https://pgbackups.blob.core.windows.net/backups?sv=2022-11-02&sig=${SECRET}`,
    `https://pgbackups.blob.core.windows.net/backups/?${SECRET}`,
    `https://pgbackups:${SECRET}@pgbackups.blob.core.windows.net/backups`,
    `https://${SECRET}@pgbackups.blob.core.windows.net/backups`,
    `https://pgbackups.blob.core.windows.net/backups#${SECRET}`,
    `s3://AKIAEXAMPLE:${SECRET}@pg-backups/orders`,
    `s3://pg-backups/orders?X-Amz-Signature=${SECRET}`,
    `http://127.0.0.1:10000/sandbox/backups?sig=${SECRET}`,
  ])('backup-destination %s', (v) => {
    const text = problem(() => destination(v));
    expect(text).toMatch(/query string, user info or fragment/);
    expect(text).toMatch(/backup-credentials: sas-token|backup-credentials-secret/);
    expect(text).not.toContain(SECRET);
  });
  test.each([
    `http://minio:${SECRET}@minio.minio:9000`,
    `https://minio.example.com?X-Amz-Credential=${SECRET}`,
    `https://minio.example.com/#${SECRET}`,
  ])('backup-endpoint-url %s', (v) => {
    const text = problem(() => endpointUrl(v));
    expect(text).toMatch(/query string, user info or fragment/);
    expect(text).toMatch(/backup-credentials-secret/);
    expect(text).not.toContain(SECRET);
  });
  test.each([
    `gs://${SECRET}`,
    SECRET,
    `https://${SECRET}.example.com/backups`,
    `s3://${SECRET}:x`,
    `https://pgbackups.blob.core.windows.net/${SECRET}`,
    `ftp://${SECRET}`,
  ])('no other refusal quotes the value either: %s', (v) => {
    const fn = v.startsWith('ftp') ? () => endpointUrl(v) : () => destination(v);
    expect(problem(fn)).not.toContain(SECRET);
  });
  test.each(['http://minio.minio:9000', 'https://s3.eu-central-1.amazonaws.com/'])(
    'backup-endpoint-url %s is accepted',
    (v) => {
      expect(endpointUrl(v)).toBe(v.replace(/\/$/, ''));
    },
  );
});

describe('the public-access guard looks at the union of the ranges', () => {
  // Public: together half or more of the IPv4 space, or of IPv6's global unicast 2000::/3.
  test.each([
    '0.0.0.0/0',
    '0.0.0.0/1',
    '128.0.0.0/1',
    '0.0.0.0/1, 128.0.0.0/1',
    '0.0.0.0/2, 64.0.0.0/2',
    '0.0.0.0/2, 64.0.0.0/2, 128.0.0.0/2',
    Array.from({ length: 128 }, (_, i) => `${String(i * 2)}.0.0.0/8`).join(','),
    '::/0',
    '::/1',
    '2000::/3',
    '2000::/4',
    '2000::/5, 2800::/5',
    '::ffff:0:0/96',
    '::ffff:0.0.0.0/97',
  ])('%s is public', (v) => {
    expect(problem(() => cidrs(v, false))).toMatch(/half or more.*allow-public: true/);
    expect(cidrs(v, true).length).toBeGreaterThan(0);
  });
  test.each([
    '10.0.0.0/8',
    '0.0.0.0/2, 0.0.0.0/3, 32.0.0.0/3',
    '0.0.0.0/2, 64.0.0.0/3, 96.0.0.0/4',
    Array.from({ length: 127 }, (_, i) => `${String(i * 2)}.0.0.0/8`).join(','),
    '2001:db8::/32',
    '2000::/5, 2800::/6',
    '::ffff:0:0/98',
    'fc00::/7',
  ])('%s is not public', (v) => {
    expect(cidrs(v, false).length).toBeGreaterThan(0);
  });
});

describe('YAML maps of overrides and postgresql-parameters', () => {
  /** 9 levels of 9 references: a 400-byte document that expands to 9^9 strings. */
  const LAUGHS = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefghi'.split('').map(
      (c, i) =>
        `${c}: &${c} [${Array(9)
          .fill(`*${'abcdefghi'[i] ?? ''}`)
          .join(',')}]`,
    ),
  ].join('\n');

  test.each([
    ['overrides', overrides],
    ['postgresql-parameters', postgresqlParameters],
  ] as const)('%s: a billion laughs is refused at once, before expansion', (_name, parse) => {
    expect(LAUGHS.length).toBeLessThan(500);
    const started = performance.now();
    expect(problem(() => parse(LAUGHS))).toMatch(/anchors or aliases/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test.each([
    'enablePDB: &x false\nlogLevel: info',
    'postgresql: &p {parameters: {a: "1"}}',
    'a: 1\nb: *a',
    '<<: {enablePDB: false}',
  ])('overrides %j: anchors, aliases and merge keys are refused', (v) => {
    expect(problem(() => overrides(v))).toMatch(/anchors or aliases|merge key/);
  });

  test.each([
    ['__proto__: {enablePDB: false}', '__proto__'],
    [
      'postgresql:\n  parameters:\n    __proto__: {polluted: "1"}',
      'postgresql.parameters.__proto__',
    ],
    ['affinity: {constructor: {prototype: {x: 1}}}', 'affinity.constructor'],
    ['env: [{name: a, prototype: b}]', 'env[0].prototype'],
    ['"__proto__": 1', '__proto__'],
  ])('overrides %j: %s is refused, not dropped', (v, path) => {
    expect(problem(() => overrides(v))).toContain(`key '${path}' is not allowed`);
  });

  test.each(['__proto__: "1"', 'constructor: "1"', 'prototype: on'])(
    'postgresql-parameters %j is refused',
    (v) => {
      expect(problem(() => postgresqlParameters(v))).toMatch(/is not allowed/);
    },
  );

  test.each([
    ['overrides', overrides, `logLevel: ${'x'.repeat(64 * 1024)}`],
    ['postgresql-parameters', postgresqlParameters, `a: ${'x'.repeat(64 * 1024)}`],
  ] as const)('%s: above 64 KiB is refused', (_name, parse, v) => {
    expect(problem(() => parse(v))).toMatch(/at most 64 KiB/);
  });

  test('a document that does not parse is reported by line and column, without its text', () => {
    const text = problem(() => postgresqlParameters('a: b: c\nsecret: hunter2hunter2'));
    expect(text).toMatch(/not valid YAML: .*line 1, column 5/);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('a: b: c');
  });

  test('several documents are refused', () => {
    expect(problem(() => overrides('enablePDB: false\n---\nlogLevel: info'))).toMatch(
      /one YAML document/,
    );
  });

  test('parameter names follow CloudNativePG (at most one dot)', () => {
    expect(postgresqlParameters('pg_stat_statements.max: 100')).toEqual({
      'pg_stat_statements.max': '100',
    });
    expect(problem(() => postgresqlParameters('a.b.c: 1'))).toMatch(/not a parameter name/);
    expect(problem(() => postgresqlParameters('a..b: 1'))).toMatch(/not a parameter name/);
  });
});
