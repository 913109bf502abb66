// The sandbox's S3 endpoint: an HTTP front that does what S3 does before a request reaches the
// data (SigV4 verification, s3-auth.ts; Content-MD5 and x-amz-checksum-* checks) and answers
// what s3rver gets wrong itself (listings, s3-list.ts; HeadBucket, GetBucketLocation and
// CreateBucket with their region rules; quiet DeleteObjects), then passes the rest on to
// s3rver (path-style /<bucket>/<key>) without the Authorization header. Bodies are buffered:
// the sandbox's objects are small. Every answer carries x-amz-request-id and x-amz-id-2, and
// S3's XML error body.
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import {
  Agent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { join } from 'node:path';
import { readBody } from '../http-body.ts';
import { authenticate } from './s3-auth.ts';
import { Verifier, type S3Identity, type SignedRequest } from './s3-sigv4.ts';
import { element, errorXml, s3Error, type S3Error } from './s3-errors.ts';
import { isListing, listObjects, ownerIdOf, type ObjectSource } from './s3-list.ts';
import {
  createBucketRefusal,
  digestRefusal,
  logQuery,
  parseQuery,
  pathRefusal,
  targetOf,
  validBucketName,
} from './s3-request.ts';

/** s3rver, loaded on the first request that needs it. */
export interface S3Engine {
  url: string;
  list: ObjectSource;
  /** Whether a multipart upload was initiated and is neither completed nor aborted. */
  uploadExists(bucket: string, uploadId: string): Promise<boolean>;
  /** AbortMultipartUpload, which s3rver does not implement: its parts are dropped. */
  abortUpload(bucket: string, uploadId: string): Promise<void>;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The S3 error code, for the request log. */
  code?: string;
  /** The front's own refusal; its XML body is written with the request's ids. */
  error?: S3Error;
}

/** Request headers that belong to the connection, or to the front. */
const DROPPED = new Set([
  'authorization',
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'expect',
  'te',
  'upgrade',
]);
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'date',
]);
export class S3Front {
  /** "METHOD /bucket/key?query STATUS [Code]" per answer; never a signature or a secret. */
  readonly requests: string[] = [];
  readonly #id: S3Identity;
  readonly #verifier: Verifier;
  readonly #root: string;
  readonly #engine: () => Promise<S3Engine>;
  readonly #agent = new Agent({ keepAlive: true });
  readonly #ownerId: string;

  constructor(options: { identity: S3Identity; root: string; engine: () => Promise<S3Engine> }) {
    this.#id = options.identity;
    this.#verifier = new Verifier(options.identity);
    this.#root = options.root;
    this.#engine = options.engine;
    this.#ownerId = ownerIdOf(options.identity.accessKeyId);
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    // Only reading the request can fail here: the client went away.
    this.#handle(req, res).catch(() => res.destroy());
  }

  close(): void {
    this.#agent.destroy();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const raw = req.url ?? '/';
    const mark = raw.indexOf('?');
    const rawPath = mark < 0 ? raw : raw.slice(0, mark);
    const rawQuery = mark < 0 ? '' : raw.slice(mark + 1);
    const signed: SignedRequest = {
      method: req.method ?? 'GET',
      rawPath,
      query: parseQuery(rawQuery),
      headers: req.headersDistinct,
      body,
    };
    const answer = await this.#answer(signed, rawQuery).catch((error: unknown) =>
      this.#error(
        s3Error(
          500,
          'InternalError',
          `We encountered an internal error. Please try again. (${error instanceof Error ? error.message : String(error)})`,
        ),
      ),
    );
    this.requests.push(
      `${signed.method} ${rawPath}${logQuery(rawQuery)} ${answer.status}${answer.code ? ` ${answer.code}` : ''}`,
    );
    this.#send(req, res, answer);
  }

  #send(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const hostId = randomBytes(48).toString('base64');
    const body = answer.error
      ? Buffer.from(errorXml(answer.error, requestId, hostId))
      : answer.code
        ? withIds(answer.body, requestId, hostId)
        : answer.body;
    res.writeHead(answer.status, {
      ...answer.headers,
      'x-amz-request-id': requestId,
      'x-amz-id-2': hostId,
      server: 'AmazonS3',
      // A HEAD answer tells the length of what a GET would return.
      'content-length':
        (req.method === 'HEAD' ? answer.headers['content-length'] : undefined) ??
        String(body.length),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async #answer(r: SignedRequest, rawQuery: string): Promise<Answer> {
    const refusal =
      (await authenticate(r, this.#id, this.#verifier)) ??
      digestRefusal(r) ??
      pathRefusal(r.rawPath);
    if (refusal) return this.#error(refusal);
    const [bucket, key] = targetOf(r.rawPath);
    if (bucket === undefined && r.rawPath !== '/')
      return this.#error(s3Error(400, 'InvalidURI', "Couldn't parse the specified URI."));
    if (bucket === undefined) return this.#forward(r, rawQuery);
    if (key === undefined) return this.#bucketRequest(r, rawQuery, bucket);
    if (!validBucketName(bucket)) return this.#error(noSuchBucket(bucket));
    const uploadId = r.query.find(([name]) => name === 'uploadId')?.[1];
    if (uploadId !== undefined) return this.#uploadRequest(r, rawQuery, bucket, uploadId);
    return this.#forward(r, rawQuery);
  }

  /** UploadPart, CompleteMultipartUpload, AbortMultipartUpload: the upload must exist. */
  async #uploadRequest(
    r: SignedRequest,
    rawQuery: string,
    bucket: string,
    uploadId: string,
  ): Promise<Answer> {
    if (!(await this.#exists(bucket))) return this.#error(noSuchBucket(bucket));
    const engine = await this.#engine();
    if (!/^[0-9a-f]{32}$/.test(uploadId) || !(await engine.uploadExists(bucket, uploadId)))
      return this.#error(
        s3Error(
          404,
          'NoSuchUpload',
          'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
          { UploadId: uploadId },
        ),
      );
    if (r.method !== 'DELETE') return this.#forward(r, rawQuery);
    await engine.abortUpload(bucket, uploadId);
    return { status: 204, headers: {}, body: Buffer.alloc(0) };
  }

  async #bucketRequest(r: SignedRequest, rawQuery: string, bucket: string): Promise<Answer> {
    const query = new Map(r.query.map(([name, value]) => [name, value] as const));
    if (r.method === 'PUT' && query.size === 0) return this.#createBucket(r, bucket);
    if (!(await this.#exists(bucket))) return this.#error(noSuchBucket(bucket));
    if (r.method === 'HEAD')
      return ok({ 'x-amz-bucket-region': this.#id.region, 'content-type': 'application/xml' });
    if (r.method === 'GET' && query.has('location') && query.size === 1)
      return xml(
        `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${this.#id.region === 'us-east-1' ? '' : this.#id.region}</LocationConstraint>`,
      );
    if (r.method === 'GET' && isListing(query)) {
      const engine = await this.#engine();
      const listed = await listObjects(bucket, query, engine.list, this.#ownerId);
      return typeof listed === 'string' ? xml(listed) : this.#error(listed);
    }
    if (r.method === 'POST' && query.has('delete')) return this.#deleteObjects(r, rawQuery);
    return this.#forward(r, rawQuery);
  }

  /** CreateBucket: S3's region rules for LocationConstraint, and an existing bucket is the caller's own. */
  async #createBucket(r: SignedRequest, bucket: string): Promise<Answer> {
    const refusal = createBucketRefusal(bucket, r.body, this.#id.region);
    if (refusal) return this.#error(refusal);
    if (!(await this.#exists(bucket))) return this.#forward(r, '');
    if (this.#id.region === 'us-east-1') return ok({ location: `/${bucket}` });
    return this.#error(
      s3Error(
        409,
        'BucketAlreadyOwnedByYou',
        'Your previous request to create the named bucket succeeded and you already own it.',
        { BucketName: bucket },
      ),
    );
  }

  /** DeleteObjects: S3 wants an integrity header; with <Quiet>true</Quiet> it lists only errors. */
  async #deleteObjects(r: SignedRequest, rawQuery: string): Promise<Answer> {
    const integrity = Object.keys(r.headers).some(
      (name) => name === 'content-md5' || name.startsWith('x-amz-checksum-'),
    );
    if (!integrity)
      return this.#error(
        s3Error(400, 'InvalidRequest', 'Missing required header for this request: Content-MD5'),
      );
    const answer = await this.#forward(r, rawQuery);
    if (answer.status !== 200 || !/<Quiet>\s*true\s*<\/Quiet>/i.test(r.body.toString('utf8')))
      return answer;
    // s3rver lists every key as deleted and never reports a failure: quiet, nothing is left.
    return xml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></DeleteResult>',
    );
  }

  async #exists(bucket: string): Promise<boolean> {
    if (!validBucketName(bucket)) return false;
    return (await stat(join(this.#root, bucket)).catch(() => undefined))?.isDirectory() ?? false;
  }

  /** The request as s3rver takes it (no Authorization), and its answer with S3's request ids. */
  async #forward(r: SignedRequest, rawQuery: string): Promise<Answer> {
    const engine = await this.#engine();
    const headers: Record<string, string> = {};
    for (const [name, values] of Object.entries(r.headers))
      if (values && !DROPPED.has(name)) headers[name] = values.join(', ');
    headers['content-length'] = String(r.body.length);
    const path = `${r.rawPath}${rawQuery ? `?${rawQuery}` : ''}`;
    const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
      const call = httpRequest(
        `${engine.url}${path}`,
        { method: r.method, headers, agent: this.#agent },
        resolve,
      );
      call.on('error', reject);
      call.end(r.body);
    });
    const body = await readBody(upstream);
    const answer: Answer = {
      status: upstream.statusCode ?? 500,
      headers: without(upstream.headers),
      body,
    };
    const length = upstream.headers['content-length'];
    if (r.method === 'HEAD' && length !== undefined) answer.headers['content-length'] = length;
    if (answer.status < 300) return answer;
    const text = body.toString('utf8');
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
    return code ? { ...answer, code } : answer;
  }

  #error(error: S3Error): Answer {
    return {
      status: error.status,
      headers: { 'content-type': 'application/xml' },
      body: Buffer.alloc(0),
      code: error.code,
      error,
    };
  }
}

/** s3rver's error bodies lack S3's RequestId and HostId. */
function withIds(body: Buffer, requestId: string, hostId: string): Buffer {
  const text = body.toString('utf8');
  if (!text.includes('</Error>') || text.includes('<RequestId>')) return body;
  return Buffer.from(
    text.replace(
      '</Error>',
      `${element('RequestId', requestId)}${element('HostId', hostId)}</Error>`,
    ),
  );
}

function ok(headers: Record<string, string>): Answer {
  return { status: 200, headers, body: Buffer.alloc(0) };
}

function xml(text: string): Answer {
  return { status: 200, headers: { 'content-type': 'application/xml' }, body: Buffer.from(text) };
}

function noSuchBucket(bucket: string): S3Error {
  return s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', {
    BucketName: bucket,
  });
}

function without(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name))
      kept[name] = Array.isArray(value) ? value.join(', ') : value;
  return kept;
}
