// The drill table in the application database: one row per write, its id chosen by the
// writer, the writer's number, and what the server filled in: the timeline the row was
// written on (as CNPG's own fast-failover e2e tags rows) and the server's clock. Created and
// read as the application user over a port-forward; dropped as postgres inside the primary's
// pod, so that a post step needs no password.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Client } from 'pg';
import { forwardPort } from '../kube/port-forward.ts';
import { psqlInPod } from './psql.ts';
import { openSession, type Credentials } from './session.ts';

export interface DrillTable {
  readonly schema: string;
  readonly name: string;
}

/** `pgha_drill_<UTC YYYYMMDDHHMMSS>_<4 hex>`: unique, sortable, a plain identifier. */
export function drillTableName(now: number, random: () => number = Math.random): string {
  const stamp = new Date(now).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const suffix = Math.floor(random() * 0x10000)
    .toString(16)
    .padStart(4, '0');
  return `pgha_drill_${stamp}_${suffix}`;
}

export function qualified(t: DrillTable): string {
  return `"${t.schema}"."${t.name}"`;
}

export function createTableSql(t: DrillTable): string {
  return `CREATE TABLE ${qualified(t)} (
  id bigint PRIMARY KEY,
  writer integer NOT NULL,
  tl text NOT NULL DEFAULT substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8),
  at timestamptz NOT NULL DEFAULT clock_timestamp()
)`;
}

/** Runs fn in a session as the application user on one pod, through a port-forward. */
export async function withSession<T>(
  kc: KubeConfig,
  where: { readonly namespace: string; readonly pod: string },
  credentials: Credentials,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const port = await forwardPort(kc, { ...where, port: 5432 });
  try {
    const client = await openSession(port, credentials, { applicationName: 'pgha-failover-drill' });
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    await port.close();
  }
}

export async function createDrillTable(client: Client, t: DrillTable, note: string): Promise<void> {
  await client.query(createTableSql(t));
  await client.query(`COMMENT ON TABLE ${qualified(t)} IS ${literal(note)}`);
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export interface TimelineRows {
  readonly timeline: string;
  readonly rows: number;
  /** Server clock of the first and last row on that timeline (ms since the epoch). */
  readonly first: number;
  readonly last: number;
}

export interface ReadBack {
  readonly ids: ReadonlySet<number>;
  readonly byTimeline: readonly TimelineRows[];
}

export async function readBack(client: Client, t: DrillTable): Promise<ReadBack> {
  const ids = await client.query<{ id: string }>(`SELECT id FROM ${qualified(t)}`);
  const tl = await client.query<{ tl: string; n: string; first: Date; last: Date }>(
    `SELECT tl, count(*) AS n, min(at) AS first, max(at) AS last FROM ${qualified(t)} GROUP BY tl ORDER BY tl`,
  );
  return {
    ids: new Set(ids.rows.map((r) => Number(r.id))),
    byTimeline: tl.rows.map((r) => ({
      timeline: r.tl,
      rows: Number(r.n),
      first: r.first.getTime(),
      last: r.last.getTime(),
    })),
  };
}

/** DROP TABLE IF EXISTS as postgres inside the primary's pod. */
export async function dropDrillTable(
  kc: KubeConfig,
  where: { readonly namespace: string; readonly pod: string; readonly database: string },
  t: DrillTable,
): Promise<void> {
  await psqlInPod(kc, where, `DROP TABLE IF EXISTS ${qualified(t)}`, { database: where.database });
}
