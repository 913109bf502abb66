// Writing API responses: the body in the negotiated media type (protobuf only for objects the
// sandbox can encode, else the next type the client accepts), Warning headers, Status errors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dump } from 'js-yaml';
import { ALL_MEDIA_TYPES, acceptable, type MediaType } from './negotiate.ts';
import { PROTOBUF, encodeProtobuf } from './protobuf/codec.ts';
import { ApiError } from './types.ts';

export interface SendOptions {
  /** The endpoint serves protobuf (built-in kinds); CRDs and discovery do not. */
  protobuf?: boolean;
  /** Warnings for the Warning header (kubectl prints them as `Warning: ...`). */
  warnings?: readonly string[];
}

function encode(type: MediaType, body: unknown): Buffer | undefined {
  if (type === PROTOBUF)
    return body && typeof body === 'object' ? encodeProtobuf(body as never) : undefined;
  if (type === 'application/yaml') return Buffer.from(dump(body, { noRefs: true }));
  return Buffer.from(JSON.stringify(body));
}

export function warningHeader(text: string): string {
  return `299 - "${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Answers `body` with `code` in the first accepted media type that can carry it. */
export function send(
  req: IncomingMessage,
  res: ServerResponse,
  code: number,
  body: unknown,
  options: SendOptions = {},
): void {
  const offers = ALL_MEDIA_TYPES.filter((t) => t !== PROTOBUF || options.protobuf === true);
  for (const type of acceptable(req.headers.accept, offers)) {
    const bytes = encode(type, body);
    if (!bytes) continue;
    const headers: Record<string, string | string[]> = { 'content-type': type };
    if (options.warnings?.length) headers.warning = options.warnings.map(warningHeader);
    res.writeHead(code, headers);
    res.end(bytes);
    return;
  }
  const message =
    `only the following media types are accepted: ${offers.join(', ')}` +
    (options.protobuf ? ' (protobuf only for the objects the sandbox can encode)' : '');
  res.writeHead(406, { 'content-type': 'application/json' });
  res.end(JSON.stringify(statusBody(new ApiError(406, 'NotAcceptable', message))));
}

export function statusBody(e: ApiError): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: e.message,
    reason: e.reason,
    code: e.code,
    ...(e.details ? { details: e.details } : {}),
  };
}

export function sendError(req: IncomingMessage, res: ServerResponse, e: unknown): void {
  if (res.headersSent) return void res.end();
  const err = e instanceof ApiError ? e : new ApiError(500, 'InternalError', (e as Error).message);
  send(req, res, err.code, statusBody(err), { protobuf: true });
}
