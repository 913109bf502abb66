// The Kubernetes REST client pgha uses: JSON requests and watch streams over node:https with
// the TLS and credentials that @kubernetes/client-node's KubeConfig resolves. Transient
// failures (429, 5xx, connection resets) are retried with bounded, jittered backoff; every
// request is counted so that benchmarks and summaries can say what a run cost.
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, kubeApiError, transportError } from './errors.ts';

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  /** Resolve with status 404 instead of throwing. */
  allowNotFound?: boolean;
  /** What the request is for, for error messages ("applying Cluster pg"). */
  context: string;
}

export interface KubeResponse<T> {
  status: number;
  body: T;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 8000 };

export interface KubeHttpOptions {
  retry?: RetryPolicy;
  /** Called before a retry, for the log. */
  onRetry?: (what: string, attempt: number, delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  userAgent?: string;
}

export class KubeHttp {
  readonly server: string;
  /** Requests sent, retries included (watch connections count once each). */
  requests = 0;
  readonly #kc: KubeConfig;
  readonly #retry: RetryPolicy;
  readonly #options: KubeHttpOptions;
  /** The TLS agent of the first request, reused so that connections and sessions are too. */
  #agent: RequestOptions['agent'];

  constructor(kc: KubeConfig, options: KubeHttpOptions = {}) {
    this.#kc = kc;
    this.server = kc.getCurrentCluster()?.server ?? '';
    this.#retry = options.retry ?? DEFAULT_RETRY;
    this.#options = options;
  }

  /** One JSON request, retried while the failure is transient. */
  async json<T>(req: KubeRequest): Promise<KubeResponse<T>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#once<T>(req);
      } catch (error) {
        const delay = this.retryDelay(error, attempt);
        if (delay === undefined) throw error;
        this.#options.onRetry?.(describeFailure(error), attempt, delay);
        await (this.#options.sleep ?? sleep)(delay);
      }
    }
  }

  /** One request whose answer is plain text (pods/log), retried like json(). */
  async text(req: KubeRequest): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.#once<string>(req, false)).body;
      } catch (error) {
        const delay = this.retryDelay(error, attempt);
        if (delay === undefined) throw error;
        this.#options.onRetry?.(describeFailure(error), attempt, delay);
        await (this.#options.sleep ?? sleep)(delay);
      }
    }
  }

  /** Delay before the next attempt, or undefined when the error is final or attempts are spent. */
  retryDelay(error: unknown, attempt: number): number | undefined {
    if (attempt >= this.#retry.maxAttempts) return undefined;
    if (error instanceof KubeApiError) {
      if (!error.transient) return undefined;
      if (error.retryAfterSeconds !== undefined)
        return Math.min(error.retryAfterSeconds * 1000, this.#retry.maxDelayMs);
    } else if (!isTransportError(error)) {
      return undefined;
    }
    const cap = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1));
    const random = this.#options.random ?? Math.random;
    return Math.round(cap / 2 + (random() * cap) / 2);
  }

  /** Opens a streaming GET (watch); resolves with the response once headers arrive. */
  async stream(path: string, query: Record<string, string | undefined>, signal: AbortSignal) {
    const options = await this.#requestOptions('GET', path, query);
    this.requests++;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const req = this.#send(options, (res) => {
        resolve(res);
      });
      const abort = () => req.destroy(new Error('aborted'));
      signal.addEventListener('abort', abort, { once: true });
      req.on('error', reject);
      req.on('close', () => {
        signal.removeEventListener('abort', abort);
      });
      req.end();
    });
  }

  async #once<T>(req: KubeRequest, parse = true): Promise<KubeResponse<T>> {
    const options = await this.#requestOptions(req.method, req.path, req.query ?? {});
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
    if (payload !== undefined) {
      options.headers = {
        ...(options.headers as Record<string, string>),
        'content-type': req.contentType ?? 'application/json',
        'content-length': Buffer.byteLength(payload),
      };
    }
    this.requests++;
    const { status, text, retryAfter } = await new Promise<{
      status: number;
      text: string;
      retryAfter?: string;
    }>((resolve, reject) => {
      const r = this.#send(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const header = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            ...(typeof header === 'string' ? { retryAfter: header } : {}),
          });
        });
      });
      r.setTimeout(30_000, () =>
        r.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
      );
      r.on('error', (e) => {
        reject(transportError(e, req.context, this.server));
      });
      r.end(payload);
    });
    if (status === 404 && req.allowNotFound) return { status, body: undefined as T };
    if (status >= 400) throw kubeApiError(status, text, req.context, retryAfter);
    if (!parse) return { status, body: text as T };
    return { status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async #requestOptions(
    method: string,
    path: string,
    query: Record<string, string | undefined>,
  ): Promise<RequestOptions & { protocol: string }> {
    const base = new URL(this.server);
    const url = new URL(base.pathname.replace(/\/$/, '') + path, base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    const options: RequestOptions & { protocol: string } = {
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port,
      path: `${url.pathname}${url.search}`,
      method,
      headers: {
        accept: 'application/json',
        'user-agent': this.#options.userAgent ?? 'pgha',
      },
    };
    await this.#kc.applyToHTTPSOptions(options);
    if (this.#agent) options.agent = this.#agent;
    else this.#agent = options.agent;
    return options;
  }

  #send(
    options: RequestOptions & { protocol: string },
    onResponse: (res: IncomingMessage) => void,
  ) {
    return options.protocol === 'http:'
      ? httpRequest(options, onResponse)
      : httpsRequest(options, onResponse);
  }
}

function isTransportError(error: unknown): boolean {
  return error instanceof Error && 'transport' in error;
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
