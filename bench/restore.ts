// restore-verify's figures (issue 12), on the sandbox through the built bundles, for a ~100 MB
// database (Barman Cloud plugin, 1 instance):
//  1. The step's wall time (main: spawn to exit, as a runner runs it; the post step is a step of
//     its own in the job's log) against the sum of its parts
//     as the API server's store saw them: the throwaway Cluster created -> healthy (restore),
//     healthy -> its deletion (the checks), deletion -> its last pod and PVC gone (teardown).
//  2. The throwaway Cluster healthy (store) -> the step seeing it (its evidence's `healthy`
//     instant), both on this machine's clock.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHealthy } from '../src/cnpg/health.ts';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';
import type { KubeObject } from '../sandbox/kube/types.ts';
import { runStep } from '../sandbox/runner.ts';

const NS = 'bench';
const CLUSTER = 'pg-bench';
const RUNS = Number(process.env.BENCH_RESTORE_RUNS ?? 3);
const CLUSTERS = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' };
const PODS = { group: '', version: 'v1', plural: 'pods' };
const PVCS = { group: '', version: 'v1', plural: 'persistentvolumeclaims' };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function prepare(sandbox: Sandbox): Promise<number> {
  const env = { KUBECONFIG: sandbox.kubeconfigPath };
  const deploy = await runStep(
    'actions/deploy',
    {
      'cluster-name': CLUSTER,
      namespace: NS,
      instances: '1',
      'sync-replicas': '0',
      'storage-size': '1Gi',
      cpu: '1',
      memory: '1Gi',
      monitoring: 'none',
      'backup-destination': 'https://sandbox.blob.core.windows.net/backups/bench-restore',
      'workload-identity-client-id': '6b8d3a4e-1f2c-4e5d-9a7b-0c1d2e3f4a5b',
      'backup-schedule': 'none',
      timeout: '3m',
    },
    env,
  );
  if (deploy.code !== 0) throw new Error(`deploy failed:\n${deploy.stdout}`);
  const primary = sandbox.cnpg.instance(NS, `${CLUSTER}-1`);
  if (!primary) throw new Error('no primary');
  await primary.query(
    "CREATE TABLE big AS SELECT g AS id, repeat('x', 200) AS pad FROM generate_series(1, 420000) g; CREATE INDEX ON big (id)",
  );
  const [size] = await primary.query<{ mb: number }>(
    'SELECT (pg_database_size(current_database()) / 1048576)::int AS mb',
  );
  const backup = await runStep(
    'actions/backup',
    { 'cluster-name': CLUSTER, namespace: NS, 'verify-wal': 'false', timeout: '5m' },
    env,
  );
  if (backup.code !== 0) throw new Error(`backup failed:\n${backup.stdout}`);
  return size?.mb ?? NaN;
}

interface Seen {
  created?: number;
  healthy?: number;
  deleted?: number;
  gone?: number;
}

/** The throwaway Cluster's life as the API server's store saw it (this machine's clock). */
function watchLife(sandbox: Sandbox, name: string) {
  const at: Seen = {};
  const left = new Set<string>();
  const mine = (o: KubeObject) => o.metadata.labels?.['cnpg.io/cluster'] === name;
  const stops = [
    sandbox.store.watch(CLUSTERS, (type, c: KubeObject) => {
      if (c.metadata.name !== name) return;
      if (type === 'ADDED') at.created ??= Date.now();
      if (isHealthy(c)) at.healthy ??= Date.now();
      if (type === 'DELETED' || c.metadata.deletionTimestamp) at.deleted ??= Date.now();
    }),
    ...[PODS, PVCS].map((ref) =>
      sandbox.store.watch(ref, (type, o: KubeObject) => {
        if (!mine(o)) return;
        const key = `${ref.plural}/${o.metadata.name}`;
        if (type === 'DELETED') {
          left.delete(key);
          if (left.size === 0 && at.deleted !== undefined) at.gone = Date.now();
        } else left.add(key);
      }),
    ),
  ];
  return {
    at,
    stop: () => {
      stops.forEach((f) => {
        f();
      });
    },
  };
}

interface Run {
  wallMs: number;
  partsMs: number;
  restoreMs: number;
  checksMs: number;
  teardownMs: number;
  beforeMs: number;
  afterMs: number;
  seenLagMs: number;
}

async function oneRestore(sandbox: Sandbox, i: number): Promise<Run> {
  const name = `pg-bench-verify-${String(i)}`;
  const life = watchLife(sandbox, name);
  const started = Date.now();
  const step = await runStep(
    'actions/restore-verify',
    { 'cluster-name': CLUSTER, namespace: NS, 'recovery-cluster': name, timeout: '10m' },
    { KUBECONFIG: sandbox.kubeconfigPath },
    // The post step is a step of its own in the job (and has nothing to do after a clean run).
    { skipPost: true },
  );
  const exited = Date.now();
  life.stop();
  if (step.code !== 0) throw new Error(`restore-verify failed:\n${step.stdout}`);
  const { created, healthy, deleted, gone } = life.at;
  if (!created || !healthy || !deleted || !gone)
    throw new Error(`incomplete record ${JSON.stringify(life.at)}`);
  const evidence = JSON.parse(readFileSync(step.outputs.report ?? '', 'utf8')) as {
    timestamps: { healthy: string };
    phases: { title: string; seconds: number }[];
  };
  if (process.env.BENCH_VERBOSE)
    console.log(evidence.phases.map((p) => `${p.title}: ${p.seconds.toFixed(2)} s`).join('; '));
  return {
    wallMs: exited - started,
    partsMs: gone - created,
    restoreMs: healthy - created,
    checksMs: deleted - healthy,
    teardownMs: gone - deleted,
    beforeMs: created - started,
    afterMs: exited - gone,
    seenLagMs: Date.parse(evidence.timestamps.healthy) - healthy,
  };
}

export async function restoreBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pgha-bench-restore-'));
  const sandbox = await startSandbox({ dir, cloud: false });
  try {
    const mb = await prepare(sandbox);
    console.log(
      `\nrestore-verify of a ${String(mb)} MB database (Barman Cloud plugin, marker proof, amcheck of the indexes, built bundles):`,
    );
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await oneRestore(sandbox, i));
    const m = (f: (r: Run) => number) => median(runs.map(f));
    const ratio = m((r) => r.wallMs) / m((r) => r.partsMs);
    console.log(`  median of ${String(runs.length)} runs, parts from the API server's store:`);
    console.log(
      `    step wall time ${s(m((r) => r.wallMs))}; parts ${s(m((r) => r.partsMs))} = restore (created -> healthy) ${s(m((r) => r.restoreMs))} + checks (healthy -> deleted) ${s(m((r) => r.checksMs))} + teardown (deleted -> pods and PVCs gone) ${s(m((r) => r.teardownMs))}`,
    );
    console.log(
      `    ratio ${ratio.toFixed(2)}x (target <= 1.15x) ${ratio <= 1.15 ? 'MET' : 'NOT MET'}; outside the parts: spawn -> Cluster created ${s(m((r) => r.beforeMs))} (connect, choose the backup, markers, WAL archived), gone -> exit ${s(m((r) => r.afterMs))}`,
    );
    const lags = runs.map((r) => r.seenLagMs);
    console.log(
      `    healthy (store) -> the step saw it: ${lags.map((l) => `${l.toFixed(0)} ms`).join(', ')}; worst ${Math.max(...lags).toFixed(0)} ms (target <= 250 ms) ${Math.max(...lags) <= 250 ? 'MET' : 'NOT MET'}`,
    );
    console.log(`    runs: ${runs.map((r) => `${s(r.wallMs)} vs ${s(r.partsMs)}`).join(', ')}`);
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
