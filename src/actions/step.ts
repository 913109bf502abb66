// What one run of an action did, recorded as it goes: the phases (each in a log group, timed),
// the outputs (names typed from the spec) and the typed facts the job summary is built from.
// The runner turns it into outputs and a summary once, on success and on failure alike.
import type { ActionContext } from './context.ts';

export type PhaseOutcome = 'done' | 'failed' | 'cancelled';

export interface PhaseRecord {
  readonly title: string;
  readonly ms: number;
  readonly outcome: PhaseOutcome;
}

export interface Failure {
  readonly message: string;
  /** The phase that failed, when one did. */
  readonly phase?: string;
  /** What was gathered about the failure (pod states, events, ...), plain text. */
  readonly diagnostics?: string;
  readonly cancelled: boolean;
}

/** What the summary of an action is built from. */
export interface StepResult<F> {
  readonly facts: Partial<F>;
  readonly phases: readonly PhaseRecord[];
  readonly failure?: Failure;
}

/** Where a phase may write outputs: a Step whose output names include N. */
export interface OutputSink<N extends string> {
  output(name: N, value: string | number | boolean | undefined): void;
}

export class Step<O extends string, F extends object> implements OutputSink<O> {
  readonly phases: PhaseRecord[] = [];
  readonly facts: Partial<F> = {};
  readonly #outputs = new Map<O, string>();
  readonly #running = new Map<number, { title: string; started: number }>();
  #next = 0;
  readonly #ctx: Pick<ActionContext, 'logger' | 'now' | 'signal'>;

  constructor(ctx: Pick<ActionContext, 'logger' | 'now' | 'signal'>) {
    this.#ctx = ctx;
  }

  /** Runs one named phase in a log group, timed; a cancelled step starts no new phase. */
  async phase<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.#ctx.signal.throwIfAborted();
    const started = this.#ctx.now();
    const id = this.#next++;
    this.#running.set(id, { title, started });
    let outcome: PhaseOutcome = 'failed';
    try {
      const value = await this.#ctx.logger.group(title, fn);
      outcome = 'done';
      return value;
    } catch (error) {
      if (this.#ctx.signal.aborted) outcome = 'cancelled';
      throw error;
    } finally {
      this.#running.delete(id);
      this.phases.push({ title, ms: this.#ctx.now() - started, outcome });
    }
  }

  /**
   * The phases so far; phases still running (the run was cancelled or abandoned while they
   * waited) are listed as cancelled, with the time they had run.
   */
  snapshot(): PhaseRecord[] {
    const now = this.#ctx.now();
    const running = [...this.#running.values()].map((r): PhaseRecord => ({
      title: r.title,
      ms: now - r.started,
      outcome: 'cancelled',
    }));
    return [...this.phases, ...running];
  }

  /** Records an output; undefined leaves it unset. The runner sets them all at the end. */
  output(name: O, value: string | number | boolean | undefined): void {
    if (value !== undefined) this.#outputs.set(name, String(value));
  }

  /** Adds facts for the summary. */
  record(facts: Partial<F>): void {
    Object.assign(this.facts, facts);
  }

  get outputs(): ReadonlyMap<O, string> {
    return this.#outputs;
  }

  /** The phase that failed or was cancelled, if any. */
  get failedPhase(): string | undefined {
    return this.snapshot().find((p) => p.outcome !== 'done')?.title;
  }
}
