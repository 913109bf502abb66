// Watching one object by name: list for the current state and resourceVersion, then a watch
// from there that resumes after disconnects from the last version seen, relists after 410
// Gone, and retries transient failures with the client's backoff, until a predicate holds.
import type { IncomingMessage } from 'node:http';
import { kubeApiError, type KubeApiError } from './errors.ts';
import type { KubeHttp } from './http.ts';
import type { KubeObject } from './resources.ts';

export interface WatchTarget {
  /** Collection path, e.g. /apis/postgresql.cnpg.io/v1/namespaces/db/clusters. */
  readonly collection: string;
  readonly name: string;
  readonly what: string;
}

export interface WatchHooks<T> {
  /** Called with every state of the object (undefined: absent); a value ends the watch. */
  readonly check: (obj: KubeObject | undefined) => T | undefined;
  readonly onReconnect?: (reason: string) => void;
  /** Absolute time (ms since epoch) after which waitFor rejects with WatchTimeout. */
  readonly deadline: number;
  readonly now?: () => number;
}

export class WatchTimeout extends Error {
  override readonly name = 'WatchTimeout';
  readonly last: KubeObject | undefined;
  constructor(what: string, last: KubeObject | undefined) {
    super(`timed out waiting for ${what}`);
    this.last = last;
  }
}

interface ListBody {
  metadata: { resourceVersion: string };
  items: KubeObject[];
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject & { code?: number; message?: string };
}

export async function waitFor<T>(
  http: KubeHttp,
  target: WatchTarget,
  hooks: WatchHooks<T>,
): Promise<T> {
  const now = hooks.now ?? Date.now;
  const fieldSelector = `metadata.name=${target.name}`;
  let last: KubeObject | undefined;
  let resourceVersion: string | undefined;
  let failures = 0;
  for (;;) {
    if (now() >= hooks.deadline) throw new WatchTimeout(target.what, last);
    try {
      if (resourceVersion === undefined) {
        const list = await http.json<ListBody>({
          method: 'GET',
          path: target.collection,
          query: { fieldSelector },
          context: `listing ${target.what}`,
        });
        last = list.body.items[0];
        resourceVersion = list.body.metadata.resourceVersion;
        const done = hooks.check(last);
        if (done !== undefined) return done;
      }
      const outcome = await watchOnce(http, target, fieldSelector, resourceVersion, hooks, now);
      failures = 0;
      if (outcome.kind === 'done') return outcome.value;
      last = outcome.last ?? last;
      resourceVersion = outcome.resourceVersion;
      if (outcome.reason !== 'deadline') hooks.onReconnect?.(outcome.reason);
    } catch (error) {
      failures++;
      const delay = http.retryDelay(error, failures);
      if (delay === undefined) throw error;
      hooks.onReconnect?.(error instanceof Error ? error.message : String(error));
      await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(0, hooks.deadline - now()))));
    }
  }
}

type Outcome<T> =
  | { kind: 'done'; value: T }
  | { kind: 'ended'; reason: string; resourceVersion: string | undefined; last?: KubeObject };

/** One watch connection, until the predicate holds, the stream ends, or the deadline. */
async function watchOnce<T>(
  http: KubeHttp,
  target: WatchTarget,
  fieldSelector: string,
  resourceVersion: string,
  hooks: WatchHooks<T>,
  now: () => number,
): Promise<Outcome<T>> {
  const controller = new AbortController();
  const remaining = Math.max(1, Math.ceil((hooks.deadline - now()) / 1000));
  const timer = setTimeout(() => {
    controller.abort();
  }, hooks.deadline - now());
  try {
    const res = await http.stream(
      target.collection,
      {
        watch: 'true',
        fieldSelector,
        resourceVersion,
        allowWatchBookmarks: 'true',
        timeoutSeconds: String(Math.min(remaining, 300)),
      },
      controller.signal,
    );
    if ((res.statusCode ?? 0) >= 400) throw await statusError(res, target.what);
    return await readEvents(res, resourceVersion, hooks);
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'ended', reason: 'deadline', resourceVersion };
    throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function readEvents<T>(
  res: IncomingMessage,
  startVersion: string,
  hooks: WatchHooks<T>,
): Promise<Outcome<T>> {
  let version: string | undefined = startVersion;
  let last: KubeObject | undefined;
  let buffer = '';
  try {
    for await (const chunk of res) {
      buffer += String(chunk);
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (!line) continue;
        const event = JSON.parse(line) as WatchEvent;
        if (event.type === 'ERROR') {
          // 410 Gone: the version is too old; list again.
          const gone = event.object.code === 410;
          return {
            kind: 'ended',
            reason: event.object.message ?? 'watch error',
            resourceVersion: gone ? undefined : version,
          };
        }
        version = event.object.metadata.resourceVersion ?? version;
        if (event.type === 'BOOKMARK') continue;
        last = event.type === 'DELETED' ? undefined : event.object;
        const done = hooks.check(last);
        if (done !== undefined) return { kind: 'done', value: done };
      }
    }
  } catch (error) {
    return {
      kind: 'ended',
      reason: `watch connection lost (${String(error)})`,
      resourceVersion: version,
      ...(last ? { last } : {}),
    };
  }
  return {
    kind: 'ended',
    reason: 'watch connection closed',
    resourceVersion: version,
    ...(last ? { last } : {}),
  };
}

async function statusError(res: IncomingMessage, what: string): Promise<KubeApiError> {
  let text = '';
  for await (const chunk of res) text += String(chunk);
  const retryAfter = res.headers['retry-after'];
  return kubeApiError(
    res.statusCode ?? 0,
    text,
    `watching ${what}`,
    typeof retryAfter === 'string' ? retryAfter : undefined,
  );
}
