// The sandbox's own small S3 client (the sandbox never imports src/): path-style requests
// (<endpoint>/<bucket>/<key>) over fetch, signed with SigV4 by AWS's signer library
// (@smithy/signature-v4) with the payload's SHA-256. Errors read as botocore words them,
// since that is what CNPG users see in barman's logs:
// "An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist."
import { createHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256, sha256Hex } from './sha256.ts';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface S3Bucket {
  readonly name: string;
  /** HeadBucket: false on 404; any other failure throws S3ClientError. */
  exists(): Promise<boolean>;
  /** ListObjectsV2, every page. */
  list(prefix: string): AsyncIterable<{ key: string; size: number }>;
  /** GetObject; a missing key throws S3ClientError NoSuchKey. */
  get(key: string): Promise<Buffer>;
  put(key: string, body: Buffer): Promise<void>;
  delete(key: string): Promise<void>;
  /** CreateBucket, with a LocationConstraint outside us-east-1 (as barman's _create_bucket). */
  create(): Promise<void>;
}

export class S3ClientError extends Error {
  override name = 'S3ClientError';
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  /** S3's error code ("NoSuchKey"), the status for bodiless answers ("404"), or EndpointConnectionError. */
  readonly code: string;
  /** The S3 operation, as botocore names it (PutObject, ListObjectsV2...). */
  readonly operation: string;
  /** The region S3 says the bucket is in (AuthorizationHeaderMalformed), if it said. */
  region?: string;

  constructor(
    status: number,
    code: string,
    operation: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = status;
    this.code = code;
    this.operation = operation;
  }
}

/** botocore's EndpointConnectionError: no HTTP answer at all. */
export class S3ConnectionError extends S3ClientError {
  override name = 'S3ConnectionError';

  constructor(url: string, operation: string, cause: unknown) {
    super(
      0,
      'EndpointConnectionError',
      operation,
      `Could not connect to the endpoint URL: "${url}"`,
      {
        cause,
      },
    );
  }
}

interface Call {
  operation: string;
  method: string;
  key?: string;
  query?: Record<string, string>;
  body?: Buffer;
  headers?: Record<string, string>;
}

export function s3Bucket(o: {
  endpoint: string;
  region: string;
  bucket: string;
  credentials: S3Credentials;
}): S3Bucket {
  const endpoint = new URL(o.endpoint);
  const signerFor = (region: string) =>
    new SignatureV4({
      service: 's3',
      region,
      credentials: o.credentials,
      sha256: Sha256,
      uriEscapePath: false,
    });
  let region = o.region;
  let signer = signerFor(region);

  // As botocore does: signed for the wrong region, S3 answers AuthorizationHeaderMalformed
  // naming the bucket's Region; the request is signed again for that one, which is kept.
  const send = async (call: Call): Promise<Response> => {
    try {
      return await sendOnce(call);
    } catch (error) {
      if (!(error instanceof S3ClientError) || !error.region || error.region === region)
        throw error;
      region = error.region;
      signer = signerFor(region);
      return sendOnce(call);
    }
  };

  const sendOnce = async (call: Call): Promise<Response> => {
    const path = `${endpoint.pathname.replace(/\/$/, '')}/${encodeSegment(o.bucket)}${
      call.key === undefined ? '' : `/${call.key.split('/').map(encodeSegment).join('/')}`
    }`;
    const body = call.body ?? Buffer.alloc(0);
    const signed = await signer.sign({
      method: call.method,
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      ...(endpoint.port ? { port: Number(endpoint.port) } : {}),
      path,
      query: call.query ?? {},
      headers: {
        host: endpoint.host,
        'x-amz-content-sha256': sha256Hex(body),
        ...call.headers,
      },
    });
    const url = `${endpoint.origin}${path}${queryString(call.query)}`;
    const headers = Object.fromEntries(
      Object.entries(signed.headers).filter(([name]) => name !== 'host'),
    );
    let response: Response;
    try {
      response = await fetch(url, {
        method: call.method,
        headers,
        ...(call.body ? { body: call.body } : {}),
      });
    } catch (error) {
      throw new S3ConnectionError(url, call.operation, error);
    }
    if (response.ok || (call.operation === 'HeadBucket' && response.status === 404))
      return response;
    throw await clientError(response, call);
  };

  return {
    name: o.bucket,
    exists: async () => (await send({ operation: 'HeadBucket', method: 'HEAD' })).status !== 404,
    list: (prefix) => listAll(send, prefix),
    get: async (key) =>
      Buffer.from(await (await send({ operation: 'GetObject', method: 'GET', key })).arrayBuffer()),
    put: async (key, body) => {
      const response = await send({
        operation: 'PutObject',
        method: 'PUT',
        key,
        body,
        headers: { 'content-md5': createHash('md5').update(body).digest('base64') },
      });
      await response.body?.cancel();
    },
    delete: async (key) => {
      const response = await send({ operation: 'DeleteObject', method: 'DELETE', key });
      await response.body?.cancel();
    },
    create: async () => {
      const body =
        o.region === 'us-east-1'
          ? undefined
          : Buffer.from(
              `<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>${o.region}</LocationConstraint></CreateBucketConfiguration>`,
            );
      const response = await send({
        operation: 'CreateBucket',
        method: 'PUT',
        ...(body ? { body } : {}),
      });
      await response.body?.cancel();
    },
  };
}

async function* listAll(
  send: (call: Call) => Promise<Response>,
  prefix: string,
): AsyncIterable<{ key: string; size: number }> {
  let token: string | undefined;
  do {
    const query: Record<string, string> = { 'list-type': '2', 'encoding-type': 'url', prefix };
    if (token !== undefined) query['continuation-token'] = token;
    const xml = await (await send({ operation: 'ListObjectsV2', method: 'GET', query })).text();
    const encoded = /<EncodingType>url<\/EncodingType>/.test(xml);
    for (const contents of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
      const entry = contents[1] ?? '';
      const key = unescapeXml(/<Key>([\s\S]*?)<\/Key>/.exec(entry)?.[1] ?? '');
      yield {
        key: encoded ? decodeURIComponent(key.replace(/\+/g, ' ')) : key,
        size: Number(/<Size>(\d+)<\/Size>/.exec(entry)?.[1] ?? 0),
      };
    }
    const truncated = /<IsTruncated>true<\/IsTruncated>/.test(xml);
    const next = /<NextContinuationToken>([\s\S]*?)<\/NextContinuationToken>/.exec(xml)?.[1];
    token = truncated && next !== undefined ? unescapeXml(next) : undefined;
  } while (token !== undefined);
}

/** botocore's ClientError: "An error occurred (<Code>) when calling the <Operation> operation: <Message>". */
async function clientError(response: Response, call: Call): Promise<S3ClientError> {
  const text = call.method === 'HEAD' ? '' : await response.text();
  const code = /<Code>([\s\S]*?)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([\s\S]*?)<\/Message>/.exec(text)?.[1];
  const errorCode = code ? unescapeXml(code) : String(response.status);
  const errorMessage = message !== undefined ? unescapeXml(message) : response.statusText;
  const error = new S3ClientError(
    response.status,
    errorCode,
    call.operation,
    `An error occurred (${errorCode}) when calling the ${call.operation} operation: ${errorMessage}`,
  );
  const region = /<Region>([\s\S]*?)<\/Region>/.exec(text)?.[1];
  if (errorCode === 'AuthorizationHeaderMalformed' && region) error.region = unescapeXml(region);
  return error;
}

/** RFC 3986 percent-encoding of one path segment, as S3 signs and reads it. */
function encodeSegment(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function queryString(query: Record<string, string> | undefined): string {
  const pairs = Object.entries(query ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${encodeSegment(name)}=${encodeSegment(value)}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|apos|quot|#\d+|#x[0-9a-fA-F]+);/g, (entity, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' }[name] ?? entity;
  });
}
