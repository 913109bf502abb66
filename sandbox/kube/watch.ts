// Watch streams: newline-delimited {type, object} events from a resourceVersion on, an
// ERROR event with a 410 Status when it is too old, timeoutSeconds, bookmarks, and the
// dropped-connection fault. `transform` turns each event's object into what the client asked
// for (a Table for kubectl get -w).
import type { ServerResponse } from 'node:http';
import type { Faults } from '../faults.ts';
import type { Target } from './handlers.ts';
import { matchesFields, matchesLabels } from './selectors.ts';
import type { MemoryStore } from './store.ts';
import { ApiError, type KubeObject, type WatchEventType } from './types.ts';

export function serveWatch(
  store: MemoryStore,
  faults: Faults,
  t: Target,
  q: URLSearchParams,
  res: ServerResponse,
  transform: (obj: KubeObject) => unknown = (obj) => obj,
): void {
  const wanted = (o: KubeObject) =>
    (t.namespace === undefined || o.metadata.namespace === t.namespace) &&
    matchesLabels(o, q.get('labelSelector') ?? undefined) &&
    matchesFields(o, q.get('fieldSelector') ?? undefined);
  const send = (type: WatchEventType | 'BOOKMARK' | 'ERROR', object: unknown) =>
    res.write(`${JSON.stringify({ type, object })}\n`);
  const sendObject = (type: WatchEventType, obj: KubeObject) => send(type, transform(obj));
  res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
  res.flushHeaders();
  let last: number;
  const buffered: [WatchEventType, KubeObject][] = [];
  let live = false;
  const stop = store.watch(t.type, (type, obj) => {
    if (!wanted(obj)) return;
    if (live) sendObject(type, obj);
    else buffered.push([type, obj]);
  });
  try {
    last = replay(store, t, q.get('resourceVersion') ?? '', wanted, sendObject);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    send('ERROR', {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: e.message,
      reason: e.reason,
      code: e.code,
    });
    stop();
    res.end();
    return;
  }
  for (const [type, obj] of buffered)
    if (Number(obj.metadata.resourceVersion) > last) sendObject(type, obj);
  live = true;
  if (q.get('allowWatchBookmarks') === 'true')
    send('BOOKMARK', {
      kind: t.type.kind,
      apiVersion: apiVersion(t),
      metadata: { resourceVersion: store.resourceVersion },
    });
  closeLater(res, stop, Number(q.get('timeoutSeconds') ?? 0) * 1000, faults.get().dropWatchAfterMs);
}

function replay(
  store: MemoryStore,
  t: Target,
  rv: string,
  wanted: (o: KubeObject) => boolean,
  send: (type: WatchEventType, obj: KubeObject) => void,
): number {
  if (rv === '' || rv === '0') {
    for (const obj of store.list(t.type, t.namespace)) if (wanted(obj)) send('ADDED', obj);
    return Number(store.resourceVersion);
  }
  let last = Number(rv);
  for (const e of store.eventsSince(t.type, Number(rv))) {
    if (wanted(e.obj)) send(e.type, e.obj);
    last = e.rv;
  }
  return last;
}

function closeLater(
  res: ServerResponse,
  stop: () => void,
  timeoutMs: number,
  dropMs: number,
): void {
  const timers: NodeJS.Timeout[] = [];
  const end = (destroy: boolean) => {
    timers.forEach(clearTimeout);
    stop();
    if (destroy) res.destroy();
    else res.end();
  };
  if (timeoutMs > 0)
    timers.push(
      setTimeout(() => {
        end(false);
      }, timeoutMs),
    );
  if (dropMs > 0)
    timers.push(
      setTimeout(() => {
        end(true);
      }, dropMs),
    );
  res.on('close', () => {
    timers.forEach(clearTimeout);
    stop();
  });
}

function apiVersion(t: Target): string {
  return t.type.group ? `${t.type.group}/${t.type.version}` : t.type.version;
}
