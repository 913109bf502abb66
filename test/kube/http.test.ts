// KubeHttp against a real loopback HTTP server that answers as the API server does under
// load: which failures are retried, how long it waits, and what the final error says.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { KubeApiError } from '../../src/kube/errors.ts';
import { KubeHttp } from '../../src/kube/http.ts';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
let answers: Answer[] = [];
let seen: { method: string; url: string; auth?: string; body: string }[] = [];
let server: Server;
let url = '';

function client(sleeps: number[] = []): KubeHttp {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: url, skipTLSVerify: true }],
    users: [{ name: 'u', token: 'kube-token' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return new KubeHttp(kc, {
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        auth: req.headers.authorization,
        body,
      });
      const a = answers.shift() ?? { status: 200, body: {} };
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      res.end(a.body === undefined ? '' : JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(
  () =>
    new Promise<void>((r) =>
      server.close(() => {
        r();
      }),
    ),
);

beforeEach(() => {
  answers = [];
  seen = [];
});

const status = (code: number, reason: string, message = 'x') => ({
  status: code,
  body: { kind: 'Status', code, reason, message },
});

describe('KubeHttp', () => {
  test('sends the bearer token, the query and a JSON body, and counts requests', async () => {
    const http = client();
    answers = [{ status: 201, body: { ok: true } }];
    const res = await http.json<{ ok: boolean }>({
      method: 'PATCH',
      path: '/api/v1/namespaces/a/configmaps/b',
      query: { fieldManager: 'pgha', force: undefined },
      body: { a: 1 },
      contentType: 'application/apply-patch+yaml',
      context: 'applying ConfigMap b',
    });
    expect(res).toEqual({ status: 201, body: { ok: true } });
    expect(seen[0]).toEqual({
      method: 'PATCH',
      url: '/api/v1/namespaces/a/configmaps/b?fieldManager=pgha',
      auth: 'Bearer kube-token',
      body: '{"a":1}',
    });
    expect(http.requests).toBe(1);
  });

  test('retries 429 after Retry-After and 5xx with growing jittered backoff', async () => {
    const sleeps: number[] = [];
    const http = client(sleeps);
    answers = [
      { ...status(429, 'TooManyRequests'), headers: { 'retry-after': '2' } },
      status(500, 'InternalError'),
      status(503, 'ServiceUnavailable'),
      { status: 200, body: { items: [] } },
    ];
    await http.json({ method: 'GET', path: '/api/v1/pods', context: 'listing pods' });
    expect(sleeps).toEqual([2000, 375, 750]);
    expect(http.requests).toBe(4);
  });

  test('does not retry a request the server refused for its content', async () => {
    const http = client();
    answers = [status(422, 'Invalid', 'spec.instances: Invalid value')];
    const error = await http
      .json({ method: 'POST', path: '/x', body: {}, context: 'creating X' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KubeApiError);
    expect((error as Error).message).toBe('creating X: 422 Invalid: spec.instances: Invalid value');
    expect(http.requests).toBe(1);
  });

  test('gives up after its attempts, with what it was doing', async () => {
    const sleeps: number[] = [];
    const http = client(sleeps);
    answers = Array.from({ length: 6 }, () => status(500, 'InternalError', 'etcd timeout'));
    await expect(http.json({ method: 'GET', path: '/x', context: 'reading X' })).rejects.toThrow(
      'reading X: 500 InternalError: etcd timeout',
    );
    expect(sleeps).toHaveLength(5);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(8000);
  });

  test('adds a hint to 403 and resolves 404 when asked to', async () => {
    const http = client();
    answers = [status(404, 'NotFound'), status(403, 'Forbidden', 'secrets is forbidden')];
    const missing = await http.json({
      method: 'GET',
      path: '/s',
      allowNotFound: true,
      context: 'reading S',
    });
    expect(missing.status).toBe(404);
    await expect(http.json({ method: 'GET', path: '/s', context: 'reading S' })).rejects.toThrow(
      /secrets is forbidden\. The identity lacks RBAC permission/,
    );
  });

  test('retries a refused connection and then says which server it could not reach', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) =>
      closed.close(() => {
        r();
      }),
    );
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
      users: [{ name: 'u' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    const sleeps: number[] = [];
    const http = new KubeHttp(kc, { sleep: (ms) => (sleeps.push(ms), Promise.resolve()) });
    await expect(
      http.json({ method: 'GET', path: '/version', context: 'reading the version' }),
    ).rejects.toThrow(
      `reading the version: cannot reach the API server http://127.0.0.1:${port}: ECONNREFUSED`,
    );
    expect(sleeps).toHaveLength(5);
  });
});
