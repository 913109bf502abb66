// The sandbox's Kubernetes API server: HTTPS on 127.0.0.1 with its own CA, bearer-token
// auth, discovery, OpenAPI v2/v3, the verbs of handlers.ts with JSON, YAML and protobuf bodies
// and responses negotiated as the API server does, watch streams, pods/exec and
// pods/portforward over WebSocket, injected faults and admin endpoints (/sandbox/faults,
// /sandbox/writes, /sandbox/requests) for tests.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Faults } from '../faults.ts';
import { readBody } from '../http-body.ts';
import { makeTls } from '../tls.ts';
import type { CrdInfo } from './crd-schema.ts';
import { execServer, refusedWith, type ExecResolver } from './exec.ts';
import { Handlers, type Target } from './handlers.ts';
import { openApi, type OpenApi } from './openapi.ts';
import { podLog } from './pod-logs.ts';
import { portForwardServer, type ForwardResolver } from './portforward.ts';
import { PROTOBUF, decodeProtobuf } from './protobuf/codec.ts';
import { apiGroupList, resourceList, resourceTypes, type ResourceType } from './resources.ts';
import { send, sendError } from './respond.ts';
import { tableReply, watchTransform } from './table.ts';
import type { MemoryStore } from './store.ts';
import { NOT_FOUND, parseTarget } from './target.ts';
import { ApiError } from './types.ts';
import { admin, injectFaults } from './admin.ts';
import { serveWatch } from './watch.ts';

export { writeKubeconfig } from './kubeconfig.ts';

export interface ApiServerOptions {
  store: MemoryStore;
  faults: Faults;
  crds: CrdInfo[];
  token?: string;
  /** Where pods/portforward tunnels to (pod port -> real address). */
  portForward?: ForwardResolver;
  /** What pods/exec runs (none: exec is refused for every pod). */
  exec?: ExecResolver;
  /** Other bearer tokens to accept, e.g. Entra ID tokens for the AKS audience. */
  authenticate?: (token: string) => boolean;
  /** Called once per API request when it is answered: "METHOD path status ms". */
  onRequest?: (line: string) => void;
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

type Ctx = ApiServerOptions & {
  token: string;
  types: ResourceType[];
  handlers: Handlers;
  openapi: OpenApi;
  writes: WriteRecord[];
  requests: string[];
};

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const tls = makeTls();
  const token = options.token ?? randomBytes(24).toString('hex');
  const types = resourceTypes(options.crds);
  const handlers = new Handlers(options.store, options.crds);
  const writes: WriteRecord[] = [];
  const requests: string[] = [];
  const ctx: Ctx = {
    ...options,
    token,
    types,
    handlers,
    openapi: openApi(types),
    writes,
    requests,
  };
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    void serve(ctx, req, res);
  });
  const refuse = (): never => {
    throw new ApiError(400, 'BadRequest', 'exec is not served here');
  };
  const pods = types.find((t) => t.group === '' && t.plural === 'pods');
  const exec = execServer(
    (ns, name) => (pods ? options.store.get(pods, ns, name) : undefined),
    options.exec ?? refuse,
  );
  const forward = portForwardServer(options.portForward ?? (() => undefined));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const started = Date.now();
    const ok = authorized(ctx, req);
    socket.once('close', () => {
      log(ctx, req.method ?? 'GET', req.url ?? '', refusedWith.get(socket) ?? 101, started);
    });
    if (exec.upgrade(req, socket, head, ok)) return;
    if (!forward.upgrade(req, socket, head, ok)) socket.destroy();
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
        exec.close();
        forward.close();
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

function log(ctx: Ctx, method: string, url: string, status: number, started: number): void {
  const path = url.split('?')[0] ?? url;
  if (!path.startsWith('/sandbox/'))
    ctx.onRequest?.(`${method} ${path} ${status} ${Date.now() - started}ms`);
}

async function serve(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  res.once('finish', () => {
    log(ctx, req.method ?? 'GET', req.url ?? '/', res.statusCode, started);
  });
  const url = new URL(req.url ?? '/', 'https://sandbox');
  try {
    const body = await readBody(req);
    if (!authorized(ctx, req)) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    if (url.pathname.startsWith('/sandbox/')) {
      admin(ctx, req, url.pathname, body.toString('utf8'), res);
      return;
    }
    ctx.requests.push(`${req.method ?? 'GET'} ${url.pathname}`);
    await injectFaults(ctx, req, res);
    if (res.writableEnded) return;
    route(ctx, req, url, body, res);
  } catch (e) {
    sendError(req, res, e);
  }
}

function authorized(ctx: Ctx, req: IncomingMessage): boolean {
  const auth = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
  return auth === ctx.token || ctx.authenticate?.(auth) === true;
}

function route(ctx: Ctx, req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): void {
  const segs = url.pathname.split('/').filter(Boolean);
  const method = req.method ?? 'GET';
  const discovery = nonResource(ctx, url.pathname);
  if (discovery !== undefined) {
    send(req, res, 200, discovery);
    return;
  }
  if (segs[0] !== 'api' && segs[0] !== 'apis') throw new ApiError(404, 'NotFound', NOT_FOUND);
  const [group, version, rest] =
    segs[0] === 'api'
      ? ['', segs[1] ?? '', segs.slice(2)]
      : [segs[1] ?? '', segs[2] ?? '', segs.slice(3)];
  if (rest.length === 0) {
    send(req, res, 200, resourceList(ctx.types, group, version));
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
  const watch = ['true', '1'].includes(url.searchParams.get('watch') ?? '');
  if (method === 'GET' && !target.name && watch) {
    const accept = req.headers.accept;
    const asTable = watchTransform(accept, url.searchParams.get('includeObject'), target.type);
    serveWatch(ctx.store, ctx.faults, target, url.searchParams, res, asTable);
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
  const contentType = req.headers['content-type'] ?? 'application/json';
  const reply = ctx.handlers.handle(target, {
    method,
    query: url.searchParams,
    contentType,
    body: body.toString('utf8'),
    ...(contentType.split(';')[0]?.trim() === PROTOBUF
      ? { object: protobufBody(target, body) }
      : {}),
  });
  if (method === 'GET' && reply.code === 200 && !target.subresource) {
    const table = tableReply(
      req.headers.accept,
      url.searchParams.get('includeObject'),
      target.type,
      reply.body,
    );
    if (table) {
      res.writeHead(200, { 'content-type': table.type }).end(JSON.stringify(table.body));
      return;
    }
  }
  send(req, res, reply.code, reply.body, {
    protobuf: !target.type.crd,
    ...(reply.warnings ? { warnings: reply.warnings } : {}),
  });
}

/** /version, /api, /apis and the OpenAPI documents; undefined for resource paths. */
function nonResource(ctx: Ctx, path: string): unknown {
  if (path === '/version')
    return { major: '1', minor: '32', gitVersion: 'v1.32.0-pgha-sandbox', platform: 'linux/amd64' };
  if (path === '/api')
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  if (path === '/apis') return apiGroupList(ctx.types);
  if (!path.startsWith('/openapi/')) return undefined;
  const doc = ctx.openapi.get(path);
  if (!doc) throw new ApiError(404, 'NotFound', NOT_FOUND);
  return doc;
}

/** Custom resources have no protobuf form: the API server refuses such a body with 415. */
function protobufBody(target: Target, body: Buffer): unknown {
  if (target.type.crd)
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
    );
  return decodeProtobuf(body);
}
