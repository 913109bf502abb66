// Reading SecretKeySelectors: each Secret read once, each value masked the moment it is known
// (the region excepted when the caller says so), and a missing Secret or key named with the
// field that named it. The Secrets are served by the sandbox's API server.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../src/errors.ts';
import {
  describeKeys,
  readSecretKeys,
  type SecretKeysOptions,
} from '../../src/kube/secret-keys.ts';
import { startKubeApi, type KubeApi } from '../helpers/kube-api.ts';

const SECRETS: Record<string, Record<string, string>> = {
  'pg-s3': { ACCESS_KEY_ID: 'AKIAEXAMPLE', ACCESS_SECRET_KEY: 's3cr3t/Key+1' },
  'pg-region': { REGION: 'eu-west-1' },
};

let api: KubeApi;
beforeAll(async () => {
  api = await startKubeApi();
  await api.create(
    ...Object.entries(SECRETS).map(([name, stringData]) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: 'db' },
      stringData,
    })),
  );
});
afterAll(() => api.close());

/** The Secret reads pgha made (the API server's own request log). */
const secretReads = () =>
  api.requests.filter((r) => r.startsWith('GET /api/v1/namespaces/db/secrets/'));

const opts = (
  masked: string[],
): SecretKeysOptions<'accessKeyId' | 'secretAccessKey' | 'region'> => ({
  setSecret: (v: string) => {
    masked.push(v);
  },
  notSecret: ['region'],
  from: 's3Credentials of ObjectStore pg-store',
  purpose: 'to delete the backups',
});

describe('readSecretKeys', () => {
  test('decodes each value, masks the secret ones at once, reads each Secret once', async () => {
    const before = secretReads().length;
    const masked: string[] = [];
    const values = await readSecretKeys(
      api.http,
      'db',
      {
        accessKeyId: { name: 'pg-s3', key: 'ACCESS_KEY_ID' },
        secretAccessKey: { name: 'pg-s3', key: 'ACCESS_SECRET_KEY' },
        region: { name: 'pg-region', key: 'REGION' },
      },
      opts(masked),
    );
    expect(values).toEqual({
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 's3cr3t/Key+1',
      region: 'eu-west-1',
    });
    expect(masked).toEqual(['AKIAEXAMPLE', 's3cr3t/Key+1']);
    expect(secretReads().slice(before)).toEqual([
      'GET /api/v1/namespaces/db/secrets/pg-s3',
      'GET /api/v1/namespaces/db/secrets/pg-region',
    ]);
  });

  test.each([
    [
      'a missing Secret',
      { name: 'nope', key: 'ACCESS_KEY_ID' },
      /accessKeyId names key ACCESS_KEY_ID of Secret nope in namespace db, which does not exist/,
    ],
    [
      'a missing key',
      { name: 'pg-s3', key: 'AWS_KEY' },
      /which has no key AWS_KEY \(it has: ACCESS_KEY_ID, ACCESS_SECRET_KEY\)/,
    ],
  ])('%s is named with its field and an example', async (_what, ref, message) => {
    const error = await readSecretKeys<'accessKeyId' | 'secretAccessKey' | 'region'>(
      api.http,
      'db',
      { accessKeyId: ref },
      opts([]),
    ).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/^s3Credentials of ObjectStore pg-store: /);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('(example: kubectl create secret generic');
    expect((error as Error).message).not.toContain('s3cr3t');
  });
});

test('describeKeys groups the keys by Secret', () => {
  expect(
    describeKeys(
      [
        { name: 'pg-s3', key: 'ACCESS_KEY_ID' },
        { name: 'pg-s3', key: 'ACCESS_SECRET_KEY' },
      ],
      'db',
    ),
  ).toBe('keys ACCESS_KEY_ID and ACCESS_SECRET_KEY of Secret pg-s3 in namespace db');
  expect(
    describeKeys(
      [
        { name: 'a', key: 'ID' },
        { name: 'b', key: 'SECRET' },
        { name: 'a', key: 'TOKEN' },
      ],
      'db',
    ),
  ).toBe('keys ID and TOKEN of Secret a and key SECRET of Secret b in namespace db');
});
