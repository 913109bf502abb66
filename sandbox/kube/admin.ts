// The sandbox's own endpoints on the API server (/sandbox/faults, /sandbox/requests,
// /sandbox/writes) and the injection of API faults (latency, errors) into API requests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from '../faults.ts';
import { send, sendError } from './respond.ts';
import { ApiError } from './types.ts';

export interface AdminState {
  faults: Faults;
  requests: string[];
  writes: { method: string; path: string; userAgent: string; time: string }[];
}

export async function injectFaults(
  ctx: AdminState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const f = ctx.faults.get();
  if (f.apiLatencyMs > 0) await new Promise((r) => setTimeout(r, f.apiLatencyMs));
  const code = ctx.faults.nextApiError();
  if (code === undefined) return;
  if (code === 429) res.setHeader('Retry-After', '1');
  sendError(
    req,
    res,
    new ApiError(
      code,
      code === 429 ? 'TooManyRequests' : 'InternalError',
      code === 429
        ? 'the server has received too many requests and has asked us to try again later'
        : 'an error on the server ("injected fault") has prevented the request from succeeding',
    ),
  );
}

export function admin(
  ctx: AdminState,
  req: IncomingMessage,
  path: string,
  body: string,
  res: ServerResponse,
): void {
  const method = req.method ?? 'GET';
  if (path === '/sandbox/faults') {
    if (method === 'PUT') ctx.faults.set(JSON.parse(body) as never);
    send(req, res, 200, ctx.faults.get());
  } else if (path === '/sandbox/requests') {
    if (method === 'DELETE') ctx.requests.length = 0;
    send(req, res, 200, ctx.requests);
  } else if (path === '/sandbox/writes') {
    if (method === 'DELETE') ctx.writes.length = 0;
    send(req, res, 200, ctx.writes);
  } else {
    throw new ApiError(404, 'NotFound', `${path} not found`);
  }
}
