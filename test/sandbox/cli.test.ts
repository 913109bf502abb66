// `npm run sandbox -- up` as a script uses it: started under a parent that is killed (as a
// script's `kill <npm pid>` does, npm -> sh -c -> node), the sandbox stops and leaves no
// PostgreSQL or Azurite process; --verbose prints the API requests; DIR/objectstore.json
// lets any Blob client browse the object store.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { NODE24, ROOT } from '../../sandbox/runner.ts';
import { HEALTHY, waitFor } from './cnpg-harness.ts';

let dir: string;
let wrapper: ChildProcess;
let output = '';

/** Pids of processes whose command line names the sandbox directory. */
function sandboxPids(): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

beforeAll(async () => {
  dir = await mkdtemp('/tmp/pgha-cli-');
  await chmod(dir, 0o711);
  const command = `'${NODE24}' sandbox/cli.ts up --dir '${dir}' --verbose`;
  // Stands in for npm: a parent that runs the CLI through `sh -c` and is then killed.
  const npm = `require('child_process').spawn('sh', ['-c', process.argv[1]], { stdio: 'inherit' }); setInterval(() => {}, 1e6);`;
  wrapper = spawn(NODE24, ['-e', npm, command], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  wrapper.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  wrapper.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitFor('DIR/ready', () => Promise.resolve(existsSync(join(dir, 'ready'))), 60_000);
});

afterAll(async () => {
  wrapper.kill('SIGKILL');
  for (const pid of sandboxPids()) process.kill(pid, 'SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

test('objectstore.json: a Blob client lists the container with its connection string', async () => {
  const settings = JSON.parse(await readFile(join(dir, 'objectstore.json'), 'utf8')) as {
    url: string;
    accounts: { name: string; key: string; connectionString: string; containers: string[] }[];
  };
  expect(settings.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const account = settings.accounts.find((a) => a.name === 'sandbox');
  expect(account?.containers).toEqual(['backups']);
  expect(Buffer.from(account?.key ?? '', 'base64')).toHaveLength(64);
  const service = BlobServiceClient.fromConnectionString(account?.connectionString ?? '');
  const container = service.getContainerClient('backups');
  await container.getBlockBlobClient('hello.txt').upload('hi', 2);
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat()) names.push(blob.name);
  expect(names).toEqual(['hello.txt']);
});

test('--verbose prints API requests; killing the parent stops everything', async () => {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(join(dir, 'kubeconfig'));
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  const ref = {
    group: 'postgresql.cnpg.io',
    version: 'v1',
    namespace: 'default',
    plural: 'clusters',
  };
  await custom.createNamespacedCustomObject({
    ...ref,
    body: {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'pg' },
      spec: { instances: 1, storage: { size: '1Gi' } },
    },
  });
  await waitFor(
    'pg healthy',
    async () => {
      const c = (await custom.getNamespacedCustomObject({ ...ref, name: 'pg' })) as {
        status?: { phase?: string };
      };
      return c.status?.phase === HEALTHY;
    },
    60_000,
  );
  expect(output).toMatch(
    /api: POST \/apis\/postgresql\.cnpg\.io\/v1\/namespaces\/default\/clusters 201 \d+ms/,
  );
  const pids = sandboxPids();
  const commands = pids.map((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8'));
  expect(commands.some((c) => c.includes('azurite'))).toBe(true);
  expect(commands.some((c) => /postgres\0-D\0/.test(c))).toBe(true);

  wrapper.kill('SIGKILL');
  await waitFor(
    'every sandbox process gone',
    () => Promise.resolve(sandboxPids().length === 0),
    60_000,
  );
  expect(output).toContain('the parent process exited: stopping the sandbox...');
  expect(output).toContain('stopped');
});
