// Raw HTTPS requests to a sandbox API server (bodies and headers as bytes), for the tests of
// content negotiation, protobuf, OpenAPI and field validation.
import { request } from 'node:https';

export interface RawReply {
  code: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  json: () => Record<string, unknown>;
}

export interface RawTarget {
  url: string;
  caPem: string;
  token: string;
}

export function rawRequest(
  api: RawTarget,
  method: string,
  path: string,
  options: { body?: Buffer | string; contentType?: string; accept?: string } = {},
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, api.url),
      {
        method,
        ca: api.caPem,
        headers: {
          authorization: `Bearer ${api.token}`,
          ...(options.accept ? { accept: options.accept } : {}),
          ...(options.body !== undefined
            ? {
                'content-type': options.contentType ?? 'application/json',
                'content-length': String(Buffer.byteLength(options.body)),
              }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            code: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: body.toString('utf8'),
            json: () => JSON.parse(body.toString('utf8')) as Record<string, unknown>,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
