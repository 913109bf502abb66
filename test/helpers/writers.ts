// Clients that insert ids into a table as fast as they can, each on its own connection, and
// record which inserts the server acknowledged (and when), which failed (in doubt: the commit
// may or may not have happened), and through which pod. What a failover drill measures:
// acknowledged rows missing afterwards are lost writes; the longest time without an
// acknowledgement is the write gap.
import type pg from 'pg';

export interface Ack {
  id: number;
  at: number;
  pod: string;
}

export interface WriteRecord {
  acks: Ack[];
  inDoubt: number[];
  /** Longest time between two acknowledgements (all writers together), in ms. */
  gapMs: number;
}

export interface WriterOptions {
  /** Opens a connection to the pod that should take writes now (e.g. behind `-rw`). */
  connect: () => Promise<{ client: pg.Client; pod: string }>;
  table: string;
  writers: number;
  /** First id; writer w writes firstId + w, firstId + w + writers, ... */
  firstId: number;
  /** Pause after a failed attempt. */
  retryMs?: number;
}

export interface Writers {
  /** Inserts acknowledged so far. */
  acked(): number;
  /** The latest acknowledgement. */
  last(): Ack | undefined;
  stop(): Promise<WriteRecord>;
}

function longestGap(acks: Ack[]): number {
  const times = acks.map((a) => a.at).sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < times.length; i++) gap = Math.max(gap, (times[i] ?? 0) - (times[i - 1] ?? 0));
  return gap;
}

export function startWriters(o: WriterOptions): Writers {
  const state = { running: true };
  const acks: Ack[] = [];
  const inDoubt: number[] = [];
  const loop = async (w: number) => {
    let conn: { client: pg.Client; pod: string } | undefined;
    let id = o.firstId + w;
    while (state.running) {
      try {
        if (!conn) {
          conn = await o.connect();
          conn.client.on('error', () => undefined);
        }
        await conn.client.query(`INSERT INTO ${o.table} (id) VALUES ($1)`, [id]);
        acks.push({ id, at: Date.now(), pod: conn.pod });
        id += o.writers;
      } catch {
        if (conn) {
          inDoubt.push(id);
          id += o.writers;
        }
        await conn?.client.end().catch(() => undefined);
        conn = undefined;
        await new Promise((r) => setTimeout(r, o.retryMs ?? 50));
      }
    }
    await conn?.client.end().catch(() => undefined);
  };
  const loops = Array.from({ length: o.writers }, (_, w) => loop(w));
  return {
    acked: () => acks.length,
    last: () => acks.at(-1),
    stop: async () => {
      state.running = false;
      await Promise.all(loops);
      return { acks, inDoubt, gapMs: longestGap(acks) };
    },
  };
}

/** Acknowledged ids that `present` does not contain. */
export function lostIds(record: WriteRecord, present: Iterable<number>): number[] {
  const have = new Set(present);
  return record.acks.map((a) => a.id).filter((id) => !have.has(id));
}
