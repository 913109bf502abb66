// The built teardown action, run as a runner runs it, against the sandbox and its cloud: a
// cluster that the built deploy made for a pull request (its own namespace, a Pooler, a
// LoadBalancer Service, a PodMonitor, a daily schedule, Blob backups with workload identity and
// a federated credential) plus a leftover restore-verify Cluster go entirely, with the backup
// data (counted against Azurite's own listing); nothing labelled by pgha is left; a second run
// deletes nothing; a Cluster that pgha did not create is refused (and deleted with force); no
// secret is printed.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writesDuring as writesDuringOn } from '../../sandbox/admin.ts';
import { DEFAULT_WORKFLOW } from '../../sandbox/cloud/github-oidc.ts';
import type { Cloud } from '../../sandbox/cloud/index.ts';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import type { KubeObject, ResourceRef } from '../../sandbox/kube/types.ts';
import { runStep, type StepResult } from '../helpers/action-runner.ts';
import { ONE_SMALL_INSTANCE } from '../helpers/deploy-inputs.ts';
import { waitFor } from '../sandbox/cnpg-harness.ts';

let sandbox: Sandbox;
let cloud: Cloud;
let dir: string;

const DEST = 'https://sandbox.blob.core.windows.net/backups';
const PR = { name: 'pg-pr-7', namespace: 'pr-7' };
const FOREIGN = { name: 'pg-hand', namespace: 'hand' };
const CLUSTERS: ResourceRef = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' };
const SECRETS: ResourceRef = { group: '', version: 'v1', plural: 'secrets' };
const NAMESPACES: ResourceRef = { group: '', version: 'v1', plural: 'namespaces' };
const PVCS: ResourceRef = { group: '', version: 'v1', plural: 'persistentvolumeclaims' };
const KINDS: ResourceRef[] = [
  CLUSTERS,
  { group: 'postgresql.cnpg.io', version: 'v1', plural: 'poolers' },
  { group: 'postgresql.cnpg.io', version: 'v1', plural: 'scheduledbackups' },
  { group: 'postgresql.cnpg.io', version: 'v1', plural: 'backups' },
  { group: 'barmancloud.cnpg.io', version: 'v1', plural: 'objectstores' },
  { group: 'monitoring.coreos.com', version: 'v1', plural: 'podmonitors' },
  { group: '', version: 'v1', plural: 'services' },
  SECRETS,
  NAMESPACES,
  { group: '', version: 'v1', plural: 'pods' },
  PVCS,
];

/** A job on GitHub: OIDC environment, the cloud's CA trusted. */
function env(): Record<string, string> {
  return {
    ...cloud.env(sandbox.cloudCaPath ?? ''),
    KUBECONFIG: join(dir, 'no-such-kubeconfig'),
    GITHUB_REPOSITORY: DEFAULT_WORKFLOW.repository,
    GITHUB_RUN_ID: '7',
  };
}

function teardown(c: { name: string; namespace: string }, extra: Record<string, string> = {}) {
  return runStep(
    'actions/teardown',
    { ...cloud.inputs(), 'cluster-name': c.name, namespace: c.namespace, timeout: '90s', ...extra },
    env(),
  );
}

/** Every object in the store labelled app.kubernetes.io/managed-by: pgha, as kind/ns/name. */
function labelledByPgha(): string[] {
  return KINDS.flatMap((ref) =>
    sandbox.store
      .list(ref)
      .filter((o) => o.metadata.labels?.['app.kubernetes.io/managed-by'] === 'pgha')
      .map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`),
  );
}

function inNamespace(namespace: string): string[] {
  return KINDS.flatMap((ref) =>
    sandbox.store.list(ref, namespace).map((o) => `${o.kind}/${o.metadata.name}`),
  );
}

async function blobs(prefix: string): Promise<{ name: string; size: number }[]> {
  const os = sandbox.objectStore;
  const account = os?.accounts.get('sandbox');
  if (!os || !account) throw new Error('the sandbox has no object store');
  const out: { name: string; size: number }[] = [];
  const container = os.client(account).getContainerClient('backups');
  for await (const b of container.listBlobsFlat({ prefix }))
    out.push({ name: b.name, size: b.properties.contentLength ?? 0 });
  return out;
}

/** A JWT anywhere in a text: three base64url parts, the first a JSON header. */
const JWT = /eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/;

function everythingPrinted(step: StepResult): string {
  return [step.stdout, step.stderr, step.summary, JSON.stringify(step.outputs)].join('\n');
}

beforeAll(async () => {
  dir = await mkdtemp('/tmp/pgha-teardown-');
  await chmod(dir, 0o711);
  sandbox = await startSandbox({ dir, timings: { backupRetryMs: 2000 } });
  if (!sandbox.cloud) throw new Error('the sandbox started without its cloud');
  cloud = sandbox.cloud;
  const deployed = await runStep(
    'actions/deploy',
    {
      ...cloud.inputs(),
      'cluster-name': PR.name,
      namespace: PR.namespace,
      ...ONE_SMALL_INSTANCE,
      pooler: 'rw',
      expose: 'rw',
      'allowed-source-ranges': '203.0.113.7/32',
      monitoring: 'podmonitor',
      'backup-destination': `${DEST}/pr`,
      'workload-identity-client-id': cloud.identity.app.clientId,
      'identity-name': cloud.identity.name,
      'backup-schedule': '0 0 0 * * *',
    },
    env(),
  );
  expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
  // A Cluster made by hand (no pgha label), and data of another cluster in the same container.
  sandbox.store.create(NAMESPACES, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: FOREIGN.namespace },
  });
  sandbox.store.create(CLUSTERS, {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: FOREIGN.name, namespace: FOREIGN.namespace },
    spec: { instances: 1, storage: { size: '1Gi' } },
  });
  const os = sandbox.objectStore;
  const account = os?.accounts.get('sandbox');
  if (!os || !account) throw new Error('no object store');
  await os
    .client(account)
    .getContainerClient('backups')
    .getBlockBlobClient('pr/pg-pr-70/keep.txt')
    .upload('x', 1);
  // restore-verify's throwaway Cluster, left behind by a crashed run.
  sandbox.store.create(CLUSTERS, {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: {
      name: `${PR.name}-verify-6`,
      namespace: PR.namespace,
      labels: {
        'app.kubernetes.io/managed-by': 'pgha',
        'pgha.io/cluster': PR.name,
        'pgha.io/role': 'restore-verify',
        'pgha.io/run-id': '6',
      },
    },
    spec: { instances: 1, storage: { size: '1Gi' } },
  });
  // The schedule's immediate backup has landed: there is data to delete.
  await waitFor(
    'the first scheduled Backup completed',
    () =>
      Promise.resolve(
        sandbox.store
          .list(KINDS[3] as ResourceRef, PR.namespace)
          .some((b) => (b.status as { phase?: string } | undefined)?.phase === 'completed'),
      ),
    60_000,
  );
}, 150_000);

afterAll(async () => {
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a Cluster pgha did not create', () => {
  test('is refused before anything is deleted, and named', async () => {
    let step: StepResult | undefined;
    const writes = await writesDuringOn(sandbox, async () => {
      step = await teardown(FOREIGN);
    });
    expect(step?.code).toBe(1);
    expect(step?.stdout).toContain(
      `Cluster ${FOREIGN.name} in namespace ${FOREIGN.namespace} was not created by pgha`,
    );
    expect(step?.stdout).toContain('force: true');
    expect(writes).toEqual([]);
    expect(sandbox.store.get(CLUSTERS, FOREIGN.namespace, FOREIGN.name)).toBeDefined();
  });

  test('its backups are never deleted, even with force', async () => {
    const step = await teardown(FOREIGN, { force: 'true', 'delete-backups': 'true' });
    expect(step.code).toBe(1);
    expect(step.stdout).toContain("input 'delete-backups'");
    expect(sandbox.store.get(CLUSTERS, FOREIGN.namespace, FOREIGN.name)).toBeDefined();
  });
});

describe('the ephemeral cluster of a pull request', () => {
  let step: StepResult;
  let before: { name: string; size: number }[];
  let password: string;
  const gone: { what: string; at: number }[] = [];

  test('goes entirely: every object deploy made, the leftover throwaway Cluster, the data and the credential', async () => {
    before = await blobs(`pr/${PR.name}/`);
    expect(before.length).toBeGreaterThan(0);
    const secret = sandbox.store.get(SECRETS, PR.namespace, 'db-user-pass') as KubeObject & {
      data?: Record<string, string>;
    };
    password = Buffer.from(secret.data?.password ?? '', 'base64').toString('utf8');
    expect(password.length).toBeGreaterThan(8);
    expect(cloud.identity.app.federatedCredentials.map((c) => c.name)).toContain(
      `pgha-${PR.namespace}_${PR.name}`,
    );

    // The sandbox's own record of when the Cluster and its claims went.
    const stop = [CLUSTERS, PVCS].map((ref) =>
      sandbox.store.watch(ref, (type, o) => {
        if (type === 'DELETED' && o.metadata.namespace === PR.namespace)
          gone.push({ what: `${o.kind}/${o.metadata.name}`, at: Date.now() });
      }),
    );
    try {
      step = await teardown(PR, {
        'delete-backups': 'true',
        'sweep-older-than': '1s',
        'identity-name': cloud.identity.name,
        'blob-endpoint': `${cloud.settings.blobEndpoint ?? ''}/sandbox`,
      });
    } finally {
      for (const unwatch of stop) unwatch();
    }
    expect(step.code, step.stdout + step.stderr).toBe(0);
    const deleted = (step.outputs.deleted ?? '').split('\n');
    expect(deleted).toEqual(
      expect.arrayContaining([
        `ScheduledBackup/${PR.name}-scheduled`,
        `Pooler/${PR.name}-pooler-rw`,
        `Service/${PR.name}-rw-lb`,
        `PodMonitor/${PR.name}`,
        `Cluster/${PR.name}`,
        `Cluster/${PR.name}-verify-6`,
        `ObjectStore/${PR.name}-backup-store`,
        'Secret/db-user-pass',
        `Namespace/${PR.namespace}`,
        `FederatedIdentityCredential/pgha-${PR.namespace}_${PR.name}`,
      ]),
    );
    // The schedule's Backups (backupOwnerReference: self) went with the ScheduledBackup.
    expect(sandbox.store.list(KINDS[3] as ResourceRef, PR.namespace)).toEqual([]);
    expect(labelledByPgha()).toEqual([]);
    expect(inNamespace(PR.namespace)).toEqual([]);
    expect(sandbox.store.get(NAMESPACES, undefined, PR.namespace)).toBeUndefined();
    expect(cloud.identity.app.federatedCredentials.map((c) => c.name)).not.toContain(
      `pgha-${PR.namespace}_${PR.name}`,
    );
  });

  test('the backup data is gone, counted as Azurite listed it, and only that prefix', async () => {
    expect(await blobs(`pr/${PR.name}/`)).toEqual([]);
    expect((await blobs('pr/pg-pr-70/')).map((b) => b.name)).toEqual(['pr/pg-pr-70/keep.txt']);
    // Files archived between the listing above and the deletion are counted too: at least as many.
    expect(Number(step.outputs['deleted-backup-files'])).toBeGreaterThanOrEqual(before.length);
    const bytes = before.reduce((n, b) => n + b.size, 0);
    expect(Number(step.outputs['deleted-backup-bytes'])).toBeGreaterThanOrEqual(bytes);
  });

  test('the summary lists each deletion with its time, the data and the credential', () => {
    const s = step.summary;
    expect(s).toContain(`## pgha teardown: ${PR.name} in <code>${PR.namespace}</code>`);
    expect(s).toMatch(
      /✅ Deleted \d+ object\(s\), 1 federated credential\(s\), and \d+ backup files/,
    );
    expect(s).toMatch(
      new RegExp(
        `<td>Cluster/${PR.name}</td><td>${PR.namespace}</td><td>gone</td><td>\\d+\\.\\d s</td><td>[^<]*pod/${PR.name}-1`,
      ),
    );
    expect(s).toContain('```mermaid\ngantt');
    expect(s).toContain(`${DEST}/pr/${PR.name}/`);
    expect(Number(step.outputs['teardown-seconds'])).toBeGreaterThan(0);
  });

  test("the Cluster's deletion time in the summary matches the sandbox's record of it", () => {
    // The gantt's bar for the Cluster: from its DELETE request until its PVCs were gone.
    const bar = new RegExp(`Cluster/${PR.name} :d\\d+, (\\d+), (\\d+)`).exec(step.summary);
    const [start, end] = [Number(bar?.[1]), Number(bar?.[2])];
    const cluster = gone.find((g) => g.what === `Cluster/${PR.name}`)?.at ?? NaN;
    const claims = gone.filter((g) =>
      new RegExp(`^PersistentVolumeClaim/${PR.name}-\\d+$`).test(g.what),
    );
    expect(claims.length).toBeGreaterThan(0);
    const lastClaim = Math.max(...claims.map((g) => g.at));
    // The Cluster object went after the request, and the reported end is after the last claim
    // went, by no more than a few polls (250 ms each) and the step's own requests.
    console.log(
      `Cluster deletion: reported ${end - start} ms; the sandbox removed the last claim ${lastClaim - start} ms after the request`,
    );
    expect(cluster).toBeGreaterThanOrEqual(start);
    expect(end).toBeGreaterThanOrEqual(lastClaim);
    expect(end - lastClaim).toBeLessThan(1500);
  });

  test('masks every token, and prints no token or password anywhere else', () => {
    const lines = everythingPrinted(step).split('\n');
    const masked = lines.filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice(12));
    const printed = lines.filter((l) => !l.startsWith('::add-mask::')).join('\n');
    const audiences = masked
      .filter((m) => JWT.test(m))
      .map(
        (m) =>
          (
            JSON.parse(Buffer.from(m.split('.')[1] ?? '', 'base64url').toString()) as {
              aud?: string;
            }
          ).aud,
      );
    // The Blob token of the workflow's login is masked like the ARM and AKS ones.
    expect(audiences).toEqual(
      expect.arrayContaining(['https://storage.azure.com', cloud.settings.armEndpoint]),
    );
    expect(printed).not.toMatch(JWT);
    expect(printed).not.toContain(password);
  });

  test('a second run deletes nothing and says so', async () => {
    let again: StepResult | undefined;
    const writes = await writesDuringOn(sandbox, async () => {
      again = await teardown(PR, {
        'delete-backups': 'true',
        'identity-name': cloud.identity.name,
        'blob-endpoint': `${cloud.settings.blobEndpoint ?? ''}/sandbox`,
      });
    });
    expect(again?.code, again?.stdout).toBe(0);
    expect(again?.outputs.deleted ?? '').toBe('');
    expect(again?.summary).toContain('Nothing to delete');
    expect(writes).toEqual([]);
  });
});

test('force: true deletes a Cluster pgha did not create, and waits until its pods are gone', async () => {
  const step = await teardown(FOREIGN, { force: 'true' });
  expect(step.code, step.stdout + step.stderr).toBe(0);
  expect(step.outputs.deleted).toBe(`Cluster/${FOREIGN.name}`);
  expect(step.summary).toContain('deleted because of `force: true`');
  expect(inNamespace(FOREIGN.namespace).filter((o) => !o.startsWith('Namespace/'))).toEqual([]);
  // Not pgha's namespace: it stays.
  expect(sandbox.store.get(NAMESPACES, undefined, FOREIGN.namespace)).toBeDefined();
});
