// The bare-metal path, through the built bundles as a runner runs them: a plain kubeconfig, no
// Azure input, backups in the sandbox's S3 service (s3rver behind a front that checks SigV4
// signatures as S3 does) with the keys of the Secret from objectstore.json. deploy refuses a
// missing credentials Secret before applying anything; a plugin cluster goes through deploy,
// backup, restore-verify and teardown with delete-backups; an in-core cluster whose Secret holds
// a wrong key is refused by the S3 service, and backup and teardown say so clearly (teardown
// before deleting anything); with the key fixed it backs up and restores, and teardown empties
// its prefix.
// The bucket is read with the service's own keys, as a second reader; no step prints a key.
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import type { ResourceRef } from '../../sandbox/kube/types.ts';
import { s3Bucket } from '../../sandbox/objectstore/s3-client.ts';
import { runStep, type StepResult } from '../helpers/action-runner.ts';
import { ONE_SMALL_INSTANCE } from '../helpers/deploy-inputs.ts';

const PLUG = { name: 'pg-s3', namespace: 's3-plug', path: 'chain' };
const CORE = { name: 'pg-s3core', namespace: 's3-core', path: 'chain-core' };
const CLUSTERS: ResourceRef = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' };
const BACKUPS: ResourceRef = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'backups' };

let sandbox: Sandbox;
let dir: string;
let core: k8s.CoreV1Api;
let s3: { endpoint: string; accessKeyId: string; secretAccessKey: string; secretManifest: string };
const WRONG_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYwrongKEY00';
const printed: StepResult[] = [];

const env = () => ({ KUBECONFIG: sandbox.kubeconfigPath, GITHUB_RUN_ID: '15' });

async function step(action: string, inputs: Record<string, string>): Promise<StepResult> {
  const result = await runStep(`actions/${action}`, inputs, env());
  printed.push(result);
  return result;
}

const text = (s: StepResult) => s.stdout + s.stderr;

function deploy(c: typeof PLUG, secret: string, extra: Record<string, string> = {}) {
  return step('deploy', {
    'cluster-name': c.name,
    namespace: c.namespace,
    ...ONE_SMALL_INSTANCE,
    monitoring: 'none',
    'backup-destination': `s3://backups/${c.path}`,
    'backup-endpoint-url': s3.endpoint,
    'backup-credentials': 's3-keys',
    'backup-credentials-secret': secret,
    'backup-schedule': 'none',
    ...extra,
  });
}

function backup(c: typeof PLUG, name: string, timeout = '40s') {
  return step('backup', {
    'cluster-name': c.name,
    namespace: c.namespace,
    'backup-name': name,
    timeout,
  });
}

function teardown(c: typeof PLUG) {
  return step('teardown', {
    'cluster-name': c.name,
    namespace: c.namespace,
    'delete-backups': 'true',
    timeout: '60s',
  });
}

/** The bucket as the S3 service's owner sees it: a reader independent of the actions. */
async function objects(prefix: string): Promise<string[]> {
  const bucket = s3Bucket({
    endpoint: s3.endpoint,
    region: sandbox.s3?.region ?? 'us-east-1',
    bucket: 'backups',
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  const keys: string[] = [];
  for await (const o of bucket.list(prefix)) keys.push(o.key);
  return keys;
}

/**
 * objectStore.json's secretManifest applied through the API as `kubectl apply -n NS -f -`
 * would, optionally with another secret key.
 */
async function applySecret(namespace: string, secretKey?: string): Promise<void> {
  const manifest = load(s3.secretManifest) as {
    apiVersion: string;
    kind: string;
    metadata: { name: string };
    stringData: Record<string, string>;
  };
  const name = manifest.metadata.name;
  const body: k8s.V1Secret = {
    apiVersion: manifest.apiVersion,
    kind: manifest.kind,
    metadata: { name, namespace },
    stringData: {
      ...manifest.stringData,
      ...(secretKey ? { ACCESS_SECRET_KEY: secretKey } : {}),
    },
  };
  const exists = await core.readNamespacedSecret({ name, namespace }).then(
    () => true,
    () => false,
  );
  if (exists) await core.replaceNamespacedSecret({ name, namespace, body });
  else await core.createNamespacedSecret({ namespace, body });
}

beforeAll(async () => {
  dir = await mkdtemp('/tmp/pgha-s3-');
  await chmod(dir, 0o711);
  // No Azure at all: no cloud stand-ins, no Azurite.
  sandbox = await startSandbox({
    dir,
    cloud: false,
    objectStore: false,
    timings: { backupRetryMs: 2000 },
  });
  const settings = JSON.parse(await readFile(join(dir, 'objectstore.json'), 'utf8')) as {
    s3: typeof s3;
  };
  s3 = settings.s3;
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(sandbox.kubeconfigPath);
  core = kc.makeApiClient(k8s.CoreV1Api);
  for (const c of [PLUG, CORE])
    await core.createNamespace({ body: { metadata: { name: c.namespace } } });
  await applySecret(PLUG.namespace);
  await applySecret(CORE.namespace, WRONG_SECRET);
}, 60_000);

afterAll(async () => {
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

test('deploy refuses a credentials Secret that does not exist or lacks a key, before applying anything', async () => {
  const refused = await deploy(PLUG, 'no-such-secret');
  expect(refused.code).toBe(1);
  expect(text(refused)).toContain(
    `input 'backup-credentials-secret': Secret no-such-secret does not exist in namespace ${PLUG.namespace}`,
  );
  expect(text(refused)).toContain('--from-literal=ACCESS_KEY_ID=');
  await core.createNamespacedSecret({
    namespace: PLUG.namespace,
    body: { metadata: { name: 'half-keys' }, stringData: { ACCESS_KEY_ID: s3.accessKeyId } },
  });
  const half = await deploy(PLUG, 'half-keys');
  expect(half.code).toBe(1);
  expect(text(half)).toContain(
    `Secret ${PLUG.namespace}/half-keys has no key ACCESS_SECRET_KEY, which backup-credentials: s3-keys reads`,
  );
  expect(sandbox.store.list(CLUSTERS, PLUG.namespace)).toEqual([]);
});

describe('deploy, backup, restore-verify and teardown on S3', () => {
  let backupId = '';

  test('deploy: a plugin cluster and an in-core cluster with a wrong key both come up', async () => {
    const steps = await Promise.all([
      deploy(PLUG, 's3-keys'),
      deploy(CORE, 's3-keys', { 'backup-method': 'barman-object-store' }),
    ]);
    for (const s of steps) expect(s.code, text(s)).toBe(0);
    const store = sandbox.store.get(
      { group: 'barmancloud.cnpg.io', version: 'v1', plural: 'objectstores' },
      PLUG.namespace,
      `${PLUG.name}-backup-store`,
    );
    expect(store?.spec?.configuration).toMatchObject({
      destinationPath: `s3://backups/${PLUG.path}`,
      endpointURL: s3.endpoint,
      s3Credentials: {
        accessKeyId: { name: 's3-keys', key: 'ACCESS_KEY_ID' },
        secretAccessKey: { name: 's3-keys', key: 'ACCESS_SECRET_KEY' },
      },
    });
  });

  test('backup proves WAL archiving to the bucket and takes a Backup that lands there', async () => {
    const s = await backup(PLUG, 's3-first');
    expect(s.code, text(s)).toBe(0);
    expect(s.outputs).toMatchObject({ method: 'plugin', phase: 'completed' });
    backupId = s.outputs['backup-id'] ?? '';
    const keys = await objects(`${PLUG.path}/${PLUG.name}/`);
    expect(keys).toContain(`${PLUG.path}/${PLUG.name}/base/${backupId}/backup.info`);
    // The backup's first segment; the ones before it went with the retention that follows a backup.
    const wal = s.outputs['begin-wal'] ?? '';
    expect(keys).toContain(`${PLUG.path}/${PLUG.name}/wals/${wal.slice(0, 16)}/${wal}.lz4`);
  });

  test('backup of the cluster with a wrong key fails, naming what the S3 service said', async () => {
    // Archiving never succeeds with that key: a short timeout, the failure is in the preflight.
    const s = await backup(CORE, 's3core-first', '6s');
    expect(s.code).toBe(1);
    // barman's first call is HeadBucket: S3 answers a HEAD with a bare 403, as botocore says.
    expect(text(s)).toContain('An error occurred (403) when calling the HeadBucket operation');
    expect(text(s)).toContain('ContinuousArchiving');
    expect(await objects(`${CORE.path}/`)).toEqual([]);
  });

  test('restore-verify restores the S3 backup into a throwaway Cluster and proves it', async () => {
    const s = await step('restore-verify', {
      'cluster-name': PLUG.name,
      namespace: PLUG.namespace,
      timeout: '90s',
    });
    expect(s.code, text(s)).toBe(0);
    expect(s.outputs['backup-id']).toBe(backupId);
    expect(s.outputs['checks-failed']).toBe('0');
  });

  test('teardown with a wrong key is refused before anything is deleted', async () => {
    const s = await teardown(CORE);
    expect(s.code).toBe(1);
    expect(text(s)).toMatch(/SignatureDoesNotMatch/);
    expect(text(s)).toContain('s3-keys');
    expect(sandbox.store.get(CLUSTERS, CORE.namespace, CORE.name)).toBeDefined();
  });

  test('with the key fixed, the in-core cluster archives and backs up to S3', async () => {
    await applySecret(CORE.namespace);
    const s = await backup(CORE, 's3core-second');
    expect(s.code, text(s)).toBe(0);
    expect(s.outputs).toMatchObject({ method: 'barman-object-store', phase: 'completed' });
    const backupObject = sandbox.store.get(BACKUPS, CORE.namespace, 's3core-second');
    expect(backupObject?.status).toMatchObject({
      destinationPath: `s3://backups/${CORE.path}`,
      endpointURL: s3.endpoint,
    });
    expect(await objects(`${CORE.path}/${CORE.name}/base/`)).toContain(
      `${CORE.path}/${CORE.name}/base/${s.outputs['backup-id'] ?? ''}/backup.info`,
    );
  });

  test('restore-verify restores the in-core S3 backup too', async () => {
    const s = await step('restore-verify', {
      'cluster-name': CORE.name,
      namespace: CORE.namespace,
      timeout: '90s',
    });
    expect(s.code, text(s)).toBe(0);
    expect(s.outputs['backup-name']).toBe('s3core-second');
    expect(s.outputs['checks-failed']).toBe('0');
  });

  test('teardown with delete-backups empties each cluster prefix of the bucket', async () => {
    const before = await Promise.all([PLUG, CORE].map((c) => objects(`${c.path}/${c.name}/`)));
    const steps = await Promise.all([teardown(PLUG), teardown(CORE)]);
    for (const [i, s] of steps.entries()) {
      expect(s.code, text(s)).toBe(0);
      // The last segments are archived while the pods shut down, after the listing above.
      expect(Number(s.outputs['deleted-backup-files'])).toBeGreaterThanOrEqual(
        before[i]?.length ?? 0,
      );
    }
    for (const c of [PLUG, CORE]) {
      expect(await objects(`${c.path}/${c.name}/`)).toEqual([]);
      expect(sandbox.store.list(CLUSTERS, c.namespace)).toEqual([]);
      expect(sandbox.store.list(BACKUPS, c.namespace)).toEqual([]);
    }
  });
});

test('no step printed a key: neither the S3 secret key nor the wrong one', () => {
  expect(printed.length).toBeGreaterThan(5);
  for (const s of printed) {
    // The runner takes ::add-mask:: commands and prints them to no one.
    const all = [s.stdout, s.stderr, s.summary, JSON.stringify(s.outputs)]
      .join('\n')
      .replace(/^::add-mask::.*$/gm, '');
    expect(all).not.toContain(s3.secretAccessKey);
    expect(all).not.toContain(WRONG_SECRET);
  }
});
