// The built failover-drill action, run as a runner runs it, against Clusters that the built
// deploy action created on the sandbox with a short primary lease. Its numbers are checked
// against records it did not make: the sandbox operator's log (pod deleted, instance
// promoted), the Cluster status, and a second reader that reads the drill table straight from
// the new primary (sandbox.portForward, not pgha's port-forward) and counts what is missing.
// Two chains run side by side to keep the file short: a synchronous Cluster (kill with grace 1
// and switch back, a switchover, kill with grace 0 against max-downtime) and an asynchronous
// one (lost writes under replication latency, a cancelled drill and its post step), after a
// refused preflight on a single-instance Cluster.
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writesDuring } from '../../sandbox/admin.ts';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { runStep, type RunOptions, type StepResult } from '../helpers/action-runner.ts';

const NS = 'drill';
const SHORT_LEASE =
  'primaryLease: {leaseDurationSeconds: 3, renewDeadlineSeconds: 2, retryPeriodSeconds: 1}';
const CLUSTERS = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' };
const SECRETS = { group: '', version: 'v1', plural: 'secrets' };
const HEALTHY = 'Cluster in healthy state';

let sandbox: Sandbox;
let dir: string;

interface Report {
  outcome: string;
  settings: Record<string, unknown>;
  durability: { text: string; mode: string };
  primaries: { old: string; new: string; timeline: number; switched_back_to: string | null };
  timestamps: Record<string, string | null>;
  seconds: { downtime: number; failover: number; healthy: number };
  counts: { acknowledged: number; lost: number; in_doubt: number; in_doubt_committed: number };
  acknowledged_ids: number[];
  lost_ids: number[];
  in_doubt_ids: number[];
  table: { schema: string; name: string; database: string; state: string };
}

function deploy(name: string, extra: Record<string, string>) {
  const inputs = {
    'cluster-name': name,
    namespace: NS,
    instances: '2',
    'storage-size': '1Gi',
    cpu: '500m',
    memory: '512Mi',
    monitoring: 'none',
    timeout: '3m',
    overrides: SHORT_LEASE,
    ...extra,
  };
  return runStep('actions/deploy', inputs, { KUBECONFIG: sandbox.kubeconfigPath });
}

function drill(name: string, extra: Record<string, string>, options: RunOptions = {}) {
  const inputs = {
    'cluster-name': name,
    namespace: NS,
    'warm-up': '1s',
    observe: '1s',
    timeout: '2m',
    ...extra,
  };
  return runStep('actions/failover-drill', inputs, { KUBECONFIG: sandbox.kubeconfigPath }, options);
}

async function report(step: StepResult): Promise<Report> {
  const path = step.outputs.report;
  if (!path) throw new Error(`no report output:\n${step.stdout}`);
  return JSON.parse(await readFile(path, 'utf8')) as Report;
}

function status(name: string): Record<string, unknown> {
  return sandbox.store.get(CLUSTERS, NS, name)?.status ?? {};
}

/** The sandbox operator's own log: when it saw `what` happen, after `after`. */
async function logged(what: RegExp, after: number): Promise<number> {
  const lines = (await readFile(join(dir, 'cnpg.log'), 'utf8')).split('\n');
  for (const line of lines) {
    const at = Date.parse(line.slice(0, 24));
    if (at >= after - 1000 && what.test(line)) return at;
  }
  throw new Error(`the sandbox logged no ${String(what)}`);
}

function appPassword(): string {
  const secret = sandbox.store.get(SECRETS, NS, 'db-user-pass') as unknown as {
    data: Record<string, string>;
  };
  return Buffer.from(secret.data.password ?? '', 'base64').toString();
}

/** A second reader: straight to the pod's server, not through pgha's port-forward. */
async function query<T extends pg.QueryResultRow>(pod: string, sql: string): Promise<T[]> {
  const target = sandbox.portForward(NS, pod, 5432);
  if (!target) throw new Error(`no server behind ${pod}`);
  const client = new pg.Client({
    ...target,
    user: 'app',
    password: appPassword(),
    database: 'appdb',
  });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function idsOn(pod: string, table: string): Promise<Set<number>> {
  const rows = await query<{ id: string }>(pod, `SELECT id FROM public."${table}"`);
  return new Set(rows.map((r) => Number(r.id)));
}

async function drillTables(pod: string): Promise<string[]> {
  const rows = await query<{ tablename: string }>(
    pod,
    "SELECT tablename FROM pg_tables WHERE tablename LIKE 'pgha\\_drill\\_%'",
  );
  return rows.map((r) => r.tablename);
}

/** What the second reader finds missing of the acknowledged writes, and rows never written. */
async function independentCheck(r: Report) {
  const present = await idsOn(r.primaries.new, r.table.name);
  const sent = new Set([...r.acknowledged_ids, ...r.in_doubt_ids]);
  return {
    missing: r.acknowledged_ids.filter((id) => !present.has(id)),
    ghosts: [...present].filter((id) => !sent.has(id)),
  };
}

beforeAll(async () => {
  dir = await mkdtemp('/tmp/pgha-drill-');
  await chmod(dir, 0o711);
  sandbox = await startSandbox({ dir, cloud: false, objectStore: false });
  const steps = await Promise.all([
    deploy('sy', {}),
    deploy('as', { 'sync-replicas': '0' }),
    deploy('one', { instances: '1', 'sync-replicas': '0' }),
  ]);
  for (const s of steps) expect(s.code, s.stdout).toBe(0);
}, 240_000);

afterAll(async () => {
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

async function killWithGraceOneAndSwitchBack(): Promise<void> {
  const original = String(status('sy').currentPrimary);
  const step = await drill('sy', { 'grace-period': '1', 'keep-table': 'true' });
  expect(step.code, step.stdout).toBe(0);
  const r = await report(step);
  expect(r.durability.text).toBe('sync any 1 required, failoverQuorum');
  expect(r.counts.acknowledged).toBeGreaterThan(50);
  expect(r.counts.lost).toBe(0);
  expect(step.outputs['lost-writes']).toBe('0');
  // The fault as pgha stamped it, against the sandbox's deletion; the new primary against its
  // promotion; downtime cannot be shorter than deletion to promotion.
  const fault = Date.parse(r.timestamps.fault ?? '');
  const deleted = await logged(new RegExp(`${NS}/${original}: pod deleted \\(grace 1s\\)`), fault);
  const promoted = await logged(new RegExp(`${NS}/sy: ${r.primaries.new} promoted`), fault);
  expect(deleted - fault).toBeGreaterThanOrEqual(-50);
  expect(deleted - fault).toBeLessThan(500);
  expect(Math.abs(r.seconds.failover * 1000 - (promoted - fault))).toBeLessThan(500);
  expect(r.seconds.downtime * 1000).toBeGreaterThanOrEqual(promoted - deleted);
  expect(r.primaries.timeline).toBe(2);
  // Switched back: the original instance is the primary of a healthy Cluster.
  expect(r.primaries.switched_back_to).toBe(original);
  expect(status('sy')).toMatchObject({ currentPrimary: original, phase: HEALTHY });
  expect(await independentCheck({ ...r, primaries: { ...r.primaries, new: original } })).toEqual({
    missing: [],
    ghosts: [],
  });
}

async function switchoverToMostAdvanced(): Promise<void> {
  const before = String(status('sy').currentPrimary);
  const other = before === 'sy-1' ? 'sy-2' : 'sy-1';
  const step = await drill('sy', {
    mode: 'switchover',
    'switch-back': 'false',
    'keep-table': 'true',
  });
  expect(step.code, step.stdout).toBe(0);
  const r = await report(step);
  expect(r.settings).toMatchObject({ mode: 'switchover', target: other });
  expect(step.outputs['new-primary']).toBe(other);
  expect(r.counts.lost).toBe(0);
  expect(await independentCheck(r)).toEqual({ missing: [], ghosts: [] });
  // The application password is masked at once and shown nowhere.
  const password = appPassword();
  expect(step.stdout).toContain(`::add-mask::${password}`);
  const shown = [step.stdout.replace(`::add-mask::${password}`, ''), step.stderr, step.summary];
  shown.push(JSON.stringify(step.outputs), await readFile(step.outputs.report ?? '', 'utf8'));
  expect(shown.join('\n')).not.toContain(password);
}

async function killWithGraceZeroOverMaxDowntime(): Promise<void> {
  const step = await drill('sy', {
    'grace-period': '0',
    'switch-back': 'false',
    'max-downtime': '100ms',
  });
  expect(step.code).toBe(1);
  expect(step.stdout).toMatch(
    /missed its thresholds: downtime [\d.]+ s, above max-downtime 0\.1 s/,
  );
  const r = await report(step);
  expect(r.outcome).toBe('failed');
  expect(r.counts.lost).toBe(0);
  expect(r.seconds.downtime).toBeGreaterThan(0.1);
  expect(step.summary).toContain('❌ **Failed**');
  // The table went before the verdict; the post step found nothing left.
  expect(await drillTables(r.primaries.new)).not.toContain(r.table.name);
  expect(step.post?.stdout).toContain('dropped by main');
}

async function refusedWritesNothing(): Promise<void> {
  let step: StepResult | undefined;
  const writes = await writesDuring(sandbox, async () => {
    step = await drill('one', {});
  });
  expect(step?.code).toBe(1);
  expect(step?.stdout).toContain('Refusing the failover drill on Cluster one; nothing was written');
  expect(step?.stdout).toContain('it has 1 instance: a failover needs a standby');
  expect(step?.summary).toContain('refused');
  expect(writes).toEqual([]);
  expect(await drillTables('one-1')).toEqual([]);
  expect(step?.post?.stdout).toContain('created no drill table');
}

async function asyncLossMatchesSecondReader(): Promise<void> {
  sandbox.faults.set({ replicationLatencyMs: 200 });
  let step: StepResult;
  try {
    step = await drill('as', { 'grace-period': '0', 'switch-back': 'false', 'keep-table': 'true' });
  } finally {
    sandbox.faults.set({ replicationLatencyMs: 0 });
  }
  expect(step.code).toBe(1);
  expect(step.stdout).toMatch(/missed its thresholds: \d+ lost writes, above max-lost-writes 0/);
  const r = await report(step);
  expect(r.durability.mode).toBe('async');
  expect(r.counts.lost).toBeGreaterThan(0);
  const second = await independentCheck(r);
  expect(second.missing).toEqual(r.lost_ids);
  expect(second.ghosts).toEqual([]);
  expect(step.outputs['lost-writes']).toBe(String(second.missing.length));
}

async function cancelledThenPost(): Promise<void> {
  const step = await drill('as', { 'switch-back': 'false' }, { cancelOn: /Fault: deleted pod/ });
  expect(step.cancelled).toBe(true);
  expect(step.code).toBe(1);
  expect(step.summary).toContain('was cancelled');
  const table = (JSON.parse(step.state['pgha-drill'] ?? '{}') as { table?: string }).table ?? '';
  expect(table).toMatch(/^pgha_drill_/);
  expect(step.post?.stdout).toContain('Main stopped mid-drill');
  expect(step.post?.stdout).toContain(`Dropped the drill table "public"."${table}"`);
  expect(step.post?.stdout).not.toContain('::warning::');
  const s = status('as');
  expect(s).toMatchObject({ phase: HEALTHY, readyInstances: 2 });
  expect(s.currentPrimary).toBe(s.targetPrimary);
  expect(await drillTables(String(s.currentPrimary))).not.toContain(table);
}

describe('a refused preflight', () => {
  // First and alone: the sandbox's write log is global.
  test('writes nothing', refusedWritesNothing, 60_000);
});

describe('failover-drill on the sandbox', () => {
  test.concurrent(
    'sync Cluster: kill (grace 1, switch back), switchover, kill (grace 0, max-downtime) lose nothing',
    async () => {
      await killWithGraceOneAndSwitchBack();
      await switchoverToMostAdvanced();
      await killWithGraceZeroOverMaxDowntime();
    },
    200_000,
  );

  test.concurrent(
    'async Cluster: lost writes under latency as a second reader counts them; a cancelled drill and its post step',
    async () => {
      await asyncLossMatchesSecondReader();
      await cancelledThenPost();
    },
    200_000,
  );
});
