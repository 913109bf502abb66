// The built deploy action, run under Node 24 as a runner runs it, against the sandbox through
// a kubeconfig: a 3-instance cluster becomes healthy, a second run changes nothing and keeps
// the password, bad inputs write nothing, conflicts are reported, dry runs write nothing, and
// injected API faults are survived or end in diagnostics within the timeout.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  sandboxRequest as sandboxRequestTo,
  writesDuring as writesDuringOn,
} from '../../sandbox/admin.ts';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { runStep, type RunOptions, type StepResult } from '../helpers/action-runner.ts';

let sandbox: Sandbox;
let dir: string;

const SECRETS = { group: '', version: 'v1', plural: 'secrets' };
const CLUSTERS = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' };

/** Small instances: the guide's defaults would ask this 2-core machine for 6 cores. */
function inputs(name: string, namespace: string, extra: Record<string, string> = {}) {
  return {
    'cluster-name': name,
    namespace,
    instances: '3',
    'storage-size': '1Gi',
    cpu: '500m',
    memory: '512Mi',
    timeout: '90s',
    ...extra,
  };
}

function deploy(
  input: Record<string, string>,
  env: Record<string, string> = {},
  options: RunOptions = {},
) {
  return runStep(
    'actions/deploy',
    input,
    {
      KUBECONFIG: sandbox.kubeconfigPath,
      GITHUB_REPOSITORY: 'octo-org/pg-infra',
      GITHUB_SHA: '0123456789abcdef',
      GITHUB_RUN_ID: '42',
      ...env,
    },
    options,
  );
}

function passwordOf(namespace: string, secret = 'db-user-pass'): string {
  const s = sandbox.store.get(SECRETS, namespace, secret) as { data?: Record<string, string> };
  return Buffer.from(s.data?.password ?? '', 'base64').toString('utf8');
}

function everythingPrinted(step: StepResult): string {
  return [step.stdout, step.stderr, step.summary, JSON.stringify(step.outputs)].join('\n');
}

const sandboxRequest = (method: string, path: string, body?: unknown) =>
  sandboxRequestTo(sandbox, method, path, body);
const writesDuring = (fn: () => Promise<unknown>) => writesDuringOn(sandbox, fn);

beforeAll(async () => {
  dir = await mkdtemp('/tmp/pgha-e2e-');
  await chmod(dir, 0o711);
  sandbox = await startSandbox({ dir, cloud: false });
});

afterAll(async () => {
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('deploy through a kubeconfig', () => {
  let first: StepResult;
  let password: string;

  test('takes a namespace from nothing to a healthy 3-instance cluster', async () => {
    first = await deploy(inputs('pg-orders', 'shop'));
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.outputs).toMatchObject({
      'cluster-name': 'pg-orders',
      namespace: 'shop',
      primary: 'pg-orders-1',
      'rw-service': 'pg-orders-rw',
      'ro-service': 'pg-orders-ro',
      'app-secret': 'db-user-pass',
    });
    expect(Number(first.outputs['ready-seconds'])).toBeGreaterThan(0);
    const cluster = sandbox.store.get(CLUSTERS, 'shop', 'pg-orders') as {
      status?: { phase?: string; readyInstances?: number };
    };
    expect(cluster.status).toMatchObject({ phase: 'Cluster in healthy state', readyInstances: 3 });
    expect(first.stdout).toContain('phase: Setting up primary');
    expect(first.stdout).toMatch(/instance pg-orders-3 ready \(\d\/3\)/);
    expect(first.summary).toContain('is healthy');
    expect(first.summary).toMatch(/<td>Cluster<\/td><td>pg-orders<\/td><td>created<\/td>/);
    expect(first.summary).toContain('<td>pg-orders-2</td><td>replica</td>');
  });

  test('never prints, outputs or summarises the generated password, and masks it', () => {
    password = passwordOf('shop');
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(first.stdout).toContain(`::add-mask::${password}`);
    const withoutMask = everythingPrinted(first).replace(`::add-mask::${password}`, '');
    expect(withoutMask).not.toContain(password);
  });

  test('a second run changes nothing and keeps the password', async () => {
    const generation = (
      sandbox.store.get(CLUSTERS, 'shop', 'pg-orders') as { metadata: { generation: number } }
    ).metadata.generation;
    const second = await deploy(inputs('pg-orders', 'shop'), { GITHUB_RUN_ID: '43' });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain('Cluster pg-orders: unchanged');
    expect(second.stdout).toContain('Secret db-user-pass: unchanged');
    expect(passwordOf('shop')).toBe(password);
    const after = sandbox.store.get(CLUSTERS, 'shop', 'pg-orders') as {
      metadata: { generation: number };
    };
    expect(after.metadata.generation).toBe(generation);
    expect(everythingPrinted(second)).not.toContain(password);
  });

  test('a dry run of a change reports it and writes nothing', async () => {
    const step = await deploy(inputs('pg-orders', 'shop', { instances: '2', 'dry-run': 'true' }));
    expect(step.code, step.stdout + step.stderr).toBe(0);
    expect(step.stdout).toMatch(/Cluster pg-orders: would change \(.*spec\.instances/);
    expect(step.summary).toContain('dry run, nothing written');
    const live = sandbox.store.get(CLUSTERS, 'shop', 'pg-orders');
    expect(live?.spec?.instances).toBe(3);
  });

  test('reports fields another manager owns, and takes them with force-conflicts', async () => {
    const patch = await sandboxRequest(
      'PATCH',
      '/apis/postgresql.cnpg.io/v1/namespaces/shop/clusters/pg-orders?fieldManager=kubectl-edit&force=true',
      {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'Cluster',
        metadata: { name: 'pg-orders' },
        spec: { instances: 2 },
      },
    );
    expect(patch.status).toBe(200);
    const refused = await deploy(inputs('pg-orders', 'shop'));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('.spec.instances is managed by kubectl-edit');
    expect(refused.stdout).toContain('force-conflicts: true');
    const forced = await deploy(inputs('pg-orders', 'shop', { 'force-conflicts': 'true' }));
    expect(forced.code, forced.stdout).toBe(0);
    expect(forced.stdout).toMatch(/Cluster pg-orders: changed \(.*spec\.instances/);
  });
});

describe('bad input', () => {
  test('is refused with every problem at once and causes zero API writes', async () => {
    const writes = await writesDuring(async () => {
      const step = await deploy(
        inputs('Bad_Name', 'shop', { instances: '0', 'backup-schedule': '0 0 * * *' }),
      );
      expect(step.code).toBe(1);
      expect(step.stdout).toContain("input 'cluster-name'");
      expect(step.stdout).toContain("input 'instances'");
      expect(step.stdout).toContain("input 'backup-schedule'");
      expect(step.stdout).not.toMatch(/\n\s+at /);
    });
    expect(writes).toEqual([]);
  });
});

describe('faults', () => {
  test('429/500 bursts and dropped watches still end healthy', async () => {
    sandbox.faults.set({ apiErrorRate: 0.3, apiErrorStatus: 'mixed', dropWatchAfterMs: 250 });
    try {
      const step = await deploy(inputs('pg-flaky', 'flaky', { instances: '2' }));
      expect(step.code, step.stdout + step.stderr).toBe(0);
      expect(step.stdout).toMatch(/Retrying in/);
      expect(step.stdout).toMatch(/Watch interrupted/);
    } finally {
      sandbox.faults.set({ apiErrorRate: 0, dropWatchAfterMs: 0 });
    }
  });

  test('an instance that never starts fails within the timeout, with diagnostics', async () => {
    sandbox.faults.set({ failingInstances: ['pg-stuck-2'] });
    try {
      const started = Date.now();
      const step = await deploy(inputs('pg-stuck', 'stuck', { instances: '2', timeout: '10s' }));
      const elapsed = Date.now() - started;
      expect(step.code).toBe(1);
      expect(elapsed).toBeLessThan(20_000);
      expect(step.stdout).toContain("did not reach 'Cluster in healthy state'");
      expect(step.stdout).toContain('pod pg-stuck-1: Running, ready, primary');
      expect(step.stdout).toContain('Recent events:');
    } finally {
      sandbox.faults.set({ failingInstances: [] });
    }
  });
});

describe('cancellation', () => {
  test('a cancelled run stops waiting, reports what it did, and exits before SIGTERM', async () => {
    sandbox.faults.set({ failingInstances: ['pg-cancel-2'] });
    try {
      const step = await deploy(
        inputs('pg-cancel', 'cancel', {
          instances: '2',
          timeout: '5m',
          'write-kubeconfig': 'true',
        }),
        {},
        { cancelOn: /::group::Wait for the Cluster to be healthy/ },
      );
      expect(step.cancelled).toBe(true);
      // It ended on its own after SIGINT: no SIGTERM or SIGKILL was needed.
      expect(step.signal).toBeUndefined();
      expect(step.code).toBe(1);
      expect(step.stdout).toContain('::error::deploy was cancelled');
      expect(step.outputs['kubeconfig-path']).toMatch(/kubeconfig-/);
      expect(step.outputs.manifests).toMatch(/cancel-pg-cancel\.yaml$/);
      expect(step.summary).toContain('was cancelled');
      expect(step.summary).toContain('Wait for the Cluster to be healthy');
      expect(step.summary).toMatch(/<td>Cluster<\/td><td>pg-cancel<\/td><td>created<\/td>/);
    } finally {
      sandbox.faults.set({ failingInstances: [] });
    }
  });
});
