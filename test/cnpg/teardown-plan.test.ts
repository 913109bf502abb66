// teardown's inventory for delete-backups, on the objects deploy renders (Cluster and
// ObjectStore for Azure, S3 keys, S3 with an IAM role; a second Cluster archiving to the same
// place through its own ObjectStore), served by the sandbox's API server: where the data is
// and what reaches it, and every refusal raised before anything is deleted.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { planTeardown } from '../../src/cnpg/teardown-plan.ts';
import { renderDeploy, type RenderedObject } from '../../src/cnpg/render.ts';
import { ConfigurationError } from '../../src/errors.ts';
import { readTeardownInputs } from '../../src/inputs/read-teardown.ts';
import type { BackupMethod } from '../../src/inputs/types.ts';
import { startKubeApi, type KubeApi } from '../helpers/kube-api.ts';
import { deployInputs } from './fixtures.ts';

const NS = 'db';
const NAME = 'pg-orders';
const SERVED = new Set(['postgresql.cnpg.io/v1', 'barmancloud.cnpg.io/v1']);

async function deployed(values: Record<string, string>, method: BackupMethod = 'plugin') {
  const inputs = deployInputs({ 'cluster-name': NAME, namespace: NS, ...values });
  const { objects } = await renderDeploy(inputs, { backupMethod: method, origin: {} });
  return objects.filter((o) => ['Cluster', 'ObjectStore'].includes(o.kind));
}

type Credentials = Record<string, unknown>;

/** A plugin deploy to s3://pg-backups with keys in pg-s3, its s3Credentials then changed. */
async function s3Deployed(change: (c: Credentials) => Credentials) {
  const objects = await deployed({
    'backup-destination': 's3://pg-backups',
    'backup-credentials-secret': 'pg-s3',
    'workload-identity-client-id': '',
  });
  const store = objects.find((o) => o.kind === 'ObjectStore') as RenderedObject & {
    spec: { configuration: { s3Credentials: Credentials } };
  };
  store.spec.configuration.s3Credentials = change(store.spec.configuration.s3Credentials);
  return objects;
}

const teardownInputs = (values: Record<string, string> = {}) => {
  const all: Record<string, string> = {
    'cluster-name': NAME,
    namespace: NS,
    'delete-backups': 'true',
    ...values,
  };
  return readTeardownInputs((n) => all[n] ?? '');
};

let api: KubeApi;
let namespaces = 0;
beforeAll(async () => {
  api = await startKubeApi();
});
afterAll(() => api.close());

/** The objects written to a namespace of their own, then teardown's plan read from the API. */
async function plan(objects: readonly RenderedObject[]) {
  namespaces += 1;
  const namespace = `${NS}-${String(namespaces)}`;
  await api.create(...objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace } })));
  return planTeardown(
    { http: api.http, served: SERVED, now: Date.now() },
    teardownInputs({ namespace }),
  );
}

async function refusal(objects: readonly RenderedObject[]): Promise<Error> {
  const error = await plan(objects).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as Error;
}

describe('delete-backups: where the data is and what reaches it', () => {
  test('Azure Blob Storage, as before: the destination and the serverName', async () => {
    const p = await plan(await deployed({}));
    expect(p.data).toEqual({
      kind: 'azure',
      destination: 'https://pgbackups.blob.core.windows.net/backups',
      serverName: NAME,
    });
    expect(p.after.map((r) => r.kind)).toEqual(['ObjectStore']);
  });

  test.each<[string, BackupMethod]>([
    ['the plugin (ObjectStore)', 'plugin'],
    ['the in-core barmanObjectStore', 'barman-object-store'],
  ])('S3 with access keys, through %s: the selectors and endpointURL', async (_what, method) => {
    const objects = await deployed(
      {
        'backup-destination': 's3://pg-backups/orders',
        'backup-credentials-secret': 'pg-s3',
        'backup-endpoint-url': 'https://minio.example.com:9000',
        'workload-identity-client-id': '',
      },
      method,
    );
    const p = await plan(objects);
    expect(p.data).toEqual({
      kind: 's3',
      destination: 's3://pg-backups/orders',
      serverName: NAME,
      endpointURL: 'https://minio.example.com:9000',
      credentials: {
        accessKeyId: { name: 'pg-s3', key: 'ACCESS_KEY_ID' },
        secretAccessKey: { name: 'pg-s3', key: 'ACCESS_SECRET_KEY' },
      },
    });
  });

  test('the region and session token selectors are carried when the configuration has them', async () => {
    const objects = await s3Deployed((c) => ({
      ...c,
      region: { name: 'pg-s3-region', key: 'REGION' },
      sessionToken: { name: 'pg-s3', key: 'SESSION_TOKEN' },
    }));
    const p = await plan(objects);
    expect(p.data).toMatchObject({
      kind: 's3',
      credentials: {
        region: { name: 'pg-s3-region', key: 'REGION' },
        sessionToken: { name: 'pg-s3', key: 'SESSION_TOKEN' },
      },
    });
  });
});

describe('delete-backups: refused before anything is deleted', () => {
  /** A second Cluster, deployed by pgha too, whose own ObjectStore archives as `serverName`. */
  async function neighbour(serverName: string): Promise<RenderedObject[]> {
    const inputs = deployInputs({ 'cluster-name': 'pg-copy', namespace: NS });
    const { objects } = await renderDeploy(inputs, { backupMethod: 'plugin', origin: {} });
    return objects
      .filter((o) => ['Cluster', 'ObjectStore'].includes(o.kind))
      .map((o) => {
        if (o.kind !== 'Cluster') return o;
        const spec = o.spec as { plugins: { parameters: Record<string, string> }[] };
        const plugins = spec.plugins.map((p) => ({
          ...p,
          parameters: { ...p.parameters, serverName },
        }));
        return { ...o, spec: { ...spec, plugins } };
      });
  }

  test('another Cluster archiving, through its own ObjectStore, to the same destination and serverName', async () => {
    const error = await refusal([...(await deployed({})), ...(await neighbour(NAME))]);
    expect(error.message).toMatch(
      /^input 'delete-backups': Cluster pg-copy still archives to https:\/\/pgbackups\.blob\.core\.windows\.net\/backups\/pg-orders\/, the data of pg-orders/,
    );
  });

  test('the same destination under another serverName is not shared', async () => {
    const p = await plan([...(await deployed({})), ...(await neighbour('pg-copy'))]);
    expect(p.data).toMatchObject({ kind: 'azure', serverName: NAME });
  });

  test("S3 through the pods' IAM role: pgha cannot use it, and says what to do instead", async () => {
    const error = await refusal(
      await deployed({
        'backup-destination': 's3://pg-backups/orders',
        'backup-credentials': 'iam-role',
        'workload-identity-client-id': '',
      }),
    );
    expect(error.message).toMatch(/^input 'delete-backups': /);
    expect(error.message).toContain('inheritFromIAMRole: true');
    expect(error.message).toContain('aws s3 rm --recursive s3://pg-backups/orders/pg-orders/');
    expect(error.message).toMatch(/\(example: delete-backups: false\)$/);
  });

  test('S3 without access keys in s3Credentials', async () => {
    const objects = await s3Deployed(() => ({
      accessKeyId: { name: 'pg-s3', key: 'ACCESS_KEY_ID' },
    }));
    const error = await refusal(objects);
    expect(error.message).toMatch(/names no access keys in s3Credentials/);
  });

  test('Google Cloud Storage', async () => {
    const objects = await deployed({});
    const store = objects.find((o) => o.kind === 'ObjectStore') as RenderedObject & {
      spec: { configuration: Record<string, unknown> };
    };
    store.spec.configuration = {
      destinationPath: 'gs://pg-backups/orders',
      googleCredentials: { gkeEnvironment: true },
    };
    const error = await refusal(objects);
    expect(error.message).toMatch(
      /only in Azure Blob Storage .* and S3 \(s3:\/\/<bucket>\/<path>\); delete gs:\/\/pg-backups\/orders\/pg-orders\/ yourself/,
    );
  });
});
