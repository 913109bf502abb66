// Failover figures of issue 10, on the sandbox (real PostgreSQL 18 servers, CNPG emulation):
//  1. Failover after an abrupt kill (pod deleted with grace 0 under write load): delete ->
//     new currentPrimary, and the write gap, with the default primary lease (15 s) and 3 s.
//  2. Write gap after a graceful delete (grace 60 s, smartShutdownTimeout 5 s).
//  3. Committed rows lost per kill with 200 ms replication latency: asynchronous replication
//     and synchronous (method any, number 1, dataDurability required).
// BENCH_RUNS (default 3) kills per lease setting; BENCH_LOSS_RUNS (default 5) per loss setting.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import pg from 'pg';
import { CLUSTERS, PODS, SECRETS } from '../sandbox/cnpg/resources.ts';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';
import { lostIds, startWriters } from '../test/helpers/writers.ts';

const NS = 'default';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LOSS_RUNS = Number(process.env.BENCH_LOSS_RUNS ?? 5);
const SHORT_LEASE = { leaseDurationSeconds: 3, renewDeadlineSeconds: 2, retryPeriodSeconds: 1 };
const SYNC = { synchronous: { method: 'any', number: 1, dataDurability: 'required' } };

const fmt = (ms: number[]) => ms.map((x) => `${(x / 1000).toFixed(1)} s`).join(', ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined) {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

class Bench {
  readonly #sb: Sandbox;
  constructor(sandbox: Sandbox) {
    this.#sb = sandbox;
  }

  status(name: string): Record<string, unknown> {
    return this.#sb.store.get(CLUSTERS, NS, name)?.status ?? {};
  }

  async healthy(name: string, instances: number): Promise<void> {
    await until(`${name} healthy`, () => {
      const s = this.status(name);
      const ok = s.phase === 'Cluster in healthy state' && s.readyInstances === instances;
      return ok && s.currentPrimary === s.targetPrimary ? true : undefined;
    });
  }

  async client(name: string, pod: string): Promise<pg.Client> {
    const secret = this.#sb.store.get(SECRETS, NS, `${name}-app`);
    const data = (secret?.data ?? {}) as Record<string, string>;
    const target = this.#sb.portForward(NS, pod, 5432);
    if (!target) throw new Error(`no server behind ${pod}`);
    const password = Buffer.from(data.password ?? '', 'base64').toString();
    const c = new pg.Client({ ...target, user: 'app', password, database: 'app' });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  }

  /** The pod `<name>-rw` selects: labelled primary, not terminating. */
  rwPod(name: string): string | undefined {
    const selector = `cnpg.io/cluster=${name},cnpg.io/instanceRole=primary`;
    const pods = this.#sb.store.list(PODS, NS, { labelSelector: selector });
    return pods.find((p) => !p.metadata.deletionTimestamp)?.metadata.name;
  }

  async cluster(name: string, spec: Record<string, unknown>): Promise<void> {
    this.#sb.store.create(CLUSTERS, {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name, namespace: NS },
      spec: { instances: 2, storage: { size: '1Gi' }, ...spec },
    });
    await this.healthy(name, 2);
    const c = await this.client(name, String(this.status(name).currentPrimary));
    await c.query('CREATE TABLE writes (id int PRIMARY KEY)');
    await c.end();
  }

  writers(name: string, firstId: number) {
    return startWriters({
      table: 'writes',
      writers: 2,
      firstId,
      connect: async () => {
        const pod = this.rwPod(name);
        if (!pod) throw new Error('no primary');
        return { client: await this.client(name, pod), pod };
      },
    });
  }

  /** Deletes the primary pod under load; ms to the new currentPrimary, and the writes. */
  async deletePrimary(name: string, grace: number, run: number) {
    const writers = this.writers(name, run * 1_000_000);
    await until('writes', () => (writers.acked() >= 10 ? true : undefined));
    await new Promise((r) => setTimeout(r, 1000));
    const old = String(this.status(name).currentPrimary);
    const started = Date.now();
    this.#sb.store.delete(PODS, NS, old, { gracePeriodSeconds: grace });
    const primary = await until('a new primary', () => {
      const s = this.status(name);
      return s.currentPrimary !== old && s.currentPrimary === s.targetPrimary
        ? String(s.currentPrimary)
        : undefined;
    });
    const failoverMs = Date.now() - started;
    await until('a write on the new primary', () =>
      writers.last()?.pod === primary ? true : undefined,
    );
    const record = await writers.stop();
    const c = await this.client(name, primary);
    const { rows } = await c.query<{ id: number }>('SELECT id FROM writes');
    await c.end();
    await this.healthy(name, 2);
    return {
      failoverMs,
      record,
      old,
      lost: lostIds(
        record,
        rows.map((r) => r.id),
      ).length,
    };
  }

  setLatency(ms: number): void {
    this.#sb.faults.set({ replicationLatencyMs: ms });
  }
}

async function abruptKills(
  b: Bench,
  label: string,
  name: string,
  spec: Record<string, unknown>,
): Promise<void> {
  await b.cluster(name, spec);
  const failovers: number[] = [];
  const gaps: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const r = await b.deletePrimary(name, 0, run);
    failovers.push(r.failoverMs);
    gaps.push(r.record.gapMs);
  }
  console.log(
    `  ${label}: delete -> new primary ${fmt(failovers)} (median ${fmt([median(failovers)])}); write gap ${fmt(gaps)}`,
  );
}

async function gracefulDeletes(b: Bench): Promise<void> {
  await b.cluster('fo-graceful', { primaryLease: SHORT_LEASE, smartShutdownTimeout: 5 });
  const gaps: number[] = [];
  const kept: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const started = Date.now();
    const r = await b.deletePrimary('fo-graceful', 60, run);
    const onOld = r.record.acks.filter((a) => a.pod === r.old).map((a) => a.at);
    kept.push(Math.max(...onOld) - started);
    gaps.push(r.record.gapMs);
  }
  console.log(
    `  graceful delete (grace 60 s, smartShutdownTimeout 5 s): old primary kept writing ${fmt(kept)} after the delete; write gap ${fmt(gaps)}`,
  );
}

async function losses(b: Bench): Promise<void> {
  await b.cluster('fo-async', { primaryLease: SHORT_LEASE });
  await b.cluster('fo-sync', { primaryLease: SHORT_LEASE, postgresql: SYNC });
  b.setLatency(200);
  for (const [name, label] of [
    ['fo-async', 'asynchronous'],
    ['fo-sync', 'synchronous (any 1, required)'],
  ] as const) {
    const lost: number[] = [];
    const acked: number[] = [];
    for (let run = 1; run <= LOSS_RUNS; run++) {
      const r = await b.deletePrimary(name, 0, run);
      lost.push(r.lost);
      acked.push(r.record.acks.length);
    }
    console.log(
      `  ${label}: lost ${lost.join(', ')} of ${acked.join(', ')} acknowledged writes per kill`,
    );
  }
  b.setLatency(0);
}

export async function failoverBench(): Promise<void> {
  const dir = mkdtempSync('/tmp/pgha-bench-failover-');
  chmodSync(dir, 0o711);
  const sandbox = await startSandbox({ dir, cloud: false, objectStore: false });
  const b = new Bench(sandbox);
  try {
    console.log(
      `\nFailover after an abrupt kill (pod deleted with grace 0 under writes), ${RUNS} runs:`,
    );
    await abruptKills(b, 'default lease (15 s)', 'fo-default', {});
    await abruptKills(b, '3 s lease', 'fo-short', { primaryLease: SHORT_LEASE });
    console.log('\nGraceful delete under writes:');
    await gracefulDeletes(b);
    console.log(`\nCommitted rows lost per kill, 200 ms replication latency, ${LOSS_RUNS} runs:`);
    await losses(b);
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
