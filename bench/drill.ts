// Failover drill figures of issue 13, on the sandbox (real PostgreSQL 18 servers, CNPG
// emulation, Clusters deployed by the built deploy action with a 3 s primary lease):
//  1. Acknowledged writes per second of the drill's writers (4 connections, each through its
//     own pods/portforward), async and sync.
//  2. The built failover-drill, BENCH_DRILL_RUNS (default 5) runs each of kill grace 1, kill
//     grace 0 and switchover on a synchronous Cluster (3 instances, any 1, required): lost
//     acknowledged writes per run, and the measured downtime against the sandbox's own record
//     (pod deleted / promotion requested -> promoted, from its operator log).
//  3. The same comparison for kills on an asynchronous Cluster (2 instances), where a write can
//     commit as soon as the new primary is promoted.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { PrimaryTracker } from '../src/cnpg/primary-tracker.ts';
import { KubeHttp } from '../src/kube/http.ts';
import { DrillLoad } from '../src/postgres/drill-load.ts';
import { createDrillTable, qualified, withSession } from '../src/postgres/drill-table.ts';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';
import { runStep } from '../sandbox/runner.ts';

const NS = 'bench';
const RUNS = Number(process.env.BENCH_DRILL_RUNS ?? 5);
const LEASE =
  'primaryLease: {leaseDurationSeconds: 3, renewDeadlineSeconds: 2, retryPeriodSeconds: 1}';
const CLUSTERS = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' };
const SECRETS = { group: '', version: 'v1', plural: 'secrets' };

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Report {
  timestamps: { fault: string };
  seconds: { downtime: number; failover: number };
  primaries: { old: string; new: string };
  counts: { acknowledged: number; lost: number; in_doubt: number; in_doubt_committed: number };
  writes_per_second: number;
}

async function deploy(sb: Sandbox, name: string, extra: Record<string, string>): Promise<void> {
  const inputs = {
    'cluster-name': name,
    namespace: NS,
    instances: '2',
    'storage-size': '1Gi',
    cpu: '500m',
    memory: '512Mi',
    monitoring: 'none',
    timeout: '5m',
    overrides: LEASE,
    ...extra,
  };
  const step = await runStep('actions/deploy', inputs, { KUBECONFIG: sb.kubeconfigPath });
  if (step.code !== 0) throw new Error(`deploy ${name} failed:\n${step.stdout}`);
}

/** Writes/s of the product's writers against a healthy Cluster, over 5 s. */
async function throughput(sb: Sandbox, name: string): Promise<number> {
  const kc = new KubeConfig();
  kc.loadFromFile(sb.kubeconfigPath);
  const http = new KubeHttp(kc);
  const secret = sb.store.get(SECRETS, NS, 'db-user-pass') as unknown as {
    data: Record<string, string>;
  };
  const login = {
    user: 'app',
    password: Buffer.from(secret.data.password ?? '', 'base64').toString(),
    database: 'appdb',
  };
  const primary = String(sb.store.get(CLUSTERS, NS, name)?.status?.currentPrimary);
  const table = { schema: 'public', name: `bench_${name}` };
  await withSession(kc, { namespace: NS, pod: primary }, login, (c) =>
    createDrillTable(c, table, 'bench'),
  );
  const tracker = await PrimaryTracker.start(http, {
    namespace: NS,
    cluster: name,
    deadline: Date.now() + 60_000,
    now: Date.now,
  });
  const load = await DrillLoad.start({
    kc,
    namespace: NS,
    credentials: login,
    table: qualified(table),
    writers: 4,
    pod: () => tracker.writablePod(),
    now: Date.now,
  });
  await new Promise((r) => setTimeout(r, 5000));
  const record = await load.stop();
  tracker.stop();
  return record.acks.length / ((record.stopped - record.started) / 1000);
}

/** The sandbox operator's log line for `what` at or after `after` (ms). */
function logged(sb: Sandbox, what: RegExp, after: number): number {
  for (const line of readFileSync(join(sb.dir, 'cnpg.log'), 'utf8').split('\n')) {
    const at = Date.parse(line.slice(0, 24));
    if (at >= after - 1000 && what.test(line)) return at;
  }
  return NaN;
}

interface Run {
  lost: number;
  acked: number;
  inDoubt: string;
  downtime: number;
  failover: number;
  /** The sandbox's own record: fault (deletion or promotion request) -> promoted. */
  record: number;
}

async function drillOnce(sb: Sandbox, name: string, inputs: Record<string, string>): Promise<Run> {
  const step = await runStep(
    'actions/failover-drill',
    {
      'cluster-name': name,
      namespace: NS,
      'warm-up': '2s',
      observe: '1s',
      'switch-back': 'false',
      timeout: '3m',
      'max-lost-writes': 'any',
      ...inputs,
    },
    { KUBECONFIG: sb.kubeconfigPath },
  );
  if (step.code !== 0 || !step.outputs.report) throw new Error(`drill failed:\n${step.stdout}`);
  const r = JSON.parse(readFileSync(step.outputs.report, 'utf8')) as Report;
  const fault = Date.parse(r.timestamps.fault);
  const start =
    inputs.mode === 'switchover'
      ? fault
      : logged(sb, new RegExp(`${NS}/${r.primaries.old}: pod deleted`), fault);
  const promoted = logged(sb, new RegExp(`${NS}/${name}: ${r.primaries.new} promoted`), fault);
  return {
    lost: r.counts.lost,
    acked: r.counts.acknowledged,
    inDoubt: `${r.counts.in_doubt} (${r.counts.in_doubt_committed})`,
    downtime: r.seconds.downtime * 1000,
    failover: r.seconds.failover * 1000,
    record: promoted - start,
  };
}

async function series(sb: Sandbox, label: string, name: string, inputs: Record<string, string>) {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await drillOnce(sb, name, inputs));
  const diff = runs.map((r) => r.downtime - r.record);
  console.log(`  ${label}:`);
  console.log(
    `    lost acknowledged writes per run: ${runs.map((r) => `${r.lost}/${r.acked}`).join(', ')} (${runs.filter((r) => r.lost === 0).length} of ${runs.length} without loss); in doubt (committed): ${runs.map((r) => r.inDoubt).join(', ')}`,
  );
  console.log(
    `    downtime ${runs.map((r) => s(r.downtime)).join(', ')}; sandbox record ${runs.map((r) => s(r.record)).join(', ')}`,
  );
  console.log(
    `    downtime - sandbox record: ${diff.map(s).join(', ')} (max ${s(Math.max(...diff))}); failover-seconds - record: ${runs.map((r) => s(r.failover - r.record)).join(', ')}`,
  );
  return diff;
}

export async function drillBench(): Promise<void> {
  const dir = mkdtempSync('/tmp/pgha-bench-drill-');
  chmodSync(dir, 0o711);
  const sb = await startSandbox({ dir, cloud: false, objectStore: false });
  try {
    await Promise.all([
      deploy(sb, 'bs', { instances: '3' }),
      deploy(sb, 'ba', { 'sync-replicas': '0' }),
    ]);
    console.log(
      '\nDrill writers: acknowledged writes per second, 4 writers, each through its own pods/portforward (5 s):',
    );
    console.log(
      `  async (2 instances): ${(await throughput(sb, 'ba')).toFixed(0)}/s; sync any 1 (3 instances): ${(await throughput(sb, 'bs')).toFixed(0)}/s (target >= 200/s)`,
    );
    console.log(`\nThe built failover-drill, ${RUNS} runs each, 3 s primary lease:`);
    await series(sb, 'sync (3 instances, any 1, required), kill grace 1', 'bs', {
      'grace-period': '1',
    });
    await series(sb, 'sync, kill grace 0', 'bs', { 'grace-period': '0' });
    await series(sb, 'sync, switchover to the most advanced standby', 'bs', { mode: 'switchover' });
    const diff = await series(sb, 'async (2 instances), kill grace 0', 'ba', {
      'grace-period': '0',
    });
    const worst = Math.max(...diff);
    console.log(
      `  async downtime - sandbox record, worst of ${RUNS}: ${s(worst)} (target <= 0.3 s) ${worst <= 300 ? 'MET' : 'NOT MET'}`,
    );
  } finally {
    await sb.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
