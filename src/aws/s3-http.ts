// One S3 request over fetch, signed with SigV4 from the keys of the cluster's Secret: bounded
// retries with jitter on throttling, server errors and network failures (the shared
// withRetries), and one retry in the bucket's own region when S3 names another
// (x-amz-bucket-region). Failures become errors that name the bucket and, for what the user
// fixes (wrong keys, missing permission, a missing bucket, the clock), say what to do. No
// error or log line carries a key: S3's error bodies hold none, and none is added here.
import { createHash } from 'node:crypto';
import {
  retryAfterMs,
  retryDefaults,
  withRetries,
  type AttemptOutcome,
  type RetryOptions,
} from '../http/retries.ts';
import { errorText } from '../azure/login-errors.ts';
import type { Logger } from '../logging.ts';
import { parseS3Error, type S3ErrorBody } from './s3-xml.ts';
import { s3Error, type S3Target } from './s3-errors.ts';
import { sha256Hex, signV4, uriEncode, type AwsCredentials } from './sigv4.ts';

/** signal also stops the requests (the job is cancelled); an aborted request is not retried. */
export interface S3HttpOptions extends RetryOptions {
  readonly target: S3Target;
  readonly credentials: AwsCredentials;
  /** The region to sign for first: s3Credentials.region, else us-east-1. */
  readonly region: string;
  readonly logger: Logger;
  readonly now?: () => number;
  /** Bound of one attempt, response body included. Default 60 s. */
  readonly requestTimeoutMs?: number;
}

export interface S3Call {
  readonly method: 'GET' | 'POST';
  /** The query in canonical form (s3Query): what is sent is what is signed. */
  readonly query: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** What the request is for, the prefix of every error: "listing s3://b/pg/ ...". */
  readonly context: string;
}

export interface S3Result {
  readonly status: number;
  readonly text: string;
}

export interface S3Http {
  (call: S3Call): Promise<S3Result>;
  /** The region requests are signed for now (the bucket's, once S3 has named it). */
  readonly region: () => string;
}

/** What an AWS region name looks like (us-east-1, eu-central-2). */
export const REGION_NAME = /^[a-z0-9-]{1,40}$/;

/** The bucket's URL, without query: path-style on endpointURL, virtual-hosted on AWS. */
export function bucketUrl(target: S3Target, region: string): string {
  const bucket = uriEncode(target.bucket);
  if (target.endpoint) return `${target.endpoint}/${bucket}`;
  // A bucket with dots does not match the certificate's *.s3.<region>.amazonaws.com.
  if (target.bucket.includes('.')) return `https://s3.${region}.amazonaws.com/${bucket}`;
  return `https://${bucket}.s3.${region}.amazonaws.com/`;
}

/** The region S3 says the bucket is in, when that is not the one the request was signed for. */
class WrongRegion extends Error {
  readonly region: string;
  constructor(message: string, region: string) {
    super(message);
    this.region = region;
  }
}

type Outcome = AttemptOutcome<S3Result>;

export function s3Http(options: S3HttpOptions): S3Http {
  const settings = retryDefaults(options);
  let region = options.region;
  const attempt = (call: S3Call) =>
    withRetries(() => once(options, settings.fetch, call, region), {
      ...settings,
      logger: options.logger,
      context: call.context,
      stopped: () => options.signal?.aborted === true,
    });
  const http = async (call: S3Call): Promise<S3Result> => {
    try {
      return await attempt(call);
    } catch (error) {
      if (!(error instanceof WrongRegion)) throw error;
      options.logger.info(
        `Bucket ${options.target.bucket} is in region ${error.region}, not ${region}: using ${error.region} (set s3Credentials.region to save a request)`,
      );
      region = error.region;
      return attempt(call);
    }
  };
  return Object.assign(http, { region: () => region });
}

async function once(
  options: S3HttpOptions,
  doFetch: typeof fetch,
  call: S3Call,
  region: string,
): Promise<Outcome> {
  const base = bucketUrl(options.target, region);
  const url = new URL(call.query ? `${base}?${call.query}` : base);
  const started = Date.now();
  let response: Response;
  let text: string;
  try {
    response = await doFetch(url, requestInit(options, call, url, region));
    text = await response.text();
  } catch (error) {
    return unreachable(options, call, url, region, error);
  }
  options.logger.debug(
    `S3 ${call.method} ${url.pathname}${url.search} -> ${response.status} (${Date.now() - started} ms)`,
  );
  if (response.ok) return { result: { status: response.status, text } };
  const body = parseS3Error(text);
  const code = body.code ?? response.headers.get('x-amz-error-code') ?? `HTTP ${response.status}`;
  const elsewhere = bucketRegion(response, body);
  if (elsewhere !== undefined && elsewhere !== region)
    return {
      error: new WrongRegion(`${call.context}: ${code} in region ${region}`, elsewhere),
      retryable: false,
      reason: `HTTP ${response.status} ${code}`,
    };
  const requestId = response.headers.get('x-amz-request-id') ?? undefined;
  return {
    error: s3Error(call.context, options.target, response.status, { ...body, code }, requestId),
    retryable: isRetryable(response.status, code),
    reason: `HTTP ${response.status} ${code}`,
    retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
  };
}

function requestInit(options: S3HttpOptions, call: S3Call, url: URL, region: string): RequestInit {
  const body = call.body ?? '';
  const md5: Record<string, string> =
    call.body === undefined ? {} : { 'content-md5': base64Md5(body) };
  const signed = signV4({
    method: call.method,
    url,
    headers: { ...md5, ...call.headers },
    payloadHash: sha256Hex(body),
    region,
    credentials: options.credentials,
    now: (options.now ?? Date.now)(),
  });
  const timeout = AbortSignal.timeout(options.requestTimeoutMs ?? 60_000);
  return {
    method: call.method,
    headers: signed.headers,
    ...(call.body === undefined ? {} : { body }),
    // A redirect to the bucket's region is followed by re-signing, not by fetch.
    redirect: 'manual',
    signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
  };
}

function base64Md5(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('base64');
}

/** x-amz-bucket-region, or the Region of an AuthorizationHeaderMalformed / redirect body. */
function bucketRegion(response: Response, body: S3ErrorBody): string | undefined {
  const wrongRegion =
    [301, 307, 400].includes(response.status) &&
    ['PermanentRedirect', 'AuthorizationHeaderMalformed', 'TemporaryRedirect', undefined].includes(
      body.code,
    );
  if (!wrongRegion) return undefined;
  const named = response.headers.get('x-amz-bucket-region') ?? body.region;
  return named && REGION_NAME.test(named) ? named : undefined;
}

const RETRYABLE = new Set(['SlowDown', 'RequestTimeout', 'InternalError', 'ServiceUnavailable']);

function isRetryable(status: number, code: string): boolean {
  return status === 429 || status >= 500 || RETRYABLE.has(code);
}

function unreachable(
  options: S3HttpOptions,
  call: S3Call,
  url: URL,
  region: string,
  error: unknown,
): Outcome {
  if (options.signal?.aborted) {
    const reason = `${call.context}: cancelled`;
    return { error: new Error(reason, { cause: error }), retryable: false, reason };
  }
  const reason = `cannot reach ${url.host}: ${errorText(error).split('\n').slice(0, 2).join(': ')}`;
  const where = options.target.endpoint
    ? `the endpointURL ${options.target.endpoint}`
    : `that bucket ${options.target.bucket} exists in region ${region}`;
  const message =
    `${call.context}: ${reason}. Check ${where}, and that this runner may reach it ` +
    '(an endpoint inside the Kubernetes cluster is not reachable from the runner; a private CA, endpointCA, is not supported).';
  return { error: new Error(message, { cause: error }), retryable: true, reason };
}
