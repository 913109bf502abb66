// teardown's reader: the defaults, the endpoints that stand in for the store's own address
// (blob-endpoint https only; s3-endpoint http or https, as the cluster's endpointURL), and bad
// values reported by name, all at once.
import { expect, test } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { readTeardownInputs } from '../../src/inputs/read-teardown.ts';

const read = (values: Record<string, string>) =>
  readTeardownInputs((name) => ({ 'cluster-name': 'pg-pr-7', ...values })[name] ?? '');

function problemsOf(values: Record<string, string>): string[] {
  try {
    read(values);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${p.input}: ${p.problem}`);
    throw e;
  }
  return [];
}

test('the defaults: nothing forced, backups kept, waiting, no endpoint overrides', () => {
  const inputs = read({});
  expect(inputs).toMatchObject({ force: false, deleteBackups: false, wait: true });
  expect(inputs.blobEndpoint).toBeUndefined();
  expect(inputs.s3Endpoint).toBeUndefined();
});

test.each([
  ['https://minio.example.com/', 'https://minio.example.com'],
  ['http://10.0.0.7:30900', 'http://10.0.0.7:30900'],
])('s3-endpoint %s is taken as %s', (raw, endpoint) => {
  expect(read({ 's3-endpoint': raw, 'delete-backups': 'true' }).s3Endpoint).toBe(endpoint);
});

test('bad endpoints are named, all at once, with what is wrong', () => {
  expect(
    problemsOf({
      's3-endpoint': 'minio.minio:9000',
      'blob-endpoint': 'http://10.0.0.5',
    }).sort(),
  ).toEqual(['blob-endpoint: is not an https URL', 's3-endpoint: is not an http(s) URL']);
  const withKeys = problemsOf({ 's3-endpoint': 'https://key:secret@minio.example.com' });
  expect(withKeys).toEqual([expect.stringMatching(/^s3-endpoint: has a query string, user info/)]);
  expect(withKeys.join()).not.toContain('secret@');
});
