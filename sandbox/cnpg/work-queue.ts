// A keyed work queue as controller-runtime has: at most one pass per key at a time; a key
// added while its pass runs gets exactly one more pass afterwards; delayed adds coalesce.
// Passes start asynchronously, never within add().
export class WorkQueue {
  readonly #worker: (key: string) => Promise<void>;
  readonly #dirty = new Set<string>();
  readonly #running = new Map<string, Promise<void>>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  #closed = false;

  constructor(worker: (key: string) => Promise<void>) {
    this.#worker = worker;
  }

  add(key: string, delayMs = 0): void {
    if (this.#closed) return;
    if (delayMs > 0) {
      if (this.#timers.has(key)) return;
      const timer = setTimeout(() => {
        this.#timers.delete(key);
        this.add(key);
      }, delayMs);
      this.#timers.set(key, timer);
      return;
    }
    this.#dirty.add(key);
    if (!this.#running.has(key)) this.#running.set(key, this.#drain(key));
  }

  async #drain(key: string): Promise<void> {
    // Never run inside the caller's stack: watch events arrive in the middle of store writes.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.#dirty.has(key) && !this.#closed) {
        this.#dirty.delete(key);
        await this.#worker(key);
      }
    } finally {
      this.#running.delete(key);
    }
  }

  /** Stops accepting work; resolves when the passes in flight have finished. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#running.values()]);
  }
}
