// One ARM request over fetch: bearer token from the login, bounded retries with jitter on
// throttling (429), server errors and transient conflicts, honouring Retry-After. Bodies are
// never logged: credential responses carry kubeconfigs.
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../logging.ts';
import { armError, isRetryable, parseArmError } from './arm-errors.ts';
import { errorText } from './login-errors.ts';

export interface ArmHttpOptions {
  /** ARM base URL, e.g. https://management.azure.com. */
  readonly endpoint: string;
  readonly getToken: () => Promise<string>;
  readonly logger: Logger;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Attempts per request, the first included. Default 5. */
  readonly maxAttempts?: number;
  /** Longest Retry-After pgha waits; a longer one fails the request. Default 60 s. */
  readonly maxRetryAfterMs?: number;
  /** Bound of one attempt, response body included. Default 60 s. */
  readonly requestTimeoutMs?: number;
}

export interface ArmCall {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Path below the endpoint, starting with /subscriptions/. */
  readonly path: string;
  readonly apiVersion: string;
  readonly body?: unknown;
  /** What the request is for, the prefix of every error: "getting AKS cluster aks-pg in rg-pg". */
  readonly context: string;
  /** Answer 404 with { status: 404 } instead of throwing. */
  readonly allowNotFound?: boolean;
}

export interface ArmResult {
  readonly status: number;
  readonly body: unknown;
}

export type ArmHttp = (call: ArmCall) => Promise<ArmResult>;

export function armHttp(options: ArmHttpOptions): ArmHttp {
  const settings = {
    fetch: options.fetch ?? globalThis.fetch,
    sleep: options.sleep ?? ((ms: number) => delay(ms)),
    random: options.random ?? Math.random,
    maxAttempts: options.maxAttempts ?? 5,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
  };
  return (call) =>
    withRetries(() => once(options, settings.fetch, call), {
      ...settings,
      logger: options.logger,
      context: call.context,
    });
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

type Outcome = AttemptOutcome<ArmResult>;

async function once(
  options: ArmHttpOptions,
  doFetch: typeof fetch,
  call: ArmCall,
): Promise<Outcome> {
  const url = new URL(
    `${call.path}?api-version=${encodeURIComponent(call.apiVersion)}`,
    options.endpoint,
  );
  const init = await requestInit(options, call);
  const started = Date.now();
  let response: Response;
  let text: string;
  try {
    response = await doFetch(url, init);
    text = await response.text();
  } catch (error) {
    const reason = `cannot reach ${url.origin}: ${errorText(error).split('\n').slice(0, 2).join(': ')}`;
    return {
      error: new Error(`${call.context}: ${reason}. Check arm-endpoint.`, { cause: error }),
      retryable: true,
      reason,
    };
  }
  options.logger.debug(
    `ARM ${call.method} ${url.pathname} -> ${response.status} (${Date.now() - started} ms)`,
  );
  const body = parseBody(text);
  if (response.ok || (response.status === 404 && call.allowNotFound)) {
    return { result: { status: response.status, body } };
  }
  const { code } = parseArmError(response.status, body);
  return {
    error: armError(
      call.context,
      response.status,
      body,
      response.headers.get('x-ms-request-id') ?? undefined,
    ),
    retryable: isRetryable(response.status, code),
    reason: `HTTP ${response.status} ${code}`,
    retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
  };
}

async function requestInit(options: ArmHttpOptions, call: ArmCall): Promise<RequestInit> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${await options.getToken()}`,
    accept: 'application/json',
    'x-ms-client-request-id': randomUUID(),
  };
  const signal = AbortSignal.timeout(options.requestTimeoutMs ?? 60_000);
  if (call.body === undefined) return { method: call.method, headers, signal };
  headers['content-type'] = 'application/json';
  return { method: call.method, headers, signal, body: JSON.stringify(call.body) };
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
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
