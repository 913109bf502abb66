// The sandbox's Kubernetes API server on its own (no CNPG controller), through
// @kubernetes/client-node and raw HTTPS: auth, discovery, server-side apply and its
// conflicts, patches, generation, status subresource, selectors, watch and resourceVersion,
// admission, garbage collection, faults and the write log.
import { request } from 'node:https';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Faults } from '../../sandbox/faults.ts';
import { loadCrds } from '../../sandbox/kube/crd-schema.ts';
import { startApiServer, type ApiServer } from '../../sandbox/kube/server.ts';
import { MemoryStore } from '../../sandbox/kube/store.ts';

const NS = 'team-a';
let api: ApiServer;
let faults: Faults;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;
let objects: k8s.KubernetesObjectApi;

interface Raw {
  code: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(
  method: string,
  path: string,
  options: { token?: string; body?: string; contentType?: string } = {},
): Promise<Raw> {
  const url = new URL(path, api.url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: api.caPem,
        headers: {
          authorization: `Bearer ${options.token ?? api.token}`,
          ...(options.body ? { 'content-type': options.contentType ?? 'application/json' } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({
            code: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function configMap(name: string, data: Record<string, string>, labels?: Record<string, string>) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: NS, ...(labels ? { labels } : {}) },
    data,
  };
}

const apply = (obj: k8s.KubernetesObject, manager: string, force = false) =>
  objects.patch(obj, undefined, undefined, manager, force, k8s.PatchStrategy.ServerSideApply);

async function statusOf(p: Promise<unknown>): Promise<{ code: number; body: string }> {
  try {
    await p;
    return { code: 0, body: '' };
  } catch (e) {
    const err = e as { code?: number; body?: unknown };
    return {
      code: err.code ?? -1,
      body: typeof err.body === 'string' ? err.body : JSON.stringify(err.body),
    };
  }
}

beforeAll(async () => {
  faults = new Faults();
  api = await startApiServer({ store: new MemoryStore(), faults, crds: loadCrds() });
  kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 's', server: api.url, caData: Buffer.from(api.caPem).toString('base64') }],
    users: [{ name: 's', token: api.token }],
    contexts: [{ name: 's', cluster: 's', user: 's' }],
    currentContext: 's',
  });
  core = kc.makeApiClient(k8s.CoreV1Api);
  objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  await core.createNamespace({ body: { metadata: { name: NS } } });
});

afterAll(async () => {
  await api.close();
});

describe('authentication and discovery', () => {
  it('refuses a request without the bearer token', async () => {
    const res = await raw('GET', '/api/v1/namespaces', { token: 'wrong' });
    expect(res.code).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
  });

  it('serves version, group lists and resource lists with the CNPG kinds', async () => {
    const version = await kc.makeApiClient(k8s.VersionApi).getCode();
    expect(version.major).toBe('1');
    const groups = JSON.parse((await raw('GET', '/apis')).body) as {
      groups: { name: string }[];
    };
    expect(groups.groups.map((g) => g.name)).toEqual(
      expect.arrayContaining([
        'postgresql.cnpg.io',
        'barmancloud.cnpg.io',
        'monitoring.coreos.com',
        'azmonitoring.coreos.com',
      ]),
    );
    const cnpg = JSON.parse((await raw('GET', '/apis/postgresql.cnpg.io/v1')).body) as {
      resources: { name: string; kind: string; namespaced: boolean }[];
    };
    expect(cnpg.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'clusters', kind: 'Cluster', namespaced: true }),
        expect.objectContaining({ name: 'clusters/status' }),
        expect.objectContaining({ name: 'scheduledbackups', kind: 'ScheduledBackup' }),
      ]),
    );
    const v1 = JSON.parse((await raw('GET', '/api/v1')).body) as { resources: { name: string }[] };
    expect(v1.resources.map((r) => r.name)).toEqual(
      expect.arrayContaining(['pods', 'pods/portforward', 'secrets', 'events', 'namespaces']),
    );
  });
});

describe('server-side apply', () => {
  it('creates, leaves an identical apply unchanged and reports conflicts by field and manager', async () => {
    const first = await apply(configMap('settings', { a: '1', b: '2' }), 'pgha');
    const again = await apply(configMap('settings', { a: '1', b: '2' }), 'pgha');
    expect(again.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    expect(again.metadata?.managedFields?.map((m) => m.manager)).toEqual(['pgha']);

    const conflict = await statusOf(apply(configMap('settings', { a: 'other' }), 'someone-else'));
    expect(conflict.code).toBe(409);
    expect(conflict.body).toContain('.data.a');
    expect(conflict.body).toContain('pgha');

    const forced = await apply(configMap('settings', { a: 'other' }), 'someone-else', true);
    expect((forced as { data?: Record<string, string> }).data).toEqual({ a: 'other', b: '2' });
    expect(forced.metadata?.managedFields?.map((m) => m.manager).sort()).toEqual([
      'pgha',
      'someone-else',
    ]);
  });

  it('keeps keys that hold dots flat (parameters, annotations)', async () => {
    const applied = await apply(
      {
        ...configMap('dotted', { 'pg_stat_statements.max': '10000' }),
        metadata: { name: 'dotted', namespace: NS, annotations: { 'pgha.io/run': 'r1' } },
      },
      'pgha',
    );
    expect((applied as { data?: Record<string, string> }).data).toEqual({
      'pg_stat_statements.max': '10000',
    });
    expect(applied.metadata?.annotations).toEqual({ 'pgha.io/run': 'r1' });
  });

  it('removes a field its manager no longer applies', async () => {
    await apply(configMap('shrink', { keep: '1', drop: '2' }), 'pgha');
    const after = await apply(configMap('shrink', { keep: '1' }), 'pgha');
    expect((after as { data?: Record<string, string> }).data).toEqual({ keep: '1' });
  });

  it('requires a field manager', async () => {
    const res = await raw('PATCH', `/api/v1/namespaces/${NS}/configmaps/x`, {
      body: JSON.stringify(configMap('x', {})),
      contentType: 'application/apply-patch+yaml',
    });
    expect(res.code).toBe(400);
  });

  it('answers a dry run without storing anything', async () => {
    const res = await raw(
      'PATCH',
      `/api/v1/namespaces/${NS}/configmaps/dry?fieldManager=pgha&dryRun=All`,
      {
        body: JSON.stringify(configMap('dry', { a: '1' })),
        contentType: 'application/apply-patch+yaml',
      },
    );
    expect(res.code).toBe(201);
    expect(
      (await statusOf(core.readNamespacedConfigMap({ name: 'dry', namespace: NS }))).code,
    ).toBe(404);
  });
});

describe('patches, generation and the status subresource', () => {
  const cluster = {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'pg', namespace: NS },
    spec: { instances: 1, storage: { size: '1Gi' } },
  };
  const path = `/apis/postgresql.cnpg.io/v1/namespaces/${NS}/clusters/pg`;

  it('bumps generation on spec changes only, and keeps status out of main writes', async () => {
    const created = await apply(cluster, 'pgha');
    expect(created.metadata?.generation).toBe(1);
    const merged = await raw('PATCH', path, {
      body: JSON.stringify({ spec: { instances: 2 }, status: { phase: 'forged' } }),
      contentType: 'application/merge-patch+json',
    });
    const m = JSON.parse(merged.body) as { metadata: { generation: number }; status?: unknown };
    expect(merged.code).toBe(200);
    expect(m.metadata.generation).toBe(2);
    expect(m.status).toBeUndefined();

    const status = await raw('PATCH', `${path}/status`, {
      body: JSON.stringify({ status: { targetPrimary: 'pg-2' }, spec: { instances: 9 } }),
      contentType: 'application/merge-patch+json',
    });
    const s = JSON.parse(status.body) as {
      metadata: { generation: number };
      spec: { instances: number };
      status: { targetPrimary: string };
    };
    expect(s.status.targetPrimary).toBe('pg-2');
    expect(s.spec.instances).toBe(2);
    expect(s.metadata.generation).toBe(2);
  });

  it('applies a JSON patch and fails its test op with 422', async () => {
    const ok = await raw('PATCH', path, {
      body: JSON.stringify([{ op: 'replace', path: '/spec/instances', value: 3 }]),
      contentType: 'application/json-patch+json',
    });
    expect((JSON.parse(ok.body) as { spec: { instances: number } }).spec.instances).toBe(3);
    const bad = await raw('PATCH', path, {
      body: JSON.stringify([{ op: 'test', path: '/spec/instances', value: 5 }]),
      contentType: 'application/json-patch+json',
    });
    expect(bad.code).toBe(422);
  });

  it('refuses an update with a stale resourceVersion with 409', async () => {
    const live = await core.createNamespacedConfigMap({
      namespace: NS,
      body: { metadata: { name: 'cas' }, data: { v: '1' } },
    });
    await core.replaceNamespacedConfigMap({
      name: 'cas',
      namespace: NS,
      body: { metadata: live.metadata, data: { v: '2' } },
    });
    const stale = await statusOf(
      core.replaceNamespacedConfigMap({
        name: 'cas',
        namespace: NS,
        body: { metadata: live.metadata, data: { v: '3' } },
      }),
    );
    expect(stale.code).toBe(409);
  });

  it('refuses a Cluster that breaks the CRD schema with 422 naming the field', async () => {
    const res = await statusOf(
      apply(
        {
          ...cluster,
          metadata: { name: 'broken', namespace: NS },
          spec: { instances: 'three', storage: { size: '1Gi' } },
        } as k8s.KubernetesObject,
        'pgha',
      ),
    );
    expect(res.code).toBe(422);
    expect(res.body).toContain('spec.instances');
  });

  it('refuses an applied unknown field as structured-merge-diff does (500, typed patch)', async () => {
    const res = await statusOf(
      apply(
        {
          ...cluster,
          metadata: { name: 'broken', namespace: NS },
          spec: { instances: 'three', storage: { size: '1Gi' }, notAField: true },
        } as k8s.KubernetesObject,
        'pgha',
      ),
    );
    expect(res.code).toBe(500);
    expect(res.body).toContain(
      'failed to create typed patch object (team-a/broken; postgresql.cnpg.io/v1, Kind=Cluster): ' +
        '.spec.notAField: field not declared in schema',
    );
  });
});

describe('list, selectors and watch', () => {
  beforeAll(async () => {
    await apply(configMap('web-1', {}, { app: 'web', tier: 'front' }), 'pgha');
    await apply(configMap('web-2', {}, { app: 'web', tier: 'back' }), 'pgha');
    await apply(configMap('db-1', {}, { app: 'db' }), 'pgha');
  });

  it('filters by label and field selectors', async () => {
    const names = async (labelSelector?: string, fieldSelector?: string) =>
      (
        await core.listNamespacedConfigMap({
          namespace: NS,
          ...(labelSelector ? { labelSelector } : {}),
          ...(fieldSelector ? { fieldSelector } : {}),
        })
      ).items
        .map((c) => c.metadata?.name)
        .sort();
    expect(await names('app=web')).toEqual(['web-1', 'web-2']);
    expect(await names('app in (web,db),tier!=back')).toEqual(['db-1', 'web-1']);
    expect(await names('tier')).toEqual(['web-1', 'web-2']);
    expect(await names('!tier,app')).toEqual(['db-1']);
    expect(await names(undefined, 'metadata.name=web-2')).toEqual(['web-2']);
  });

  it('streams only the changes after the listed resourceVersion', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: NS, labelSelector: 'app=web' });
    const events: string[] = [];
    const watch = new k8s.Watch(kc);
    const req = await watch.watch(
      `/api/v1/namespaces/${NS}/configmaps`,
      { resourceVersion: list.metadata?.resourceVersion, labelSelector: 'app=web' },
      (type, obj: k8s.V1ConfigMap) => events.push(`${type} ${obj.metadata?.name ?? ''}`),
      () => undefined,
    );
    await apply(configMap('web-3', {}, { app: 'web' }), 'pgha');
    await apply(configMap('db-2', {}, { app: 'db' }), 'pgha');
    await core.deleteNamespacedConfigMap({ name: 'web-1', namespace: NS });
    await new Promise((r) => setTimeout(r, 200));
    req.abort();
    expect(events).toEqual(['ADDED web-3', 'DELETED web-1']);
  });

  it('answers a watch from a resourceVersion it no longer keeps with 410 Gone', async () => {
    const start = (await core.listNamespacedConfigMap({ namespace: NS })).metadata?.resourceVersion;
    for (let i = 0; i < 1005; i++) await apply(configMap('churn', { i: String(i) }), 'pgha');
    const res = await raw(
      'GET',
      `/api/v1/namespaces/${NS}/configmaps?watch=true&resourceVersion=${start ?? ''}`,
    );
    const event = JSON.parse(res.body.split('\n')[0] ?? '') as {
      type: string;
      object: { code: number; reason: string };
    };
    expect(event).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
  });
});

describe('deletion', () => {
  it('collects dependents whose owner is deleted', async () => {
    const owner = await core.createNamespacedConfigMap({
      namespace: NS,
      body: { metadata: { name: 'owner' } },
    });
    await core.createNamespacedConfigMap({
      namespace: NS,
      body: {
        metadata: {
          name: 'dependent',
          ownerReferences: [
            { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata?.uid ?? '' },
          ],
        },
      },
    });
    await core.deleteNamespacedConfigMap({ name: 'owner', namespace: NS });
    const gone = await statusOf(core.readNamespacedConfigMap({ name: 'dependent', namespace: NS }));
    expect(gone.code).toBe(404);
  });
});

describe('faults and the write log', () => {
  it('answers with injected 429s, then serves again', async () => {
    faults.set({ apiErrorRate: 1, apiErrorStatus: 429 });
    const res = await raw('GET', `/api/v1/namespaces/${NS}/configmaps`);
    faults.set({ apiErrorRate: 0 });
    expect(res.code).toBe(429);
    expect(res.headers['retry-after']).toBe('1');
    expect((await raw('GET', `/api/v1/namespaces/${NS}/configmaps`)).code).toBe(200);
  });

  it('can be changed over HTTP and drops watch connections', async () => {
    const put = await raw('PUT', '/sandbox/faults', {
      body: JSON.stringify({ dropWatchAfterMs: 100 }),
    });
    expect(JSON.parse(put.body)).toMatchObject({ dropWatchAfterMs: 100 });
    const started = Date.now();
    const ended = await new Promise<unknown>((resolve) => {
      void new k8s.Watch(kc).watch(
        `/api/v1/namespaces/${NS}/configmaps`,
        {},
        () => undefined,
        resolve,
      );
    });
    faults.set({ dropWatchAfterMs: 0 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ended).toBeDefined();
  });

  it('records every write with its path and user agent, and no read', async () => {
    await raw('DELETE', '/sandbox/writes');
    await core.listNamespacedConfigMap({ namespace: NS });
    await apply(configMap('logged', {}), 'pgha');
    const log = JSON.parse((await raw('GET', '/sandbox/writes')).body) as {
      method: string;
      path: string;
    }[];
    expect(log.map((w) => `${w.method} ${w.path}`)).toEqual([
      `PATCH /api/v1/namespaces/${NS}/configmaps/logged`,
    ]);
  });
});
