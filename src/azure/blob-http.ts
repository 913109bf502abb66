// One Azure Blob Storage request over fetch with the bearer token of the workflow's Azure
// login: bounded retries with jitter on throttling (429, 503 Server Busy), server errors and
// network failures, honouring Retry-After, as arm-http.ts does for ARM. Failures become
// errors that name the account and container and, for what the user fixes in Azure (a
// missing data role, the storage firewall, a missing container), say what to do.
import { randomUUID } from 'node:crypto';
import { ConfigurationError } from '../errors.ts';
import type { Logger } from '../logging.ts';
import { AzureHttpError } from './arm-errors.ts';
import {
  retryAfterMs,
  retryDefaults,
  withRetries,
  type AttemptOutcome,
  type RetryOptions,
} from '../http/retries.ts';
import { parseBlobError, type BlobErrorBody } from './blob-xml.ts';
import { errorText } from './login-errors.ts';

/** A Blob service version that Azure Storage and Azurite 3.37 both serve. */
export const BLOB_API_VERSION = '2025-11-05';

/** Where the requests go and what the errors name. */
export interface BlobTarget {
  readonly account: string;
  readonly container: string;
}

/** signal also stops the requests (the job is cancelled); an aborted request is not retried. */
export interface BlobHttpOptions extends RetryOptions {
  readonly target: BlobTarget;
  readonly getToken: () => Promise<string>;
  readonly logger: Logger;
  /** Bound of one attempt, response body included. Default 60 s. */
  readonly requestTimeoutMs?: number;
}

export interface BlobCall {
  readonly method: 'GET' | 'DELETE';
  readonly url: URL;
  /** What the request is for, the prefix of every error: "listing blobs under backups/pg/ ...". */
  readonly context: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Answer 404 with { status: 404 } instead of throwing. */
  readonly allowNotFound?: boolean;
}

export interface BlobResult {
  readonly status: number;
  readonly text: string;
}

export type BlobHttp = (call: BlobCall) => Promise<BlobResult>;

/** A Blob request that failed for a reason that is not the user's to fix (or not known to be). */
export class BlobStorageError extends AzureHttpError {
  override readonly name = 'BlobStorageError';
}

type Outcome = AttemptOutcome<BlobResult>;

export function blobHttp(options: BlobHttpOptions): BlobHttp {
  const settings = retryDefaults(options);
  return (call) =>
    withRetries(() => once(options, settings.fetch, call), {
      ...settings,
      logger: options.logger,
      context: call.context,
      stopped: () => options.signal?.aborted === true,
    });
}

async function once(
  options: BlobHttpOptions,
  doFetch: typeof fetch,
  call: BlobCall,
): Promise<Outcome> {
  const started = Date.now();
  let response: Response;
  let text: string;
  try {
    response = await doFetch(call.url, await requestInit(options, call));
    text = await response.text();
  } catch (error) {
    return unreachable(options, call, error);
  }
  options.logger.debug(
    `Blob ${call.method} ${call.url.pathname} -> ${response.status} (${Date.now() - started} ms)`,
  );
  if (response.ok || (response.status === 404 && call.allowNotFound))
    return { result: { status: response.status, text } };
  const body = parseBlobError(text);
  const code = response.headers.get('x-ms-error-code') ?? body.code ?? `HTTP ${response.status}`;
  const requestId = response.headers.get('x-ms-request-id') ?? undefined;
  return {
    error: blobError(call.context, options.target, response.status, { ...body, code }, requestId),
    retryable: response.status === 429 || response.status >= 500,
    reason: `HTTP ${response.status} ${code}`,
    retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
  };
}

async function requestInit(options: BlobHttpOptions, call: BlobCall): Promise<RequestInit> {
  const timeout = AbortSignal.timeout(options.requestTimeoutMs ?? 60_000);
  return {
    method: call.method,
    headers: {
      authorization: `Bearer ${await options.getToken()}`,
      'x-ms-version': BLOB_API_VERSION,
      'x-ms-client-request-id': randomUUID(),
      ...call.headers,
    },
    signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
  };
}

function unreachable(options: BlobHttpOptions, call: BlobCall, error: unknown): Outcome {
  if (options.signal?.aborted) {
    const reason = `${call.context}: cancelled`;
    return { error: new Error(reason, { cause: error }), retryable: false, reason };
  }
  const reason = `cannot reach ${call.url.host}: ${errorText(error).split('\n').slice(0, 2).join(': ')}`;
  const message =
    `${call.context}: ${reason}. Check that storage account ${options.target.account} exists and ` +
    'that this runner may reach it (storage firewall, private endpoint: set blob-endpoint).';
  return { error: new Error(message, { cause: error }), retryable: true, reason };
}

/** The error to throw for a failed Blob request made for `context`. */
export function blobError(
  context: string,
  target: BlobTarget,
  status: number,
  body: BlobErrorBody & { readonly code: string },
  requestId?: string,
): Error {
  const detail = body.detail ? ` (${body.detail})` : '';
  const text = `${context}: ${body.code}: ${body.message ?? `HTTP ${status}`}${detail}`;
  const hint = userHint(target, status, body.code, body.detail);
  if (hint !== undefined) return new ConfigurationError(`${text}. ${hint}`);
  const id = requestId ? ` (x-ms-request-id ${requestId})` : '';
  return new BlobStorageError(`${text}${id}`, status, body.code);
}

function userHint(
  target: BlobTarget,
  status: number,
  code: string,
  detail: string | undefined,
): string | undefined {
  const where = `container ${target.container} of storage account ${target.account}`;
  if (code === 'AuthorizationPermissionMismatch') return roleHint(target, where);
  if (code === 'AuthorizationFailure')
    return (
      `The storage account refused the request: its firewall ('Firewalls and virtual networks') ` +
      'may not admit this runner (allow its network, or reach a private endpoint with blob-endpoint), ' +
      `or the identity lacks a data role. ${roleHint(target, where)}`
    );
  if (code === 'ContainerNotFound')
    return `The ${where} does not exist: check the destinationPath of the cluster's backups.`;
  if (status === 404 && code === 'ResourceNotFound')
    return `Storage account ${target.account} or its container ${target.container} was not found: check the destinationPath and blob-endpoint.`;
  if (status === 401 && detail?.startsWith('Issuer'))
    return `The storage account is not in the tenant of the login: use the azure-tenant-id of storage account ${target.account}'s subscription.`;
  return undefined;
}

function roleHint(target: BlobTarget, where: string): string {
  const scope = `/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.Storage/storageAccounts/${target.account}`;
  return (
    `The workflow's Azure identity may not list and delete blobs in the ${where}: it needs the ` +
    'Storage Blob Data Contributor role on the storage account (Owner or Contributor alone ' +
    'grant no access to blob data), e.g.\n' +
    `  az role assignment create --role "Storage Blob Data Contributor" --assignee <azure-client-id> --scope ${scope}\n` +
    'A role assigned in the last minutes may take up to 10 minutes to be effective: re-run the job then.'
  );
}
