// Backup figures of issue 5, on the sandbox (real PostgreSQL 18, Azurite):
//  1. WAL segment -> blob latency: pg_switch_wal() until the segment exists in the container.
//  2. Backup and restore time of a ~100 MB database: Backup created -> completed, and a
//     recovery Cluster created -> healthy with every row.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKUPS } from '../sandbox/backup/config.ts';
import { walBlobName } from '../sandbox/backup/layout.ts';
import { CLUSTERS } from '../sandbox/cnpg/resources.ts';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';

const NS = 'default';
const DEST = 'https://sandbox.blob.core.windows.net/backups/bench';
const bos = (extra: Record<string, unknown> = {}) => ({
  destinationPath: DEST,
  azureCredentials: { inheritFromAzureAD: true },
  ...extra,
});

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 600_000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function cluster(sandbox: Sandbox, name: string, spec: Record<string, unknown>) {
  sandbox.store.create(CLUSTERS, {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name, namespace: NS },
    spec: { instances: 1, storage: { size: '1Gi' }, ...spec },
  });
  return until(`${name} healthy`, () =>
    sandbox.store.get(CLUSTERS, NS, name)?.status?.phase === 'Cluster in healthy state'
      ? true
      : undefined,
  );
}

function server(sandbox: Sandbox, pod: string) {
  const inst = sandbox.cnpg.instance(NS, pod);
  if (!inst) throw new Error(`no instance ${pod}`);
  return inst;
}

export async function backupBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pgha-bench-backup-'));
  const sandbox = await startSandbox({ dir, cloud: false });
  try {
    await cluster(sandbox, 'pg-bench', { backup: { barmanObjectStore: bos() } });
    const primary = server(sandbox, 'pg-bench-1');
    const os = sandbox.objectStore;
    const account = os?.accounts.get('sandbox');
    if (!os || !account) throw new Error('no object store');
    const container = os.client(account).getContainerClient('backups');
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      await primary.query("SELECT pg_logical_emit_message(false, 'bench', 'x')");
      const started = Date.now();
      const [row] = await primary.query<{ f: string }>(
        'SELECT pg_walfile_name(pg_switch_wal()) AS f',
      );
      const blob = container.getBlobClient(walBlobName('bench/pg-bench', row?.f ?? ''));
      await until('segment archived', async () => ((await blob.exists()) ? true : undefined));
      latencies.push(Date.now() - started);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `\nWAL segment -> blob latency (5 segments): median ${String(latencies[2])} ms, max ${String(latencies[4])} ms`,
    );

    await primary.query(
      "CREATE TABLE big AS SELECT g AS id, repeat('x', 200) AS pad FROM generate_series(1, 420000) g",
    );
    const [size] = await primary.query<{ mb: string }>(
      'SELECT (pg_database_size(current_database()) / 1048576)::int AS mb',
    );
    const t0 = Date.now();
    sandbox.store.create(BACKUPS, {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Backup',
      metadata: { name: 'bench', namespace: NS },
      spec: { cluster: { name: 'pg-bench' } },
    });
    const phase = await until('backup done', () => {
      const p = sandbox.store.get(BACKUPS, NS, 'bench')?.status?.phase;
      return p === 'completed' || p === 'failed' ? p : undefined;
    });
    const backupMs = Date.now() - t0;
    const t1 = Date.now();
    await cluster(sandbox, 'pg-bench-restored', {
      bootstrap: { recovery: { source: 'origin' } },
      externalClusters: [{ name: 'origin', barmanObjectStore: bos({ serverName: 'pg-bench' }) }],
    });
    const restoreMs = Date.now() - t1;
    const [count] = await server(sandbox, 'pg-bench-restored-1').query<{ n: string }>(
      'SELECT count(*) AS n FROM big',
    );
    console.log(
      `Backup of a ${size?.mb ?? '?'} MB database (postgres db): ${phase}, ${String(backupMs)} ms (Backup created -> completed)`,
    );
    console.log(
      `Restore of it: ${String(restoreMs)} ms (recovery Cluster created -> healthy), ${count?.n ?? '?'} rows back`,
    );
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
