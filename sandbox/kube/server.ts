// The sandbox's Kubernetes API server: HTTPS on 127.0.0.1 with its own CA, bearer-token
// auth, discovery, the verbs of handlers.ts, watch streams, injected faults and two admin
// endpoints (/sandbox/faults, /sandbox/writes) for tests.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { dump } from 'js-yaml';
import type { Faults } from '../faults.ts';
import { makeTls } from '../tls.ts';
import type { CrdInfo } from './crd-schema.ts';
import { Handlers, type Target } from './handlers.ts';
import { apiGroupList, resourceList, resourceTypes, type ResourceType } from './resources.ts';
import type { MemoryStore } from './store.ts';
import { ApiError } from './types.ts';
import { podLog } from './pod-logs.ts';
import { portForwardServer, type ForwardResolver } from './portforward.ts';
import { serveWatch } from './watch.ts';

export interface ApiServerOptions {
  store: MemoryStore;
  faults: Faults;
  crds: CrdInfo[];
  token?: string;
  /** Where pods/portforward tunnels to (pod port -> real address). */
  portForward?: ForwardResolver;
  /** Other bearer tokens to accept, e.g. Entra ID tokens for the AKS audience. */
  authenticate?: (token: string) => boolean;
}

export interface WriteRecord {
  method: string;
  path: string;
  userAgent: string;
  time: string;
}

export interface ApiServer {
  url: string;
  caPem: string;
  token: string;
  writes: WriteRecord[];
  /** Every API request served (admin endpoints excluded), as "METHOD path". */
  requests: string[];
  close(): Promise<void>;
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const tls = makeTls();
  const token = options.token ?? randomBytes(24).toString('hex');
  const types = resourceTypes(options.crds);
  const handlers = new Handlers(options.store, options.crds);
  const writes: WriteRecord[] = [];
  const requests: string[] = [];
  const ctx = { ...options, token, types, handlers, writes, requests };
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    void serve(ctx, req, res);
  });
  const forward = portForwardServer(options.portForward ?? (() => undefined));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!forward.upgrade(req, socket, head, authorized(ctx, req))) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `https://127.0.0.1:${port}`,
    caPem: tls.caPem,
    token,
    writes,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        forward.close();
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

type Ctx = ApiServerOptions & {
  token: string;
  types: ResourceType[];
  handlers: Handlers;
  writes: WriteRecord[];
  requests: string[];
};

async function serve(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://sandbox');
  try {
    const body = await readBody(req);
    if (!authorized(ctx, req)) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    if (url.pathname.startsWith('/sandbox/')) {
      admin(ctx, req.method ?? 'GET', url.pathname, body, res);
      return;
    }
    ctx.requests.push(`${req.method ?? 'GET'} ${url.pathname}`);
    await injectFaults(ctx, res);
    if (res.writableEnded) return;
    route(ctx, req, url, body, res);
  } catch (e) {
    sendError(res, e);
  }
}

function authorized(ctx: Ctx, req: IncomingMessage): boolean {
  const auth = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
  return auth === ctx.token || ctx.authenticate?.(auth) === true;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

async function injectFaults(ctx: Ctx, res: ServerResponse): Promise<void> {
  const f = ctx.faults.get();
  if (f.apiLatencyMs > 0) await new Promise((r) => setTimeout(r, f.apiLatencyMs));
  const code = ctx.faults.nextApiError();
  if (code === undefined) return;
  if (code === 429) res.setHeader('Retry-After', '1');
  sendError(
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

function admin(ctx: Ctx, method: string, path: string, body: string, res: ServerResponse): void {
  if (path === '/sandbox/faults') {
    if (method === 'PUT') ctx.faults.set(JSON.parse(body) as never);
    sendJson(res, 200, ctx.faults.get());
  } else if (path === '/sandbox/requests') {
    if (method === 'DELETE') ctx.requests.length = 0;
    sendJson(res, 200, ctx.requests);
  } else if (path === '/sandbox/writes') {
    if (method === 'DELETE') ctx.writes.length = 0;
    sendJson(res, 200, ctx.writes);
  } else {
    throw new ApiError(404, 'NotFound', `${path} not found`);
  }
}

function route(ctx: Ctx, req: IncomingMessage, url: URL, body: string, res: ServerResponse): void {
  const segs = url.pathname.split('/').filter(Boolean);
  const method = req.method ?? 'GET';
  if (url.pathname === '/version') {
    sendJson(res, 200, {
      major: '1',
      minor: '32',
      gitVersion: 'v1.32.0-pgha-sandbox',
      platform: 'linux/amd64',
    });
    return;
  }
  if (url.pathname === '/api') {
    sendJson(res, 200, {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [],
    });
    return;
  }
  if (url.pathname === '/apis') {
    sendJson(res, 200, apiGroupList(ctx.types));
    return;
  }
  const [group, version, rest] =
    segs[0] === 'api'
      ? ['', segs[1] ?? '', segs.slice(2)]
      : [segs[1] ?? '', segs[2] ?? '', segs.slice(3)];
  if (segs[0] !== 'api' && segs[0] !== 'apis')
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  if (rest.length === 0) {
    sendJson(res, 200, resourceList(ctx.types, group, version));
    return;
  }
  const target = parseTarget(ctx.types, group, version, rest);
  if (method !== 'GET')
    ctx.writes.push({
      method,
      path: url.pathname,
      userAgent: req.headers['user-agent'] ?? '',
      time: new Date().toISOString(),
    });
  if (
    method === 'GET' &&
    !target.name &&
    ['true', '1'].includes(url.searchParams.get('watch') ?? '')
  ) {
    serveWatch(ctx.store, ctx.faults, target, url.searchParams, res);
    return;
  }
  if (target.subresource && !['status'].includes(target.subresource)) {
    if (target.subresource === 'log') {
      const log = podLog(ctx.store, target.namespace ?? 'default', target.name ?? '');
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(log);
    }
    throw new ApiError(
      404,
      'NotFound',
      `subresource ${target.subresource} is not served by the sandbox`,
    );
  }
  const reply = ctx.handlers.handle(target, {
    method,
    query: url.searchParams,
    contentType: req.headers['content-type'] ?? 'application/json',
    body,
  });
  sendJson(res, reply.code, reply.body);
}

function parseTarget(
  types: ResourceType[],
  group: string,
  version: string,
  rest: string[],
): Target {
  const find = (plural: string | undefined) =>
    types.find((t) => t.group === group && t.version === version && t.plural === plural);
  const namespaced =
    rest[0] === 'namespaces' && rest.length >= 3 && find(rest[2])?.namespaced === true;
  const [ns, plural, name, sub] = namespaced
    ? [rest[1], rest[2], rest[3], rest[4]]
    : [undefined, rest[0], rest[1], rest[2]];
  const type = find(plural);
  if (!type)
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  return {
    type,
    ...(ns ? { namespace: ns } : {}),
    ...(name ? { name } : {}),
    ...(sub ? { subresource: sub } : {}),
  };
}

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
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

function sendError(res: ServerResponse, e: unknown): void {
  if (res.headersSent) return void res.end();
  const err = e instanceof ApiError ? e : new ApiError(500, 'InternalError', (e as Error).message);
  sendJson(res, err.code, statusBody(err));
}

export async function writeKubeconfig(
  path: string,
  server: { url: string; caPem: string; token: string; namespace?: string; contextName?: string },
): Promise<void> {
  const name = server.contextName ?? 'sandbox';
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: {
          server: server.url,
          'certificate-authority-data': Buffer.from(server.caPem).toString('base64'),
        },
      },
    ],
    users: [{ name, user: { token: server.token } }],
    contexts: [
      {
        name,
        context: {
          cluster: name,
          user: name,
          ...(server.namespace ? { namespace: server.namespace } : {}),
        },
      },
    ],
    'current-context': name,
  };
  await writeFile(path, dump(doc), { mode: 0o600 });
}
