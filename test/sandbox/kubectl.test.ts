// The sandbox as a new user meets it: the real kubectl (skipped when not on PATH) and
// client-node run create namespace, create secret generic, apply of a Cluster with default
// validation, an apply with an unknown field, explain, get (Tables), exec and delete pod.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clusterRef, startHarness, waitFor, type Harness } from './cnpg-harness.ts';
import { findKubectl, runKubectl } from './kubectl-runner.ts';

const NS = 'kubectl';
let h: Harness;
let tmp: string;

const kubectlPath = await findKubectl();
if (!kubectlPath) console.warn('kubectl is not on PATH: the real-kubectl tests are skipped');
const kubectl = (...args: string[]) => runKubectl(h.sandbox.kubeconfigPath, tmp, args);

const cluster = (name: string, storage: Record<string, unknown>) => ({
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Cluster',
  metadata: { name, namespace: NS },
  spec: { instances: 1, storage },
});

async function manifest(name: string, obj: object): Promise<string> {
  const file = join(tmp, `${name}.yaml`);
  await writeFile(file, dump(obj));
  return file;
}

beforeAll(async () => {
  tmp = await mkdtemp('/tmp/pgha-kubectl-');
  h = await startHarness(NS, { cloud: false, objectStore: false });
  await h.custom.createNamespacedCustomObject({
    ...clusterRef(NS),
    body: cluster('pg', { size: '1Gi' }),
  });
  await h.waitHealthy('pg', 1);
});

afterAll(async () => {
  await h.close();
  await rm(tmp, { recursive: true, force: true });
});

describe.skipIf(!kubectlPath)('the real kubectl', () => {
  test('create namespace and create secret generic (protobuf bodies)', async () => {
    expect(await kubectl('create', 'namespace', 'kx')).toMatchObject({
      code: 0,
      stdout: 'namespace/kx created\n',
    });
    const created = await kubectl(
      'create',
      'secret',
      'generic',
      'creds',
      '-n',
      'kx',
      '--from-literal=password=pw',
    );
    expect(created.stdout).toBe('secret/creds created\n');
    const secret = await h.core.readNamespacedSecret({ name: 'creds', namespace: 'kx' });
    expect(Buffer.from(secret.data?.password ?? '', 'base64').toString()).toBe('pw');
    expect(secret.type).toBe('Opaque');
    expect((await h.core.readNamespace({ name: 'kx' })).status?.phase).toBe('Active');
  });

  test('apply -f of a Cluster with default validation; an unknown field is refused', async () => {
    // Its bootstrap waits for a Secret that never comes, so no server starts for it.
    const applied = {
      ...cluster('applied', { size: '1Gi' }),
      spec: {
        instances: 1,
        storage: { size: '1Gi' },
        bootstrap: { initdb: { database: 'app', owner: 'app', secret: { name: 'later' } } },
      },
    };
    const good = await manifest('good', applied);
    expect(await kubectl('apply', '-f', good)).toMatchObject({
      code: 0,
      stdout: 'cluster.postgresql.cnpg.io/applied created\n',
    });
    const again = await kubectl(
      'apply',
      '-f',
      await manifest('good', { ...applied, spec: { ...applied.spec, description: 'x' } }),
    );
    expect(again.stdout).toBe('cluster.postgresql.cnpg.io/applied configured\n');
    const bad = await manifest('bad', cluster('bad', { size: '1Gi', bogus: 1 }));
    const refused = await kubectl('apply', '-f', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `Error from server (BadRequest): error when creating "${bad}": Cluster in version "v1" cannot be handled as a Cluster: strict decoding error: unknown field "spec.storage.bogus"\n`,
    );
    expect((await kubectl('get', 'cluster', 'bad', '-n', NS)).code).toBe(1);
    expect((await kubectl('delete', '-f', good)).code).toBe(0);
  });

  test('explain cluster.spec.backup', async () => {
    const ran = await kubectl('explain', 'cluster.spec.backup');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(
      /^GROUP: +postgresql\.cnpg\.io\nKIND: +Cluster\nVERSION: +v1\n\nFIELD: backup <Object>/,
    );
    expect(ran.stdout).toContain('The configuration to be used for backups');
    expect(ran.stdout).toContain('barmanObjectStore\t<Object>');
  });

  test('exec psql in the postgres container, with the exit code of a failing SQL', async () => {
    const ok = await kubectl(
      'exec',
      '-n',
      NS,
      'pg-1',
      '-c',
      'postgres',
      '--',
      'psql',
      '-X',
      '-A',
      '-t',
      '-q',
      '-c',
      'select current_user',
    );
    expect(ok).toMatchObject({ code: 0, stdout: 'postgres\n' });
    const bad = await kubectl(
      'exec',
      '-n',
      NS,
      'pg-1',
      '-c',
      'postgres',
      '--',
      'psql',
      '-X',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      'select nope',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('command terminated with exit code 1');
    const missing = await kubectl('exec', '-n', NS, 'pg-9', '--', 'true');
    expect(missing.stderr).toBe('Error from server (NotFound): pods "pg-9" not found\n');
  });

  test('get shows the columns a cluster shows (Tables)', async () => {
    const clusters = await kubectl('get', 'cluster', 'pg', '-n', NS);
    expect(clusters.stdout).toMatch(
      /^NAME +AGE +INSTANCES +READY +STATUS +PRIMARY\npg +\d+[smh]\S* +1 +1 +Cluster in healthy state +pg-1\n$/,
    );
    const pods = await kubectl('get', 'pods', '-n', NS);
    expect(pods.stdout).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\npg-1 +1\/1 +Running +0 +\S+\n$/,
    );
  });

  test('delete pod', async () => {
    const uid = (await h.core.readNamespacedPod({ name: 'pg-1', namespace: NS })).metadata?.uid;
    expect(await kubectl('delete', 'pod', 'pg-1', '-n', NS, '--wait=false')).toMatchObject({
      code: 0,
      stdout: 'pod "pg-1" deleted\n',
    });
    await waitFor('pg-1 gone or replaced', async () => {
      const pod = await h.core
        .readNamespacedPod({ name: 'pg-1', namespace: NS })
        .catch(() => undefined);
      return pod?.metadata?.uid !== uid;
    });
  });
});

describe('client-node', () => {
  test('create a namespace and a secret', async () => {
    await h.core.createNamespace({ body: { metadata: { name: 'kn' } } });
    await h.core.createNamespacedSecret({
      namespace: 'kn',
      body: { metadata: { name: 'creds' }, stringData: { password: 'pw' } },
    });
    expect((await h.core.readNamespace({ name: 'kn' })).metadata?.name).toBe('kn');
    const secret = await h.core.readNamespacedSecret({ name: 'creds', namespace: 'kn' });
    expect(secret.type).toBe('Opaque');
    expect(Buffer.from(secret.data?.password ?? '', 'base64').toString()).toBe('pw');
  });

  test('create a Cluster with fieldValidation=Strict; an unknown field is refused', async () => {
    const create = (body: object) =>
      h.custom.createNamespacedCustomObject({
        ...clusterRef('kn'),
        body,
        fieldValidation: 'Strict',
      });
    await create({ ...cluster('strict', { size: '1Gi' }), metadata: { name: 'strict' } });
    const refused = await create({
      ...cluster('bad', { size: '1Gi', bogus: 1 }),
      metadata: { name: 'bad' },
    }).then(
      () => undefined,
      (e: unknown) => e as { code?: number; body?: unknown },
    );
    expect(refused?.code).toBe(400);
    expect(String(refused?.body)).toContain(
      'strict decoding error: unknown field \\"spec.storage.bogus\\"',
    );
    await h.custom.deleteNamespacedCustomObject({ ...clusterRef('kn'), name: 'strict' });
  });

  test('the explain data: /openapi/v3 has the Cluster schema with spec.backup', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(h.sandbox.kubeconfigPath);
    const get = async (path: string) => {
      const opts: Record<string, unknown> = {};
      await kc.applyToHTTPSOptions(opts);
      return new Promise<Record<string, unknown>>((resolve, reject) => {
        request(new URL(path, h.sandbox.url), opts, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => {
            resolve(JSON.parse(text) as Record<string, unknown>);
          });
        })
          .on('error', reject)
          .end();
      });
    };
    const root = (await get('/openapi/v3')) as {
      paths: Record<string, { serverRelativeURL: string }>;
    };
    const doc = (await get(root.paths['apis/postgresql.cnpg.io/v1']?.serverRelativeURL ?? '')) as {
      components: {
        schemas: Record<string, { properties: { spec: { properties: Record<string, unknown> } } }>;
      };
    };
    expect(
      doc.components.schemas['io.cnpg.postgresql.v1.Cluster']?.properties.spec.properties,
    ).toHaveProperty('backup');
  });

  test('exec and delete pod', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(h.sandbox.kubeconfigPath);
    const pod = await waitFor(
      'a running pg-1',
      async () => {
        const p = await h.core.readNamespacedPod({ name: 'pg-1', namespace: NS });
        const ready = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
        return !p.metadata?.deletionTimestamp && ready && p;
      },
      60_000,
    );
    let out = '';
    const ws = await new k8s.Exec(kc).exec(
      NS,
      'pg-1',
      'postgres',
      ['psql', '-X', '-A', '-t', '-c', 'select 6 * 7'],
      new Writable({
        write(c: Buffer, _e, done) {
          out += c.toString();
          done();
        },
      }),
      null,
      null,
      false,
    );
    await new Promise((r) => ws.on('close', r));
    expect(out).toBe('42\n');
    await h.core.deleteNamespacedPod({ name: 'pg-1', namespace: NS });
    await waitFor('pg-1 gone or replaced', async () => {
      const p = await h.core
        .readNamespacedPod({ name: 'pg-1', namespace: NS })
        .catch(() => undefined);
      return p?.metadata?.uid !== pod.metadata?.uid;
    });
  });

  test('superuser access is off by default: no pg-superuser secret', async () => {
    const secrets = await h.core.listNamespacedSecret({ namespace: NS });
    expect(secrets.items.map((s) => s.metadata?.name)).not.toContain('pg-superuser');
    expect(secrets.items.map((s) => s.metadata?.name)).toContain('pg-app');
  });
});
