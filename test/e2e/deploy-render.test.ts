// The built deploy bundle, run under Node 24 exactly as a runner runs it, in render-only mode.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadCrds, validateObject } from '../../sandbox/kube/crd-schema.ts';
import { runStep, type StepResult } from '../helpers/action-runner.ts';

/** The production profile of the AKS guide (§5), as a user writes it in a workflow. */
const GUIDE = {
  'cluster-name': 'pg-primary',
  'render-only': 'true',
  instances: '3',
  'storage-size': '64Gi',
  cpu: '2',
  memory: '8Gi',
  'node-memory': '16Gi',
  'node-selector': 'workload=postgres',
  'workload-identity-client-id': '6b8d3a4e-1f2c-4e5d-9a7b-0c1d2e3f4a5b',
  'dns-label': 'pg-primary-demo',
  'backup-destination': 'https://pgbackups.blob.core.windows.net/backups',
  'backup-method': 'barman-object-store',
  'backup-retention': '7d',
};

type Obj = {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: Record<string, unknown>;
};

describe('deploy render-only with the guide values', () => {
  let step: StepResult;
  let objects: Obj[];
  beforeAll(async () => {
    step = await runStep('actions/deploy', GUIDE, {
      GITHUB_REPOSITORY: 'org/app',
      GITHUB_SHA: 'abc123',
    });
    objects = loadAll(readFileSync(step.outputs.manifests ?? '', 'utf8')) as Obj[];
  });

  test('succeeds and sets its outputs', () => {
    expect(step.code, step.stdout + step.stderr).toBe(0);
    expect(step.outputs).toMatchObject({
      'cluster-name': 'pg-primary',
      namespace: 'cnpg-database',
      'backup-method': 'barman-object-store',
    });
    expect(step.outputs.manifests?.startsWith(step.runnerTemp)).toBe(true);
  });

  test('writes only objects that are valid against the CRDs, and no Secret', () => {
    const crds = loadCrds();
    const cnpg = objects.filter((o) => o.apiVersion !== 'v1');
    expect(cnpg.map((o) => validateObject(crds, o))).toEqual(cnpg.map(() => []));
    expect(objects.map((o) => o.kind)).not.toContain('Secret');
  });

  test('reproduces the production Cluster of the guide', () => {
    const cluster = objects.find((o) => o.kind === 'Cluster');
    expect(cluster?.spec).toMatchObject({
      instances: 3,
      imageName: 'ghcr.io/cloudnative-pg/postgresql:18-system-trixie',
      storage: { size: '64Gi' },
      resources: { requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '2', memory: '8Gi' } },
      affinity: { nodeSelector: { workload: 'postgres' } },
      bootstrap: {
        initdb: {
          database: 'appdb',
          owner: 'app',
          secret: { name: 'db-user-pass' },
          dataChecksums: true,
        },
      },
      backup: {
        retentionPolicy: '7d',
        barmanObjectStore: {
          destinationPath: 'https://pgbackups.blob.core.windows.net/backups',
          azureCredentials: { inheritFromAzureAD: true },
        },
      },
      postgresql: { parameters: { shared_buffers: '4GB', effective_cache_size: '12GB' } },
    });
  });

  test('writes a job summary that lists the objects', () => {
    expect(step.summary).toContain('pgha deploy');
    for (const o of objects) expect(step.summary).toContain(o.metadata.name);
    expect(step.summary).toContain('```mermaid');
  });
});

describe('deploy with bad inputs', () => {
  const bad = {
    'cluster-name': 'PG_Orders',
    'render-only': 'true',
    instances: '2',
    'sync-replicas': '2',
    'storage-size': '64GB',
    'backup-destination': 'https://pgbackups.blob.core.windows.net/backups',
    'workload-identity-client-id': '6b8d3a4e-1f2c-4e5d-9a7b-0c1d2e3f4a5b',
    'backup-schedule': '0 0 * * *',
  };
  let step: StepResult;
  beforeAll(async () => {
    step = await runStep('actions/deploy', bad);
  });

  test('fails with one message that names every bad input', () => {
    expect(step.code).toBe(1);
    const errors = step.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    for (const name of ['cluster-name', 'sync-replicas', 'storage-size', 'backup-schedule']) {
      expect(errors[0]).toContain(name);
    }
    expect(errors[0]).toContain('0 0 0 * * *');
  });

  test('prints no stack trace and writes nothing', () => {
    expect(step.stdout + step.stderr).not.toMatch(/\n\s+at /);
    expect(step.outputs).toEqual({});
    expect(step.summary).toBe('');
    expect(existsSync(join(step.runnerTemp, 'pgha'))).toBe(false);
    expect(readdirSync(step.runnerTemp).sort()).toEqual(['main-summary', 'output', 'state']);
  });
});

describe('the umbrella action and the other commands', () => {
  test('the umbrella action runs deploy when command is deploy', async () => {
    const step = await runStep('.', { command: 'deploy', ...GUIDE });
    expect(step.code, step.stdout).toBe(0);
    expect(step.outputs['backup-method']).toBe('barman-object-store');
  });

  test('the umbrella action refuses an unknown command, naming the choices', async () => {
    const step = await runStep('.', { command: 'deploi', 'cluster-name': 'pg' });
    expect(step.code).toBe(1);
    expect(step.stdout).toMatch(
      /::error::input 'command': 'deploi' is not a pgha command.*deploy, backup/,
    );
  });

  test('teardown reports every bad input at once, with examples, before any request', async () => {
    const step = await runStep('actions/teardown', {
      'cluster-name': 'pg',
      'sweep-older-than': 'soon',
      'delete-backups': 'maybe',
      'blob-endpoint': 'http://10.0.0.5',
      'identity-resource-group': 'rg-pg',
    });
    expect(step.code).toBe(1);
    const out = step.stdout;
    expect(out).toContain("input 'sweep-older-than'");
    expect(out).toContain("input 'delete-backups'");
    expect(out).toMatch(/input 'blob-endpoint': .*https.*example/);
    expect(out).toMatch(/input 'identity-resource-group': is set without identity-name/);
    expect(out).not.toMatch(/\n\s+at /);
  });
});
