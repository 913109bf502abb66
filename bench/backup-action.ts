// The backup action's figures (issue 11), on the sandbox through the built bundles:
//  1. The step's wall time (spawn to exit, as a runner runs it) against the Backup's own
//     duration for a ~100 MB database: created -> completed from its status (1 s resolution,
//     as the API gives it) and as the API server's store saw it (ms), with verify-wal: false
//     (the Backup alone) and with the WAL check.
//  2. WAL switch -> archived latency, the action's output wal-archive-seconds.
// The cold start of the built backup action is measured by bench/run.ts (coldStart).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKUPS } from '../sandbox/backup/config.ts';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';
import type { KubeObject } from '../sandbox/kube/types.ts';
import { runStep } from '../sandbox/runner.ts';

const NS = 'bench';
const CLUSTER = 'pg-bench';
const RUNS = Number(process.env.BENCH_BACKUP_RUNS ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function deployCluster(sandbox: Sandbox): Promise<void> {
  const step = await runStep(
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
      'backup-destination': 'https://sandbox.blob.core.windows.net/backups/bench-action',
      'workload-identity-client-id': '6b8d3a4e-1f2c-4e5d-9a7b-0c1d2e3f4a5b',
      'backup-schedule': 'none',
      timeout: '3m',
    },
    { KUBECONFIG: sandbox.kubeconfigPath },
  );
  if (step.code !== 0) throw new Error(`deploy failed:\n${step.stdout}`);
}

async function fill(sandbox: Sandbox): Promise<number> {
  const primary = sandbox.cnpg.instance(NS, `${CLUSTER}-1`);
  if (!primary) throw new Error('no primary');
  await primary.query(
    "CREATE TABLE big AS SELECT g AS id, repeat('x', 200) AS pad FROM generate_series(1, 420000) g",
  );
  const [size] = await primary.query<{ mb: number }>(
    'SELECT (pg_database_size(current_database()) / 1048576)::int AS mb',
  );
  return size?.mb ?? NaN;
}

interface Run {
  wallMs: number;
  /** creationTimestamp -> reconciliationTerminatedAt, as the status says (1 s resolution). */
  statusMs: number;
  /** Created -> completed as the API server's store saw the writes. */
  observedMs: number;
  walSeconds?: number;
  /** Spawn -> the Backup created, and completed -> the process exited. */
  beforeMs: number;
  afterMs: number;
}

function seenTimes(sandbox: Sandbox, name: string) {
  const at: { created?: number; completed?: number } = {};
  const stop = sandbox.store.watch(BACKUPS, (type, b: KubeObject) => {
    if (b.metadata.name !== name) return;
    if (type === 'ADDED') at.created ??= performance.now();
    if ((b.status as { phase?: string } | undefined)?.phase === 'completed')
      at.completed ??= performance.now();
  });
  return { at, stop };
}

async function oneBackup(sandbox: Sandbox, name: string, verifyWal: boolean): Promise<Run> {
  const seen = seenTimes(sandbox, name);
  const started = performance.now();
  const step = await runStep(
    'actions/backup',
    {
      'cluster-name': CLUSTER,
      namespace: NS,
      'backup-name': name,
      'verify-wal': String(verifyWal),
      timeout: '5m',
    },
    { KUBECONFIG: sandbox.kubeconfigPath },
  );
  const exited = performance.now();
  const wallMs = exited - started;
  seen.stop();
  if (step.code !== 0 || step.outputs.phase !== 'completed')
    throw new Error(`backup ${name} failed:\n${step.stdout}`);
  const b = sandbox.store.get(BACKUPS, NS, name);
  const status = (b?.status ?? {}) as { reconciliationTerminatedAt?: string };
  const statusMs =
    Date.parse(status.reconciliationTerminatedAt ?? '') -
    Date.parse(b?.metadata.creationTimestamp ?? '');
  const { created, completed } = seen.at;
  const wal = step.outputs['wal-archive-seconds'];
  return {
    wallMs,
    statusMs,
    observedMs: created !== undefined && completed !== undefined ? completed - created : NaN,
    beforeMs: (created ?? NaN) - started,
    afterMs: exited - (completed ?? NaN),
    ...(wal ? { walSeconds: Number(wal) } : {}),
  };
}

function report(title: string, runs: Run[]): void {
  const wall = median(runs.map((r) => r.wallMs));
  const observed = median(runs.map((r) => r.observedMs));
  const status = median(runs.map((r) => r.statusMs));
  const added = wall - observed;
  console.log(`  ${title} (median of ${runs.length}):`);
  console.log(
    `    step wall time ${s(wall)}; Backup created -> completed ${s(observed)} (store, ms) / ${s(status)} (status, 1 s resolution)`,
  );
  console.log(
    `    ratio ${(wall / observed).toFixed(2)}x; the step adds ${s(added)} (target <= 1 s) ${added <= 1000 ? 'MET' : 'NOT MET'}`,
  );
  console.log(
    `    of which: spawn -> Backup created ${s(median(runs.map((r) => r.beforeMs)))}, completed -> exit ${s(median(runs.map((r) => r.afterMs)))}`,
  );
  console.log(`    runs: ${runs.map((r) => `${s(r.wallMs)} vs ${s(r.observedMs)}`).join(', ')}`);
}

export async function backupActionBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pgha-bench-backup-action-'));
  const sandbox = await startSandbox({ dir, cloud: false });
  try {
    await deployCluster(sandbox);
    const mb = await fill(sandbox);
    console.log(
      `\nThe backup action on a ${String(mb)} MB database (Barman Cloud plugin, built bundles):`,
    );
    const bare: Run[] = [];
    const checked: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(await oneBackup(sandbox, `bench-bare-${String(i)}`, false));
      checked.push(await oneBackup(sandbox, `bench-wal-${String(i)}`, true));
    }
    report('verify-wal: false (the Backup alone)', bare);
    report('verify-wal: true (WAL switch proven archived first)', checked);
    const wal = checked.map((r) => (r.walSeconds ?? NaN) * 1000);
    console.log(
      `  WAL switch -> archived (pg_stat_archiver, server clock): median ${s(median(wal))}, max ${s(Math.max(...wal))}`,
    );
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
