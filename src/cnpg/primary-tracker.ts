// Where writes should go right now, kept current by two watches: the Cluster (currentPrimary,
// phase, health) and the Endpoints of its `-rw` Service (the ready pods labelled primary; the
// endpoints controller drops a terminating pod from them at once). A client of `-rw` in the
// cluster reaches a pod only when both agree, so pgha writes to currentPrimary only while it
// is among the `-rw` endpoints, and never to a pod it deleted itself. Watching instead of
// asking on every reconnect keeps the API server out of the writers' retry loop, and a change
// is seen as soon as the API server sends it.
import type { KubeHttp } from '../kube/http.ts';
import { CNPG_CLUSTER, collectionPath, type KubeObject } from '../kube/resources.ts';
import { waitFor } from '../kube/watch.ts';
import type { ClusterObject } from './clusters.ts';

export interface PrimaryView {
  readonly cluster: ClusterObject | undefined;
  /** Pods in the ready addresses of the `-rw` Endpoints. */
  readonly rwPods: readonly string[];
}

interface EndpointsView extends KubeObject {
  subsets?: { addresses?: { targetRef?: { name?: string } }[] }[];
}

export function rwPodsOf(endpoints: EndpointsView | undefined): string[] {
  const names = (endpoints?.subsets ?? []).flatMap((s) =>
    (s.addresses ?? []).map((a) => a.targetRef?.name ?? ''),
  );
  return names.filter(Boolean).sort();
}

export class TrackerTimeout extends Error {
  override readonly name = 'TrackerTimeout';
  readonly view: PrimaryView;
  constructor(what: string, view: PrimaryView) {
    super(`timed out waiting for ${what}`);
    this.view = view;
  }
}

type Listener = () => void;

const STOPPED = new Error('the primary tracker was stopped');

export class PrimaryTracker {
  #cluster: ClusterObject | undefined;
  #rwPods: readonly string[] = [];
  readonly #excluded = new Set<string>();
  readonly #listeners = new Set<Listener>();
  readonly #stop = new AbortController();
  #failure: Error | undefined;
  /** One promise for every waiter of the next change. */
  #next: Promise<void> | undefined;
  readonly #seen = { cluster: false, endpoints: false };
  readonly #now: () => number;

  private constructor(now: () => number) {
    this.#now = now;
  }

  /** Starts both watches; resolves once each has delivered the current state. */
  static async start(
    http: KubeHttp,
    o: {
      readonly namespace: string;
      readonly cluster: string;
      readonly deadline: number;
      readonly now: () => number;
    },
  ): Promise<PrimaryTracker> {
    const t = new PrimaryTracker(o.now);
    const follow = (collection: string, name: string, apply: (obj?: KubeObject) => void) => {
      waitFor(
        http,
        { collection, name, what: name },
        {
          deadline: o.deadline,
          now: o.now,
          signal: t.#stop.signal,
          check: (obj) => {
            apply(obj);
            t.#changed();
            return undefined;
          },
        },
      ).catch((error: unknown) => {
        if (t.#stop.signal.aborted) return;
        t.#failure = error instanceof Error ? error : new Error(String(error));
        t.#changed();
      });
    };
    const clusters = collectionPath(CNPG_CLUSTER.apiVersion, CNPG_CLUSTER.kind, o.namespace);
    follow(clusters, o.cluster, (obj) => {
      t.#cluster = obj;
      t.#seen.cluster = true;
    });
    follow(`/api/v1/namespaces/${o.namespace}/endpoints`, `${o.cluster}-rw`, (obj) => {
      t.#rwPods = rwPodsOf(obj);
      t.#seen.endpoints = true;
    });
    try {
      await t.until('the Cluster and its -rw Endpoints', o.deadline, () =>
        t.#seen.cluster && t.#seen.endpoints ? true : undefined,
      );
    } catch (error) {
      t.stop();
      throw error;
    }
    return t;
  }

  get view(): PrimaryView {
    return { cluster: this.#cluster, rwPods: this.#rwPods };
  }

  /** Never write to this pod again (the drill deleted it). */
  exclude(pod: string): void {
    this.#excluded.add(pod);
  }

  /** The pod to open a new connection to, or undefined while there is none. */
  writablePod(): string | undefined {
    const primary = this.#cluster?.status?.currentPrimary;
    if (!primary || this.#excluded.has(primary) || !this.#rwPods.includes(primary))
      return undefined;
    return primary;
  }

  /** Resolves with the first value the probe returns, checked now and on every change. */
  until<T>(what: string, deadline: number, probe: (v: PrimaryView) => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.#listeners.delete(check);
        settle();
      };
      const check = () => {
        const failure = this.#failure ?? (this.#stop.signal.aborted ? STOPPED : undefined);
        if (failure) {
          finish(() => {
            reject(failure);
          });
          return;
        }
        const value = probe(this.view);
        if (value !== undefined)
          finish(() => {
            resolve(value);
          });
      };
      const timer = setTimeout(
        () => {
          finish(() => {
            reject(new TrackerTimeout(what, this.view));
          });
        },
        Math.max(0, deadline - this.#now()),
      );
      this.#listeners.add(check);
      check();
    });
  }

  /** Resolves at the next change of the Cluster or of the -rw Endpoints (or at stop). */
  nextChange(): Promise<void> {
    if (this.#stop.signal.aborted) return Promise.resolve();
    this.#next ??= new Promise<void>((resolve) => {
      const once = () => {
        this.#listeners.delete(once);
        this.#next = undefined;
        resolve();
      };
      this.#listeners.add(once);
    });
    return this.#next;
  }

  /** Ends both watches; pending waits reject. */
  stop(): void {
    this.#stop.abort(STOPPED);
    this.#changed();
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
