// Errors of the Kubernetes API as pgha reports them: what pgha was doing, the API's status
// and reason, the fields it names, and a hint for the failures users meet most. The API's
// own words are kept on one line: they end up in the log.
import { oneLine } from '../log-safety.ts';

export interface StatusCause {
  readonly reason?: string;
  readonly type?: string;
  readonly message?: string;
  readonly field?: string;
}

interface StatusBody {
  reason?: string;
  message?: string;
  details?: { causes?: StatusCause[] };
}

const HINTS: Readonly<Record<number, string>> = {
  401: 'The credentials were refused: check the kubeconfig, or the Azure login and aks-cluster.',
  403: 'The identity lacks RBAC permission: grant it, e.g. the Azure Kubernetes Service RBAC Cluster Admin role on the cluster, or use aks-admin: true where local accounts are enabled.',
};

export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
  readonly status: number;
  readonly reason: string;
  readonly causes: readonly StatusCause[];
  readonly retryAfterSeconds?: number;

  constructor(
    status: number,
    reason: string,
    message: string,
    causes: readonly StatusCause[],
    retryAfterSeconds?: number,
  ) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.causes = causes;
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 429 Too Many Requests and server-side errors pass; the rest is the request's fault. */
  get transient(): boolean {
    return this.status === 429 || (this.status >= 500 && this.status !== 501);
  }
}

export function kubeApiError(
  status: number,
  text: string,
  context: string,
  retryAfter?: string,
): KubeApiError {
  let body: StatusBody;
  try {
    body = JSON.parse(text) as StatusBody;
  } catch {
    body = { message: text.slice(0, 300) };
  }
  const reason = oneLine(body.reason ?? `HTTP ${status}`);
  const hint = HINTS[status];
  const message = `${context}: ${status} ${reason}: ${oneLine(body.message ?? '')}${hint ? `. ${hint}` : ''}`;
  const seconds = retryAfter === undefined ? undefined : Number(retryAfter);
  return new KubeApiError(
    status,
    reason,
    message,
    body.details?.causes ?? [],
    seconds !== undefined && Number.isFinite(seconds) ? seconds : undefined,
  );
}

/** A connection-level failure (refused, reset, timed out), marked as retryable. */
export function transportError(error: Error, context: string, server: string): Error {
  const code = (error as { code?: string }).code;
  const reason = code ? `${code} (${error.message})` : error.message;
  return Object.assign(new Error(`${context}: cannot reach the API server ${server}: ${reason}`), {
    transport: true,
    cause: error,
  });
}
