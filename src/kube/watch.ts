// Watching one object by name: list for the current state and resourceVersion, then a watch
// from there that resumes after disconnects from the last version seen, relists after 410
// Gone, and retries transient failures with the client's backoff, until a predicate holds.
// A watch that ends at once without news, or with an ERROR event, is a sign of a broken API:
// the next one waits, doubling and jittered, so a broken API gets a few requests a second.
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
  /** For the jitter of the backoff between watches that end at once. */
  readonly random?: () => number;
  /** Ends the wait early, rejecting with the signal's reason (a watch that follows an object). */
  readonly signal?: AbortSignal;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 4000;
/** A watch that ends sooner than this without delivering a change ended "at once". */
const SHORT_WATCH_MS = 2000;

/** Delay before the next watch after `attempt` broken ones in a row: [cap/2, cap], cap doubling. */
export function watchBackoff(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
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
  let broken = 0;
  for (;;) {
    hooks.signal?.throwIfAborted();
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
      const opened = now();
      const outcome = await watchOnce(http, target, fieldSelector, resourceVersion, hooks, now);
      failures = 0;
      if (outcome.kind === 'done') return outcome.value;
      hooks.signal?.throwIfAborted();
      last = outcome.last ?? last;
      resourceVersion = outcome.resourceVersion;
      if (outcome.reason === 'deadline') continue;
      hooks.onReconnect?.(outcome.reason);
      const atOnce = outcome.changes === 0 && now() - opened < SHORT_WATCH_MS;
      broken = outcome.error || atOnce ? broken + 1 : 0;
      if (broken > 0) await pause(watchBackoff(broken, hooks.random), hooks, now);
    } catch (error) {
      hooks.signal?.throwIfAborted();
      failures++;
      const delay = http.retryDelay(error, failures);
      if (delay === undefined) throw error;
      hooks.onReconnect?.(error instanceof Error ? error.message : String(error));
      await pause(delay, hooks, now);
    }
  }
}

/** Waits ms, but not past the deadline nor once the signal aborts. */
function pause(
  ms: number,
  hooks: Pick<WatchHooks<unknown>, 'deadline' | 'signal'>,
  now: () => number,
): Promise<void> {
  return new Promise((r) => {
    const done = () => {
      clearTimeout(timer);
      hooks.signal?.removeEventListener('abort', done);
      r();
    };
    const timer = setTimeout(done, Math.min(ms, Math.max(0, hooks.deadline - now())));
    hooks.signal?.addEventListener('abort', done, { once: true });
  });
}

type Outcome<T> =
  | { kind: 'done'; value: T }
  | {
      kind: 'ended';
      reason: string;
      resourceVersion: string | undefined;
      last?: KubeObject;
      /** ADDED, MODIFIED or DELETED events the watch delivered before it ended. */
      changes: number;
      /** It ended with an ERROR event. */
      error: boolean;
    };

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
  const stop = () => {
    controller.abort();
  };
  const timer = setTimeout(stop, hooks.deadline - now());
  hooks.signal?.addEventListener('abort', stop, { once: true });
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
    if (controller.signal.aborted)
      return { kind: 'ended', reason: 'deadline', resourceVersion, changes: 0, error: false };
    throw error;
  } finally {
    clearTimeout(timer);
    hooks.signal?.removeEventListener('abort', stop);
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
  let changes = 0;
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
            changes,
            error: true,
          };
        }
        version = event.object.metadata.resourceVersion ?? version;
        if (event.type === 'BOOKMARK') continue;
        changes++;
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
      changes,
      error: false,
    };
  }
  return {
    kind: 'ended',
    reason: 'watch connection closed',
    resourceVersion: version,
    ...(last ? { last } : {}),
    changes,
    error: false,
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
