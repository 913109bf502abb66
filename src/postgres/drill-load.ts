// The drill's write load: `writers` connections, each through its own port-forward whose pod
// is resolved for every new connection (the primary the tracker names, or none), inserting
// numbered rows, one autocommit INSERT (its own transaction) at a time. Every write is
// recorded by what the client knows of it:
// - acknowledged: the COMMIT returned (with the pod and the timeline the row was written on);
// - rejected: the server answered with an ERROR, so the transaction rolled back;
// - in doubt: it was sent, then the connection ended (or a FATAL came, or no answer within
//   WRITE_TIMEOUT_MS): it may or may not have committed;
// - failed before sending: no connection to send it on (counted, no id used).
// After a failure a writer waits 50-100 ms and reconnects; while there is no primary it tries
// again as soon as one appears, so the first write on a new primary follows its appearance by
// the port-forward and the login, not by a sleep.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Client } from 'pg';
import { forwardPort, type LocalPort } from '../kube/port-forward.ts';
import { openSession, type Credentials } from './session.ts';

export interface Ack {
  readonly id: number;
  readonly at: number;
  readonly pod: string;
  /** The timeline the row was written on (first 8 hex digits of its WAL file name). */
  readonly timeline: string;
}

export interface FailedWrite {
  readonly id: number;
  readonly at: number;
  readonly pod: string;
  readonly error: string;
}

export interface LoadRecord {
  readonly started: number;
  readonly stopped: number;
  readonly acks: readonly Ack[];
  readonly inDoubt: readonly FailedWrite[];
  readonly rejected: readonly FailedWrite[];
  readonly failedBeforeSending: number;
  readonly connections: number;
}

export interface LoadOptions {
  readonly kc: KubeConfig;
  readonly namespace: string;
  readonly credentials: Credentials;
  /** A quoted, schema-qualified table name with columns id, writer. */
  readonly table: string;
  readonly writers: number;
  /** The pod to connect to now, or undefined while there is none. */
  readonly pod: () => string | undefined;
  readonly now: () => number;
  readonly random?: () => number;
  /**
   * Resolves at the next change of where writes go: a writer with no primary to connect to
   * tries again then instead of sleeping out its backoff.
   */
  readonly changed?: () => Promise<void>;
}

export const WRITE_TIMEOUT_MS = 10_000;
export const APPLICATION_NAME = 'pgha-failover-drill';

type Outcome = 'rejected' | 'in-doubt' | 'before-send';

/** What an error of one INSERT says about whether it committed. */
export function classifyWriteError(error: unknown): Outcome {
  const e = error as { message?: unknown; severity?: unknown; code?: unknown };
  const message = typeof e.message === 'string' ? e.message : '';
  if (/not queryable/.test(message)) return 'before-send';
  if (typeof e.severity !== 'string' || typeof e.code !== 'string') return 'in-doubt';
  if (e.severity === 'FATAL' || e.severity === 'PANIC') return 'in-doubt';
  // Connection exceptions and operator intervention (admin shutdown, crash) end the session.
  if (e.code.startsWith('08') || e.code.startsWith('57P')) return 'in-doubt';
  return 'rejected';
}

/** No acknowledgement the caller waited for came in time. */
export class AckTimeout extends Error {
  override readonly name = 'AckTimeout';
}

class WriteTimeout extends Error {
  override readonly name = 'WriteTimeout';
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new WriteTimeout(`no answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

interface Session {
  readonly client: Client;
  readonly pod: string;
  broken: boolean;
}

export class DrillLoad {
  readonly #o: LoadOptions;
  readonly #acks: Ack[] = [];
  readonly #inDoubt: FailedWrite[] = [];
  readonly #rejected: FailedWrite[] = [];
  readonly #ports: LocalPort[] = [];
  readonly #listeners = new Set<() => void>();
  readonly #started: number;
  #failedBeforeSending = 0;
  #connections = 0;
  #nextId = 1;
  #running = true;
  #loops: Promise<void>[] = [];

  private constructor(o: LoadOptions) {
    this.#o = o;
    this.#started = o.now();
  }

  static async start(o: LoadOptions): Promise<DrillLoad> {
    const load = new DrillLoad(o);
    const resolve = () => {
      const pod = o.pod();
      return pod ? Promise.resolve(pod) : Promise.reject(new Error('no primary to write to'));
    };
    for (let w = 0; w < o.writers; w++)
      load.#ports.push(
        await forwardPort(o.kc, { namespace: o.namespace, pod: resolve, port: 5432 }),
      );
    load.#loops = load.#ports.map((port, w) => load.#writer(port, w + 1));
    return load;
  }

  get acknowledged(): number {
    return this.#acks.length;
  }

  /** Resolves with the first acknowledgement the probe accepts (earlier ones included). */
  untilAck(probe: (a: Ack) => boolean, deadline: number, what: string): Promise<Ack> {
    return new Promise<Ack>((resolve, reject) => {
      let seen = 0;
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.#listeners.delete(check);
        settle();
      };
      const check = () => {
        for (; seen < this.#acks.length; seen++) {
          const ack = this.#acks[seen];
          if (ack && probe(ack)) {
            finish(() => {
              resolve(ack);
            });
            return;
          }
        }
        if (!this.#running)
          finish(() => {
            reject(new Error(`the load stopped before ${what}`));
          });
      };
      const timer = setTimeout(
        () => {
          finish(() => {
            reject(new AckTimeout(`timed out waiting for ${what}`));
          });
        },
        Math.max(0, deadline - this.#o.now()),
      );
      this.#listeners.add(check);
      check();
    });
  }

  /** Stops writing; writes still unanswered after graceMs end in doubt. */
  async stop(graceMs = 3000): Promise<LoadRecord> {
    this.#running = false;
    const all = Promise.all(this.#loops);
    const timer = setTimeout(() => {
      for (const port of this.#ports) void port.close();
    }, graceMs);
    await all;
    clearTimeout(timer);
    await Promise.all(this.#ports.map((p) => p.close()));
    this.#notify();
    return {
      started: this.#started,
      stopped: this.#o.now(),
      acks: this.#acks,
      inDoubt: this.#inDoubt,
      rejected: this.#rejected,
      failedBeforeSending: this.#failedBeforeSending,
      connections: this.#connections,
    };
  }

  async #writer(port: LocalPort, writer: number): Promise<void> {
    let session: Session | undefined;
    while (this.#running) {
      session ??= await this.#connect(port);
      if (!session) {
        this.#failedBeforeSending++;
        await this.#backoff(true);
        continue;
      }
      if (!(await this.#write(session, writer))) {
        void session.client.end().catch(() => undefined);
        session = undefined;
        await this.#backoff();
      }
    }
    if (session) await session.client.end().catch(() => undefined);
  }

  async #connect(port: LocalPort): Promise<Session | undefined> {
    if (!this.#o.pod()) return undefined;
    const holder: { session?: Session } = {};
    try {
      const client = await openSession(port, this.#o.credentials, {
        connectTimeoutMs: 2000,
        applicationName: APPLICATION_NAME,
        onError: () => {
          if (holder.session) holder.session.broken = true;
        },
      });
      client.on('end', () => {
        if (holder.session) holder.session.broken = true;
      });
      this.#connections++;
      holder.session = { client, pod: port.connections.at(-1)?.pod ?? '', broken: false };
      return holder.session;
    } catch {
      return undefined;
    }
  }

  /** One write; false when the session is done for. */
  async #write(s: Session, writer: number): Promise<boolean> {
    if (s.broken) {
      this.#failedBeforeSending++;
      return false;
    }
    const id = this.#nextId++;
    try {
      const sql = `INSERT INTO ${this.#o.table} (id, writer) VALUES ($1, $2) RETURNING tl`;
      const res = await within(s.client.query<{ tl: string }>(sql, [id, writer]), WRITE_TIMEOUT_MS);
      this.#acks.push({ id, at: this.#o.now(), pod: s.pod, timeline: res.rows[0]?.tl ?? '' });
      this.#notify();
      return true;
    } catch (error) {
      const outcome = classifyWriteError(error);
      const failed = { id, at: this.#o.now(), pod: s.pod, error: String(error) };
      if (outcome === 'before-send') this.#failedBeforeSending++;
      else if (outcome === 'rejected') this.#rejected.push(failed);
      else this.#inDoubt.push(failed);
      return false;
    }
  }

  /** 50-100 ms; with wake, less when the primary changes meanwhile. */
  #backoff(wake = false): Promise<void> {
    const ms = 50 + Math.floor((this.#o.random ?? Math.random)() * 50);
    let timer: NodeJS.Timeout | undefined;
    const slept = new Promise<void>((r) => {
      timer = setTimeout(r, ms);
    });
    const changed = wake && this.#o.changed ? this.#o.changed() : undefined;
    if (!changed) return slept;
    return Promise.race([slept, changed]).finally(() => {
      clearTimeout(timer);
    });
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
