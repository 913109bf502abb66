// Fault injection settings shared by the API server and the controllers. Set at start
// (startSandbox({ faults })) and changed while running (sandbox.faults.set(...) in process,
// or PUT /sandbox/faults with a JSON body on the API server).

export interface FaultConfig {
  /** Added to every API request before it is answered. */
  apiLatencyMs: number;
  /**
   * Share (0..1) of API requests answered with an error instead of being served. Spread
   * evenly, not drawn at random: with 0.3 every third or fourth request fails, so a test that
   * makes a handful of requests always meets the fault.
   */
  apiErrorRate: number;
  /** Status of injected errors: 429 (with Retry-After: 1), 500, or both in turn. */
  apiErrorStatus: 429 | 500 | 'mixed';
  /** Close every watch connection this long after it opened (0 = never). */
  dropWatchAfterMs: number;
  /** A deleted primary pod is never recreated. */
  primaryNeverReturns: boolean;
  /** Instance names (e.g. pg-1-2) whose PostgreSQL server fails to start. */
  failingInstances: string[];
  /**
   * Delay (ms) of every standby's streaming connection, both ways: each chunk of bytes reaches
   * the other side this long after it was sent (sandbox/postgres/replication-link.ts). Killing
   * a primary drops what is still in flight, so asynchronous standbys lose the last commits.
   */
  replicationLatencyMs: number;
  /** Every archive_command attempt fails while true (WAL piles up in pg_wal, as in CNPG). */
  walArchiveFailing: boolean;
  /** Backups (by Backup name, or '*' for all) whose base backup upload fails. */
  failingBackups: string[];
  /** Every object store request fails as if the storage account could not be reached. */
  objectStoreUnreachable: boolean;
}

export const DEFAULT_FAULTS: FaultConfig = {
  apiLatencyMs: 0,
  apiErrorRate: 0,
  apiErrorStatus: 500,
  dropWatchAfterMs: 0,
  primaryNeverReturns: false,
  failingInstances: [],
  replicationLatencyMs: 0,
  walArchiveFailing: false,
  failingBackups: [],
  objectStoreUnreachable: false,
};

export class Faults {
  #config: FaultConfig;
  /** Error credit of apiErrorRate: grows by the rate per request, an error spends 1. */
  #credit = 0;
  #injected = 0;
  constructor(initial: Partial<FaultConfig> = {}) {
    this.#config = { ...DEFAULT_FAULTS, ...initial };
  }
  get(): Readonly<FaultConfig> {
    return this.#config;
  }
  set(change: Partial<FaultConfig>): void {
    this.#config = { ...this.#config, ...change };
    this.#credit = 0;
  }
  /** For one API request: the status to fail it with, or undefined to serve it. */
  nextApiError(): 429 | 500 | undefined {
    const { apiErrorRate: rate, apiErrorStatus: status } = this.#config;
    if (rate <= 0) return undefined;
    this.#credit += Math.min(rate, 1);
    if (this.#credit < 1 - 1e-9) return undefined;
    this.#credit -= 1;
    this.#injected++;
    if (status !== 'mixed') return status;
    return this.#injected % 2 === 1 ? 429 : 500;
  }
}
