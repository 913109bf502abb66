// waitFor against a tiny loopback API server that is broken in the ways that used to make
// it spin: every watch ends at once, or answers with an ERROR event (500, or 410 Gone, which
// sends it back to list). Each broken collection is counted per second: backing off with
// jitter keeps a broken API at a few requests a second. A healthy watch still returns at once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KubeHttp } from '../../src/kube/http.ts';
import { WatchTimeout, waitFor, watchBackoff } from '../../src/kube/watch.ts';

type Mode = 'close' | 'error' | 'gone' | 'healthy' | 'quiet';

const requests = new Map<Mode, number[]>();
const quietClosed: number[] = [];
let server: Server;
let http: KubeHttp;

const object = (rv: string, ready: boolean) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'x', namespace: 'ns', resourceVersion: rv },
  data: { ready: String(ready) },
});

function errorEvent(code: number): string {
  const status = { kind: 'Status', status: 'Failure', code, message: `broken ${String(code)}` };
  return `${JSON.stringify({ type: 'ERROR', object: status })}\n`;
}

/** /api/v1/namespaces/<mode>/configmaps: list, then a watch that is broken as the mode says. */
function answer(mode: Mode, watch: boolean, res: import('node:http').ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  if (!watch) {
    res.end(JSON.stringify({ metadata: { resourceVersion: '10' }, items: [object('10', false)] }));
    return;
  }
  if (mode === 'quiet') {
    res.flushHeaders();
    res.on('close', () => quietClosed.push(performance.now()));
    return;
  }
  if (mode === 'close') res.end();
  else if (mode === 'error') res.end(errorEvent(500));
  else if (mode === 'gone') res.end(errorEvent(410));
  else
    setTimeout(() => {
      res.end(`${JSON.stringify({ type: 'MODIFIED', object: object('11', true) })}\n`);
    }, 100);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const mode = (url.pathname.split('/')[4] ?? 'close') as Mode;
    requests.set(mode, [...(requests.get(mode) ?? []), performance.now()]);
    answer(mode, url.searchParams.get('watch') === 'true', res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: 'c',
        server: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
        skipTLSVerify: true,
      },
    ],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  http = new KubeHttp(kc);
});

afterAll(
  () =>
    new Promise<void>((r) => {
      server.close(() => {
        r();
      });
    }),
);

function wait(mode: Mode, ms: number, reconnects: string[] = []) {
  return waitFor(
    http,
    { collection: `/api/v1/namespaces/${mode}/configmaps`, name: 'x', what: `x in ${mode}` },
    {
      deadline: Date.now() + ms,
      check: (obj) =>
        (obj as { data?: { ready?: string } } | undefined)?.data?.ready === 'true'
          ? obj
          : undefined,
      onReconnect: (reason) => reconnects.push(reason),
    },
  );
}

/** The most requests that arrived within any one second. */
function peakPerSecond(times: readonly number[]): number {
  return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
}

describe('a broken API is not hammered', () => {
  const RUN_MS = 5000;

  test.concurrent.each(['close', 'error', 'gone'] as const)(
    'every watch %s: backs off to a few requests a second',
    async (mode) => {
      const reconnects: string[] = [];
      await expect(wait(mode, RUN_MS, reconnects)).rejects.toBeInstanceOf(WatchTimeout);
      const times = requests.get(mode) ?? [];
      // Without backoff these are thousands; with it a handful (a list per 410 as well).
      expect(peakPerSecond(times), `${String(times.length)} requests`).toBeLessThanOrEqual(
        mode === 'gone' ? 8 : 4,
      );
      expect(times.length).toBeLessThanOrEqual(mode === 'gone' ? 24 : 12);
      expect(times.length).toBeGreaterThanOrEqual(mode === 'gone' ? 4 : 3);
      expect(reconnects.length).toBeGreaterThan(0);
    },
    20_000,
  );

  test('a healthy watch that delivers the state returns at once', async () => {
    const started = performance.now();
    const obj = await wait('healthy', 10_000);
    expect(obj).toMatchObject({ metadata: { resourceVersion: '11' } });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(requests.get('healthy')).toHaveLength(2);
  });
});

test('an aborted signal ends a quiet watch at once, and closes its connection', async () => {
  const stop = new AbortController();
  const waiting = waitFor(
    http,
    { collection: '/api/v1/namespaces/quiet/configmaps', name: 'x', what: 'x in quiet' },
    { deadline: Date.now() + 60_000, check: () => undefined, signal: stop.signal },
  );
  await new Promise((r) => setTimeout(r, 300));
  const aborted = performance.now();
  stop.abort(new Error('drill over'));
  await expect(waiting).rejects.toThrow('drill over');
  expect(performance.now() - aborted).toBeLessThan(1000);
  await new Promise((r) => setTimeout(r, 100));
  expect(quietClosed).toHaveLength(1);
  expect(requests.get('quiet')).toHaveLength(2);
});

test('the backoff doubles up to its cap, jittered within the upper half', () => {
  expect([1, 2, 3, 4, 5, 6, 9].map((n) => watchBackoff(n, () => 1))).toEqual([
    500, 1000, 2000, 4000, 4000, 4000, 4000,
  ]);
  expect([1, 2, 3, 4].map((n) => watchBackoff(n, () => 0))).toEqual([250, 500, 1000, 2000]);
  const draws = Array.from({ length: 50 }, () => watchBackoff(3));
  expect(Math.min(...draws)).toBeGreaterThanOrEqual(1000);
  expect(Math.max(...draws)).toBeLessThanOrEqual(2000);
  expect(new Set(draws).size).toBeGreaterThan(1);
});
