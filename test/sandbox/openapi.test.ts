// The sandbox's OpenAPI documents as kubectl reads them (cli-runtime's fieldValidation check
// on the PATCH operation of a GVK, explain's lookup of a component by GVK), server-side field
// validation (Strict, Warn, Ignore; apply), strategic merge patches as kubectl sends them, and
// the Tables kubectl get asks for.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Faults } from '../../sandbox/faults.ts';
import { loadCrds } from '../../sandbox/kube/crd-schema.ts';
import { startApiServer, type ApiServer } from '../../sandbox/kube/server.ts';
import { humanDuration } from '../../sandbox/kube/table.ts';
import { MemoryStore } from '../../sandbox/kube/store.ts';
import { rawRequest, type RawReply } from './api-raw.ts';

type Doc = Record<string, unknown> & {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string }[] } & Record<string, unknown>>
  >;
  components: { schemas: Record<string, Record<string, unknown>> };
};

let api: ApiServer;
beforeAll(async () => {
  api = await startApiServer({ store: new MemoryStore(), faults: new Faults(), crds: loadCrds() });
});
afterAll(async () => {
  await api.close();
});

async function gvDoc(key: string): Promise<Doc> {
  const root = (await rawRequest(api, 'GET', '/openapi/v3')).json() as {
    paths: Record<string, { serverRelativeURL: string }>;
  };
  const url = root.paths[key]?.serverRelativeURL ?? '';
  expect(url).toMatch(new RegExp(`^/openapi/v3/${key}\\?hash=[0-9A-F]{128}$`));
  return (await rawRequest(api, 'GET', url)).json() as Doc;
}

/** What cli-runtime's queryParamVerifierV3 decides for a GVK (fieldValidation support). */
function supportsFieldValidation(doc: Doc, gvk: Record<string, string>): boolean {
  for (const item of Object.values(doc.paths)) {
    const patch = item.patch as { parameters?: { name: string; in: string }[] } | undefined;
    const ext = patch?.['x-kubernetes-group-version-kind' as never] as unknown;
    if (!patch || JSON.stringify(ext) !== JSON.stringify(gvk)) continue;
    return (patch.parameters ?? []).some((p) => p.name === 'fieldValidation' && p.in === 'query');
  }
  return false;
}

describe('OpenAPI v3', () => {
  test('postgresql.cnpg.io/v1: PATCH of each kind takes fieldValidation; explain finds Cluster', async () => {
    const doc = await gvDoc('apis/postgresql.cnpg.io/v1');
    for (const kind of ['Cluster', 'Backup', 'ScheduledBackup', 'Pooler'])
      expect(
        supportsFieldValidation(doc, { group: 'postgresql.cnpg.io', kind, version: 'v1' }),
      ).toBe(true);
    const cluster = Object.values(doc.components.schemas).find((s) =>
      JSON.stringify(s['x-kubernetes-group-version-kind']).includes('"kind":"Cluster"'),
    ) as {
      properties: Record<
        string,
        { $ref?: string; properties?: Record<string, { description?: string }> }
      >;
    };
    expect(cluster.properties.spec?.properties?.backup?.description).toBe(
      'The configuration to be used for backups',
    );
    const meta = cluster.properties.metadata?.$ref?.replace('#/components/schemas/', '') ?? '';
    expect(doc.components.schemas[meta]?.properties).toHaveProperty('labels');
    const path = '/apis/postgresql.cnpg.io/v1/namespaces/{namespace}/clusters/{name}';
    const body = (doc.paths[path]?.patch as { requestBody: { content: Record<string, unknown> } })
      .requestBody.content;
    expect(Object.keys(body)).not.toContain('application/strategic-merge-patch+json');
  });

  test('api/v1: the built-in kinds kubectl writes, with schemas from their messages', async () => {
    const doc = await gvDoc('api/v1');
    for (const kind of ['Namespace', 'Secret', 'ConfigMap', 'ServiceAccount', 'Service', 'Pod'])
      expect(supportsFieldValidation(doc, { group: '', kind, version: 'v1' })).toBe(true);
    expect(doc.components.schemas['io.k8s.api.core.v1.Secret']?.properties).toMatchObject({
      data: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
    });
  });

  test('v2 is served as JSON; its protobuf form is not (406, as client-go then falls back)', async () => {
    const v2 = await rawRequest(api, 'GET', '/openapi/v2', { accept: 'application/json' });
    expect(v2.json()).toMatchObject({ swagger: '2.0' });
    expect(Object.keys(v2.json().definitions as object)).toContain('io.cnpg.postgresql.v1.Cluster');
    const pb = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
    expect((await rawRequest(api, 'GET', '/openapi/v2', { accept: pb })).code).toBe(406);
  });
});

const CLUSTERS = '/apis/postgresql.cnpg.io/v1/namespaces/default/clusters';
const cluster = (name: string, storage: Record<string, unknown>) =>
  JSON.stringify({
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name },
    spec: { instances: 1, storage },
  });
const warnings = (r: RawReply) => [r.headers.warning ?? []].flat();

describe('server-side field validation of custom resources', () => {
  test('Strict refuses an unknown field as the API server words it', async () => {
    const res = await rawRequest(api, 'POST', `${CLUSTERS}?fieldValidation=Strict`, {
      body: cluster('strict', { size: '1Gi', bogus: 1 }),
    });
    expect(res.code).toBe(400);
    expect(res.json()).toMatchObject({
      reason: 'BadRequest',
      message:
        'Cluster in version "v1" cannot be handled as a Cluster: strict decoding error: unknown field "spec.storage.bogus"',
    });
  });

  test.each([
    ['Warn', '?fieldValidation=Warn', ['299 - "unknown field \\"spec.storage.bogus\\""']],
    ['no parameter (Warn)', '', ['299 - "unknown field \\"spec.storage.bogus\\""']],
    ['Ignore', '?fieldValidation=Ignore', []],
  ])('%s drops it, with the warnings %j', async (name, query, expected) => {
    const res = await rawRequest(api, 'POST', `${CLUSTERS}${query}`, {
      body: cluster(`w-${name.length}`, { size: '1Gi', bogus: 1 }),
    });
    expect(res.code).toBe(201);
    expect(warnings(res)).toEqual(expected);
    expect((res.json().spec as { storage: object }).storage).toEqual({ size: '1Gi' });
  });

  test('a Strict merge patch fails on the patched object; apply refuses whatever the parameter', async () => {
    await rawRequest(api, 'POST', CLUSTERS, { body: cluster('patched', { size: '1Gi' }) });
    const patch = await rawRequest(api, 'PATCH', `${CLUSTERS}/patched?fieldValidation=Strict`, {
      body: JSON.stringify({ spec: { foo: 1 } }),
      contentType: 'application/merge-patch+json',
    });
    expect(patch.code).toBe(422);
    expect(patch.json().message).toMatch(
      /^ "" is invalid: patch: Invalid value: ".*": strict decoding error: unknown field "spec.foo"$/,
    );
    const apply = await rawRequest(
      api,
      'PATCH',
      `${CLUSTERS}/patched?fieldManager=t&fieldValidation=Ignore`,
      {
        body: cluster('patched', { size: '1Gi', foo: 1 }),
        contentType: 'application/apply-patch+yaml',
      },
    );
    expect(apply.code).toBe(500);
    expect(apply.json().message).toBe(
      'failed to create typed patch object (/patched; postgresql.cnpg.io/v1, Kind=Cluster): .spec.storage.foo: field not declared in schema',
    );
    const smp = await rawRequest(api, 'PATCH', `${CLUSTERS}/patched`, {
      body: '{}',
      contentType: 'application/strategic-merge-patch+json',
    });
    expect(smp.code).toBe(415);
  });
});

describe('strategic merge patch of built-in kinds', () => {
  const SVC = '/api/v1/namespaces/default/services';
  const patch = (body: unknown) =>
    rawRequest(api, 'PATCH', `${SVC}/web`, {
      body: JSON.stringify(body),
      contentType: 'application/strategic-merge-patch+json',
    });
  test('merges lists by key, honours $setElementOrder, $patch: delete and $retainKeys', async () => {
    await rawRequest(api, 'POST', SVC, {
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', finalizers: ['a'] },
        spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }], selector: { app: 'web' } },
      }),
    });
    const first = await patch({
      metadata: { finalizers: ['b'] },
      spec: {
        '$setElementOrder/ports': [{ port: 443 }, { port: 80 }, { port: 8443 }],
        ports: [{ port: 80, targetPort: 9090 }, { port: 8443 }],
      },
    });
    expect(first.code).toBe(200);
    const spec = first.json().spec as { ports: unknown[] };
    const tcp = (port: number, targetPort = port) => ({ port, targetPort, protocol: 'TCP' });
    expect(spec.ports).toEqual([tcp(443), tcp(80, 9090), tcp(8443)]);
    expect((first.json().metadata as { finalizers: string[] }).finalizers).toEqual(['a', 'b']);
    const second = await patch({
      spec: { ports: [{ port: 443, $patch: 'delete' }], $retainKeys: ['ports'] },
    });
    // $retainKeys dropped the selector; the API server's defaults put type and affinity back.
    expect(second.json().spec).toEqual({
      ports: [tcp(80, 9090), tcp(8443)],
      type: 'ClusterIP',
      sessionAffinity: 'None',
    });
  });
});

describe('Tables for kubectl get', () => {
  const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
  test.each([
    [0, '0s'],
    [119_000, '119s'],
    [125_000, '2m5s'],
    [600_000, '10m'],
    [3 * 3600_000 + 60_000, '3h1m'],
    [30 * 3600_000, '30h'],
    [50 * 3600_000, '2d2h'],
    [400 * 86400_000, '400d'],
    [3 * 365 * 86400_000 + 86400_000, '3y1d'],
  ])('an age of %d ms prints as %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  test("custom resources: Name and the CRD's printer columns, dates as ages", async () => {
    const list = await rawRequest(api, 'GET', CLUSTERS, { accept: TABLE });
    expect(list.headers['content-type']).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    const table = list.json() as {
      columnDefinitions: { name: string; type: string }[];
      rows: { cells: unknown[]; object: { kind: string; metadata: { name: string } } }[];
    };
    expect(table.columnDefinitions.map((c) => c.name)).toEqual([
      'Name',
      'Age',
      'Instances',
      'Ready',
      'Status',
      'Primary',
    ]);
    const row = table.rows.find((r) => r.cells[0] === 'patched');
    expect(row?.cells).toEqual([
      'patched',
      expect.stringMatching(/^\d+s$/),
      null,
      null,
      null,
      null,
    ]);
    expect(row?.object.kind).toBe('PartialObjectMetadata');
  });

  test('pods: the pod printer columns; kinds without a printer answer the plain list', async () => {
    await rawRequest(api, 'POST', '/api/v1/namespaces/default/pods', {
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'c' }], nodeName: 'n1' },
        status: {
          phase: 'Running',
          podIP: '10.0.0.1',
          containerStatuses: [
            {
              name: 'c',
              ready: false,
              restartCount: 2,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
            },
          ],
        },
      }),
    });
    const pod = await rawRequest(api, 'GET', '/api/v1/namespaces/default/pods/p', {
      accept: TABLE,
    });
    const table = pod.json() as {
      columnDefinitions: { name: string; priority: number }[];
      rows: { cells: unknown[] }[];
    };
    expect(table.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
    ]);
    expect(table.rows[0]?.cells).toEqual([
      'p',
      '0/1',
      'CrashLoopBackOff',
      '2',
      expect.any(String),
      '10.0.0.1',
      'n1',
      '<none>',
      '<none>',
    ]);
    const secrets = await rawRequest(api, 'GET', '/api/v1/namespaces/default/secrets', {
      accept: TABLE,
    });
    expect(secrets.json().kind).toBe('SecretList');
  });
});
