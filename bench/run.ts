// npm run bench: the figures issue 4 asks for, measured on this machine and printed.
//  1. Cold start: process spawn until the first Kubernetes API request arrives, for the built
//     deploy action and for a bundle that only imports client-node and sends one request.
//  2. Readiness detection lag: the sandbox marking the Cluster healthy -> deploy exiting.
//  3. API requests per deploy of a 3-instance cluster (first run and an unchanged re-run).
//  4. Backups (bench/backup.ts): WAL segment -> blob latency, backup and restore of ~100 MB.
//  5. Failover (bench/failover.ts): abrupt kills with the default and a 3 s primary lease, the
//     write gap of a graceful delete, committed rows lost under async and sync replication.
//  6. The backup action (bench/backup-action.ts): its wall time against the Backup's own
//     duration for ~100 MB, WAL switch -> archived latency, and its cold start (1.).
//  7. Failover drill (bench/drill.ts, BENCH_ONLY=drill): the drill's cold start against the
//     client-node-only bundle, its writers' writes/s, losses and downtime against the
//     sandbox's own record over 5 runs per fault.
//  8. restore-verify (bench/restore.ts, BENCH_ONLY=restore): its wall time against the sum of
//     its parts from the API server's store (created -> healthy, checks, teardown) for ~100 MB,
//     and the throwaway Cluster healthy -> the step seeing it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { backupActionBench } from './backup-action.ts';
import { backupBench } from './backup.ts';
import { drillBench } from './drill.ts';
import { failoverBench } from './failover.ts';
import { restoreBench } from './restore.ts';
import { isHealthy } from '../src/cnpg/health.ts';
import { sandboxRequest } from '../sandbox/admin.ts';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';
import { NODE24, ROOT, runStep } from '../sandbox/runner.ts';
import { makeTls } from '../sandbox/tls.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

/** A TLS server that notes when the first request of each process arrives, and answers 403. */
async function firstRequestServer() {
  const tls = makeTls();
  let arrived: (() => void) | undefined;
  const server = createServer({ key: tls.key, cert: tls.cert }, (_req, res) => {
    arrived?.();
    arrived = undefined;
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden', message: 'bench' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    caPem: tls.caPem,
    next: () =>
      new Promise<number>(
        (resolve) =>
          (arrived = () => {
            resolve(performance.now());
          }),
      ),
    close: () =>
      new Promise<void>((r) =>
        server.close(() => {
          r();
        }),
      ),
  };
}

function kubeconfigFor(dir: string, url: string, caPem: string): string {
  const file = join(dir, 'kubeconfig');
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'b',
        cluster: {
          server: url,
          'certificate-authority-data': Buffer.from(caPem).toString('base64'),
        },
      },
    ],
    users: [{ name: 'b', user: { token: 'bench' } }],
    contexts: [{ name: 'b', context: { cluster: 'b', user: 'b' } }],
    'current-context': 'b',
  };
  writeFileSync(file, dump(doc));
  return file;
}

/** A bundle of nothing but client-node: load the kubeconfig, send one request. */
function buildBaseline(dir: string): string {
  const src = join(dir, 'baseline.mjs');
  writeFileSync(
    src,
    "import { KubeConfig, CoreV1Api } from '@kubernetes/client-node';\n" +
      'const kc = new KubeConfig(); kc.loadFromFile(process.env.KUBECONFIG);\n' +
      'await kc.makeApiClient(CoreV1Api).getAPIResources().catch(() => undefined);\n',
  );
  const out = join(dir, 'baseline');
  const ncc = join(ROOT, 'node_modules', '.bin', 'ncc');
  const r = spawnSync(ncc, ['build', src, '-o', out, '--quiet'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
  });
  if (r.status !== 0) throw new Error('ncc failed for the baseline bundle');
  return join(out, 'index.mjs');
}

async function timeToFirstRequest(
  script: string,
  env: Record<string, string>,
  server: Awaited<ReturnType<typeof firstRequestServer>>,
) {
  const first = server.next();
  const start = performance.now();
  const child = spawn(NODE24, [script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'ignore',
  });
  const exited = new Promise<number>((resolve) =>
    child.on('close', () => {
      resolve(NaN);
    }),
  );
  const at = await Promise.race([first, exited]);
  if (Number.isNaN(at)) throw new Error(`${script} exited before it sent a request`);
  await exited;
  return at - start;
}

/** Cold start of a built action: spawn until its first API request, against the baseline. */
async function coldStart(command: 'deploy' | 'backup' | 'failover-drill'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pgha-bench-'));
  mkdirSync(join(dir, 'src'), { recursive: true });
  const server = await firstRequestServer();
  try {
    const kubeconfig = kubeconfigFor(dir, server.url, server.caPem);
    // ncc resolves the import from the file's directory: put the source inside the repo's tree.
    const baselineDir = mkdtempSync(join(ROOT, 'node_modules', '.cache-pgha-bench-'));
    const baseline = buildBaseline(baselineDir);
    const action = join(ROOT, 'dist', `${command}.js`);
    const runnerEnv = {
      KUBECONFIG: kubeconfig,
      RUNNER_TEMP: dir,
      GITHUB_OUTPUT: join(dir, 'out'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      'INPUT_CLUSTER-NAME': 'pg-bench',
      INPUT_NAMESPACE: 'bench',
      INPUT_TIMEOUT: '1m',
    };
    writeFileSync(runnerEnv.GITHUB_OUTPUT, '');
    writeFileSync(runnerEnv.GITHUB_STEP_SUMMARY, '');
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      b.push(await timeToFirstRequest(baseline, { KUBECONFIG: kubeconfig }, server));
      a.push(await timeToFirstRequest(action, runnerEnv, server));
    }
    const ratio = median(a) / median(b);
    console.log(
      `\nCold start of ${command} (spawn -> first API request, median of %d, Node 24):`,
      RUNS,
    );
    console.log(
      `  client-node-only bundle: ${fmt(median(b))}  (runs: ${b.map((x) => x.toFixed(0)).join(', ')})`,
    );
    console.log(
      `  built ${command} action:${' '.repeat(Math.max(1, 15 - command.length))}${fmt(median(a))}  (runs: ${a.map((x) => x.toFixed(0)).join(', ')})`,
    );
    console.log(
      `  ratio: ${ratio.toFixed(2)}x (target <= 1.2x) ${ratio <= 1.2 ? 'MET' : 'NOT MET'}`,
    );
    rmSync(baselineDir, { recursive: true, force: true });
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function admin(sandbox: Sandbox, method: string, path: string): Promise<string[]> {
  return JSON.parse((await sandboxRequest(sandbox, method, path)).body) as string[];
}

const CLUSTERS = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' };

async function deployOnSandbox(): Promise<void> {
  const dir = mkdtempSync('/tmp/pgha-bench-sbx-');
  const sandbox = await startSandbox({ dir });
  const lags: number[] = [];
  const firstRequests: number[] = [];
  let rerunRequests = 0;
  let breakdown: string[] = [];
  try {
    for (let i = 1; i <= 3; i++) {
      const name = `pg-bench-${i}`;
      let healthyAt: number | undefined;
      const stop = sandbox.store.watch(CLUSTERS, (_t, obj) => {
        if (healthyAt === undefined && obj.metadata.name === name && isHealthy(obj))
          healthyAt = performance.now();
      });
      await admin(sandbox, 'DELETE', '/sandbox/requests');
      const inputs = {
        'cluster-name': name,
        namespace: `bench-${i}`,
        instances: '3',
        'storage-size': '1Gi',
        cpu: '500m',
        memory: '512Mi',
        timeout: '2m',
      };
      const step = await runStep('actions/deploy', inputs, { KUBECONFIG: sandbox.kubeconfigPath });
      const exited = performance.now();
      stop();
      if (step.code !== 0 || healthyAt === undefined)
        throw new Error(`deploy ${name} failed:\n${step.stdout}`);
      lags.push(exited - healthyAt);
      breakdown = await admin(sandbox, 'GET', '/sandbox/requests');
      firstRequests.push(breakdown.length);
      if (i === 1) {
        await admin(sandbox, 'DELETE', '/sandbox/requests');
        const again = await runStep('actions/deploy', inputs, {
          KUBECONFIG: sandbox.kubeconfigPath,
        });
        if (again.code !== 0) throw new Error(`re-run failed:\n${again.stdout}`);
        rerunRequests = (await admin(sandbox, 'GET', '/sandbox/requests')).length;
      }
    }
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    '\nReadiness detection lag (sandbox marks the Cluster healthy -> deploy exits), 3 deploys:',
  );
  console.log(
    `  ${lags.map(fmt).join(', ')}; worst ${fmt(Math.max(...lags))} (target <= 250 ms) ${Math.max(...lags) <= 250 ? 'MET' : 'NOT MET'}`,
  );
  console.log('\nAPI requests per deploy of a 3-instance cluster, counted by the API server:');
  console.log(
    `  first deploys: ${firstRequests.join(', ')} (target <= 30) ${Math.max(...firstRequests) <= 30 ? 'MET' : 'NOT MET'}; unchanged re-run: ${rerunRequests}`,
  );
  const counts = new Map<string, number>();
  for (const r of breakdown) counts.set(r, (counts.get(r) ?? 0) + 1);
  for (const [r, n] of counts) console.log(`    ${n} x ${r}`);
}

const only = process.env.BENCH_ONLY;
if (!only || only === 'deploy') {
  await coldStart('deploy');
  await deployOnSandbox();
}
if (!only || only === 'backup') await backupBench();
if (!only || only === 'failover') await failoverBench();
if (!only || only === 'backup-action') {
  await coldStart('backup');
  await backupActionBench();
}
if (!only || only === 'drill') {
  await coldStart('failover-drill');
  await drillBench();
}
if (!only || only === 'restore') await restoreBench();
