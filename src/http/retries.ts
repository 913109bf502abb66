// Bounded retries for the REST clients (ARM, Blob, S3): attempts until one succeeds, with
// exponential backoff and jitter, Retry-After honoured up to a bound, and the defaults every
// client starts from. A client turns each attempt into an AttemptOutcome.
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../logging.ts';

/** What a client's options may set of the retries; the rest are defaults. */
export interface RetryOptions {
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Attempts per request, the first included. Default 5. */
  readonly maxAttempts?: number;
  /** Longest Retry-After waited for; a longer one fails the request. Default 60 s. */
  readonly maxRetryAfterMs?: number;
  /** Stops the waits (the job is cancelled). */
  readonly signal?: AbortSignal;
}

export function retryDefaults(o: RetryOptions) {
  return {
    fetch: o.fetch ?? globalThis.fetch,
    sleep: o.sleep ?? ((ms: number) => delay(ms, undefined, o.signal ? { signal: o.signal } : {})),
    random: o.random ?? Math.random,
    maxAttempts: o.maxAttempts ?? 5,
    maxRetryAfterMs: o.maxRetryAfterMs ?? 60_000,
  };
}

/** One attempt's result, or its error with whether (and after how long) to try again. */
export type AttemptOutcome<R> =
  | { readonly result: R }
  | {
      readonly error: Error;
      readonly retryable: boolean;
      readonly reason: string;
      readonly retryAfterMs?: number;
    };

export interface RetrySettings {
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly maxAttempts: number;
  readonly maxRetryAfterMs: number;
  readonly logger: Logger;
  /** What the request is for, in the retry log lines. */
  readonly context: string;
  /** True once no retry may start (the step was cancelled). */
  readonly stopped?: () => boolean;
}

/** Runs attempts until one succeeds or retryDelay says to give up; the last error is thrown. */
export async function withRetries<R>(
  attempt: () => Promise<AttemptOutcome<R>>,
  s: RetrySettings,
): Promise<R> {
  for (let n = 1; ; n++) {
    const outcome = await attempt();
    if ('result' in outcome) return outcome.result;
    const wait = s.stopped?.() ? undefined : retryDelay(outcome, n, s);
    if (wait === undefined) {
      if (n > 1) outcome.error.message += ` (gave up after ${n} attempts)`;
      throw outcome.error;
    }
    s.logger.debug(`${s.context}: ${outcome.reason}; retrying in ${Math.round(wait)} ms`);
    await s.sleep(wait);
  }
}

/** Milliseconds to wait before the next attempt, or undefined to give up. */
export function retryDelay(
  outcome: { readonly retryable: boolean; readonly retryAfterMs?: number },
  attempt: number,
  settings: {
    readonly random: () => number;
    readonly maxAttempts: number;
    readonly maxRetryAfterMs: number;
  },
): number | undefined {
  if (!outcome.retryable || attempt >= settings.maxAttempts) return undefined;
  if (outcome.retryAfterMs !== undefined) {
    if (outcome.retryAfterMs > settings.maxRetryAfterMs) return undefined;
    return outcome.retryAfterMs + settings.random() * 500;
  }
  const backoff = Math.min(1000 * 2 ** (attempt - 1), 16_000);
  return backoff / 2 + (settings.random() * backoff) / 2;
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
