// Fault injection settings shared by the API server and the controllers. Set at start
// (startSandbox({ faults })) and changed while running (sandbox.faults.set(...) in process,
// or PUT /sandbox/faults with a JSON body on the API server).

export interface FaultConfig {
  /** Added to every API request before it is answered. */
  apiLatencyMs: number;
  /** Share (0..1) of API requests answered with an error instead of being served. */
  apiErrorRate: number;
  /** Status of injected errors: 429 (with Retry-After: 1), 500, or a mix of both. */
  apiErrorStatus: 429 | 500 | 'mixed';
  /** Close every watch connection this long after it opened (0 = never). */
  dropWatchAfterMs: number;
  /** A deleted primary pod is never recreated. */
  primaryNeverReturns: boolean;
  /** Instance names (e.g. pg-1-2) whose PostgreSQL server fails to start. */
  failingInstances: string[];
  /** Time between losing the primary and promoting a replica (detection + lease). */
  failoverDelayMs: number;
}

export const DEFAULT_FAULTS: FaultConfig = {
  apiLatencyMs: 0,
  apiErrorRate: 0,
  apiErrorStatus: 500,
  dropWatchAfterMs: 0,
  primaryNeverReturns: false,
  failingInstances: [],
  failoverDelayMs: 1000,
};

export class Faults {
  #config: FaultConfig;
  constructor(initial: Partial<FaultConfig> = {}) {
    this.#config = { ...DEFAULT_FAULTS, ...initial };
  }
  get(): Readonly<FaultConfig> {
    return this.#config;
  }
  set(change: Partial<FaultConfig>): void {
    this.#config = { ...this.#config, ...change };
  }
}
