// Starting and stopping the sandbox: kubeconfig and ready files, a client that connects with
// the kubeconfig, and no PostgreSQL process left behind — after stop(), and after the Node
// process running the sandbox is SIGKILLed.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index.ts';
import { processesUnder } from '../../sandbox/postgres/process-registry.ts';

const dirs: string[] = [];

async function sandboxDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(`/tmp/${prefix}-`);
  await chmod(dir, 0o711);
  dirs.push(dir);
  return dir;
}

async function waitFor(
  what: string,
  probe: () => Promise<boolean> | boolean,
  ms = 30_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const CLUSTER = {
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Cluster',
  metadata: { name: 'life', namespace: 'default' },
  spec: { instances: 1, storage: { size: '1Gi' } },
};

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('sandbox lifecycle', () => {
  it('starts, serves the API through its kubeconfig, and stops leaving no process', async () => {
    const dir = await sandboxDir('pgha-life');
    const started = Date.now();
    const sandbox = await startSandbox({ dir });
    const startMs = Date.now() - started;
    expect(readFileSync(join(dir, 'ready'), 'utf8').trim()).toBe(sandbox.url);
    expect(sandbox.kubeconfigPath).toBe(join(dir, 'kubeconfig'));
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(sandbox.kubeconfigPath);
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    await custom.createNamespacedCustomObject({
      group: 'postgresql.cnpg.io',
      version: 'v1',
      namespace: 'default',
      plural: 'clusters',
      body: CLUSTER,
    });
    await waitFor('a ready instance', () => sandbox.cnpg.serverPids().length === 1);
    // The instance's postmaster and Azurite at least.
    expect(processesUnder(dir).length).toBeGreaterThanOrEqual(2);
    await sandbox.stop();
    expect(existsSync(join(dir, 'ready'))).toBe(false);
    expect(processesUnder(dir)).toEqual([]);
    console.log(`sandbox start to ready: ${startMs} ms`);
  });

  it('leaves no process behind when its Node process is SIGKILLed', async () => {
    const dir = await sandboxDir('pgha-kill');
    const script = join(dir, 'run-sandbox.mjs');
    const index = resolve('sandbox/index.ts');
    await writeFile(
      script,
      `import { startSandbox } from ${JSON.stringify(index)};
const sandbox = await startSandbox({ dir: process.argv[2] });
sandbox.store.create({ group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' }, ${JSON.stringify(CLUSTER)});
const timer = setInterval(() => {
  if (sandbox.cnpg.serverPids().length === 1) { clearInterval(timer); process.stdout.write('up\\n'); }
}, 50);
`,
    );
    const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((done, fail) => {
      child.stdout.on('data', (b: Buffer) => {
        if (b.toString().includes('up')) done();
      });
      child.once('exit', (code) => {
        fail(new Error(`sandbox process exited early (${code})`));
      });
    });
    try {
      expect(processesUnder(join(dir, 'instances')).length).toBeGreaterThanOrEqual(1);
    } finally {
      child.kill('SIGKILL');
    }
    await waitFor('no process under the sandbox dir', () => processesUnder(dir).length === 0, 5000);
  });
});
