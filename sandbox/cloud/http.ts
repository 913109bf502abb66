// Plumbing shared by the cloud stand-ins: JSON replies, one HTTPS listener per service.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { readBody } from '../http-body.ts';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Request {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: Request) => Reply;

export const json = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({
  status,
  ...(body === undefined ? {} : { body }),
  ...(headers ? { headers } : {}),
});

export function bearer(req: Request): string | undefined {
  const match = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

export interface Listener {
  url: string;
  close(): Promise<void>;
}

/** Serves `handle` over HTTPS on a free loopback port. */
export function listen(tls: { key: string; cert: string }, handle: Handler): Promise<Listener> {
  return serve(tls, (req, res) => {
    void respond(req, res, handle);
  });
}

/** Serves a streaming request listener over HTTPS on a free loopback port. */
export async function serve(
  tls: { key: string; cert: string },
  listener: RequestListener,
): Promise<Listener> {
  const server: Server = createServer(tls, listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

async function respond(req: IncomingMessage, res: ServerResponse, handle: Handler): Promise<void> {
  const body = (await readBody(req)).toString('utf8');
  let reply: Reply;
  try {
    reply = handle({
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', `https://${req.headers.host ?? '127.0.0.1'}`),
      headers: req.headers,
      body,
    });
  } catch (error) {
    reply = json(500, { error: { code: 'InternalServerError', message: String(error) } });
  }
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    ...reply.headers,
  });
  res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
}
