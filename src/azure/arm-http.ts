// One ARM request over fetch: bearer token from the login, bounded retries with jitter on
// throttling (429), server errors and transient conflicts, honouring Retry-After. Bodies are
// never logged: credential responses carry kubeconfigs.
import { randomUUID } from 'node:crypto';
import {
  retryAfterMs,
  retryDefaults,
  withRetries,
  type AttemptOutcome,
  type RetryOptions,
} from '../http/retries.ts';
import type { Logger } from '../logging.ts';
import { armError, isRetryable, parseArmError } from './arm-errors.ts';
import { errorText } from './login-errors.ts';

export interface ArmHttpOptions extends RetryOptions {
  /** ARM base URL, e.g. https://management.azure.com. */
  readonly endpoint: string;
  readonly getToken: () => Promise<string>;
  readonly logger: Logger;
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
  const settings = retryDefaults(options);
  return (call) =>
    withRetries(() => once(options, settings.fetch, call), {
      ...settings,
      logger: options.logger,
      context: call.context,
    });
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
