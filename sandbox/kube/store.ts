// The sandbox's object store: what etcd + the API machinery keep for Kubernetes. One global
// resourceVersion, uid, generation, creationTimestamp, watch history (410 when too old),
// graceful deletion through hooks (the kubelet) and finalizers, ownerReference garbage
// collection (garbage-collector.ts), PVC protection (pvc-protection.ts) and pod logs.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  FOREGROUND_FINALIZER,
  collectGarbage,
  dependentsOf,
  orphanDependents,
} from './garbage-collector.ts';
import { NAMESPACES, finalizeNamespace, refuseInTerminating } from './namespace-lifecycle.ts';
import { PVCS, PVC_PROTECTION_FINALIZER, startPvcProtection } from './pvc-protection.ts';
import { matchesFields, matchesLabels } from './selectors.ts';
import { POD_KEY, body, defaultGrace, notFound, pick, refKey } from './store-meta.ts';
import {
  ApiError,
  type DeleteOptions,
  type DeletionHook,
  type KubeObject,
  type ListOptions,
  type ResourceRef,
  type Store,
  type WatchEventType,
  type WatchListener,
} from './types.ts';

export interface StoredEvent {
  rv: number;
  type: WatchEventType;
  obj: KubeObject;
}

const HISTORY = 1000;
const CLUSTER_SCOPED = new Set(['/namespaces', '/nodes']);

const objKey = (ns: string | undefined, name: string): string => `${ns ?? ''}/${name}`;
const copy = <T>(v: T): T => structuredClone(v);

export class MemoryStore implements Store {
  #rv = 1;
  readonly #objects = new Map<string, Map<string, KubeObject>>();
  readonly #refs = new Map<string, ResourceRef>();
  readonly #history = new Map<string, StoredEvent[]>();
  readonly #listeners = new Map<string, Set<WatchListener>>();
  readonly #hooks = new Map<string, DeletionHook>();
  /** uids of objects whose deletion hook (the kubelet stopping a pod) has not finished. */
  readonly #terminating = new Set<string>();
  readonly #logs = new Map<string, string>();

  constructor() {
    this.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    startPvcProtection(this);
    this.registerDeletionHook(NAMESPACES, (ns) => finalizeNamespace(this, ns));
  }

  /** Every object with its type, not copied: for the garbage collector, which only reads. */
  entries(): { ref: ResourceRef; obj: Readonly<KubeObject> }[] {
    return [...this.#objects].flatMap(([key, bucket]) => {
      const ref = this.#refs.get(key);
      return ref ? [...bucket.values()].map((obj) => ({ ref, obj })) : [];
    });
  }

  get resourceVersion(): string {
    return String(this.#rv);
  }

  isNamespaced(ref: ResourceRef): boolean {
    return !CLUSTER_SCOPED.has(refKey(ref));
  }

  #bucket(ref: ResourceRef): Map<string, KubeObject> {
    const key = refKey(ref);
    let bucket = this.#objects.get(key);
    if (!bucket) {
      bucket = new Map();
      this.#objects.set(key, bucket);
      this.#refs.set(key, ref);
    }
    return bucket;
  }

  get(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject | undefined {
    const obj = this.#bucket(ref).get(objKey(this.isNamespaced(ref) ? namespace : undefined, name));
    return obj ? copy(obj) : undefined;
  }

  list(ref: ResourceRef, namespace?: string, opts: ListOptions = {}): KubeObject[] {
    return [...this.#bucket(ref).values()]
      .filter((o) => namespace === undefined || o.metadata.namespace === namespace)
      .filter((o) => matchesLabels(o, opts.labelSelector) && matchesFields(o, opts.fieldSelector))
      .map(copy);
  }

  create(ref: ResourceRef, obj: KubeObject): KubeObject {
    const namespaced = this.isNamespaced(ref);
    const ns = namespaced ? (obj.metadata.namespace ?? 'default') : undefined;
    const namespaceObj = ns === undefined ? undefined : this.get(NAMESPACES, undefined, ns);
    if (ns !== undefined && !namespaceObj) {
      throw new ApiError(404, 'NotFound', `namespaces "${ns}" not found`, {
        name: ns,
        kind: 'namespaces',
      });
    }
    refuseInTerminating(namespaceObj, ref, obj.metadata.name);
    const key = objKey(ns, obj.metadata.name);
    if (this.#bucket(ref).has(key)) {
      throw new ApiError(
        409,
        'AlreadyExists',
        `${ref.plural} "${obj.metadata.name}" already exists`,
        { name: obj.metadata.name, kind: ref.plural },
      );
    }
    const stored = copy(obj);
    stored.metadata = {
      ...stored.metadata,
      ...(ns === undefined ? {} : { namespace: ns }),
      uid: randomUUID(),
      generation: 1,
      creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    delete stored.metadata.deletionTimestamp;
    // The StorageObjectInUseProtection admission plugin protects every new claim.
    if (refKey(ref) === refKey(PVCS)) {
      const finalizers = stored.metadata.finalizers ?? [];
      if (!finalizers.includes(PVC_PROTECTION_FINALIZER))
        stored.metadata.finalizers = [...finalizers, PVC_PROTECTION_FINALIZER];
    }
    return this.#write(ref, key, stored, 'ADDED');
  }

  /** Replaces an object (PUT): optimistic lock on metadata.resourceVersion when given. */
  replace(ref: ResourceRef, obj: KubeObject): KubeObject {
    const ns = this.isNamespaced(ref) ? (obj.metadata.namespace ?? 'default') : undefined;
    const live = this.get(ref, ns, obj.metadata.name);
    if (!live) throw notFound(ref, obj.metadata.name);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== live.metadata.resourceVersion) {
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${ref.plural} "${obj.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    const next: KubeObject = { ...copy(obj), metadata: { ...obj.metadata, ...pick(live) } };
    if (ns !== undefined) next.metadata.namespace = ns;
    if (
      isDeepStrictEqual(next, {
        ...live,
        metadata: { ...live.metadata, resourceVersion: next.metadata.resourceVersion },
      })
    )
      return live;
    return this.#update(ref, live, next);
  }

  mutate(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    fn: (obj: KubeObject) => void,
  ): KubeObject {
    const live = this.get(ref, namespace, name);
    if (!live) throw notFound(ref, name);
    const next = copy(live);
    fn(next);
    next.metadata = { ...next.metadata, ...pick(live) };
    if (isDeepStrictEqual(next, live)) return live;
    return this.#update(ref, live, next);
  }

  patchStatus(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    fn: (status: Record<string, unknown>) => void,
  ): KubeObject {
    return this.mutate(ref, namespace, name, (obj) => {
      const status = copy(obj.status ?? {});
      fn(status);
      obj.status = status;
    });
  }

  #update(ref: ResourceRef, live: KubeObject, next: KubeObject): KubeObject {
    if (!isDeepStrictEqual(body(live), body(next)))
      next.metadata.generation = (live.metadata.generation ?? 1) + 1;
    const key = objKey(live.metadata.namespace, live.metadata.name);
    const written = this.#write(ref, key, next, 'MODIFIED');
    if (this.#deletable(written)) this.#remove(ref, written);
    return written;
  }

  #write(ref: ResourceRef, key: string, obj: KubeObject, type: WatchEventType): KubeObject {
    obj.metadata.resourceVersion = String(++this.#rv);
    this.#bucket(ref).set(key, obj);
    this.#emit(ref, type, obj);
    return copy(obj);
  }

  #emit(ref: ResourceRef, type: WatchEventType, obj: KubeObject): void {
    const key = refKey(ref);
    const history = this.#history.get(key) ?? [];
    history.push({ rv: Number(obj.metadata.resourceVersion), type, obj: copy(obj) });
    if (history.length > HISTORY) history.shift();
    this.#history.set(key, history);
    for (const listener of this.#listeners.get(key) ?? []) listener(type, copy(obj));
  }

  /** Deletion as the API server does it: at once, or marked and removed by hooks/finalizers. */
  delete(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
  ): void {
    const live = this.get(ref, namespace, name);
    if (!live) throw notFound(ref, name);
    if (opts.propagationPolicy === 'Orphan') orphanDependents(this, live);
    if (live.metadata.deletionTimestamp) return;
    const uid = live.metadata.uid ?? '';
    const hook = this.#hooks.get(refKey(ref));
    const foreground =
      opts.propagationPolicy === 'Foreground' && dependentsOf(this, uid).length > 0;
    const finalizers = [...(live.metadata.finalizers ?? [])];
    if (foreground) finalizers.push(FOREGROUND_FINALIZER);
    if (!hook && finalizers.length === 0) {
      this.#remove(ref, live);
      return;
    }
    const grace = hook ? (opts.gracePeriodSeconds ?? defaultGrace(ref, live)) : 0;
    if (hook) this.#terminating.add(uid);
    const marked = this.mutate(ref, namespace, name, (o) => {
      // A pod's deletionTimestamp is the time by which it must be gone (now + grace).
      o.metadata.deletionTimestamp = new Date(Date.now() + grace * 1000)
        .toISOString()
        .replace(/\.\d+Z$/, 'Z');
      o.metadata.deletionGracePeriodSeconds = grace;
      if (finalizers.length > 0) o.metadata.finalizers = finalizers;
    });
    if (foreground) collectGarbage(this);
    if (hook)
      void hook(marked, grace)
        // A kubelet whose graceful stop fails still kills the container: the pod goes anyway
        // (the hook logs its own failures; a rejection here must not end the process).
        .catch(() => undefined)
        .finally(() => {
          this.#terminating.delete(uid);
          const still = this.get(ref, marked.metadata.namespace, marked.metadata.name);
          if (still?.metadata.uid === uid && this.#deletable(still)) this.#remove(ref, still);
        });
  }

  /** Marked for deletion, no finalizer left, no hook still running. */
  #deletable(obj: KubeObject): boolean {
    return (
      obj.metadata.deletionTimestamp !== undefined &&
      (obj.metadata.finalizers ?? []).length === 0 &&
      !this.#terminating.has(obj.metadata.uid ?? '')
    );
  }

  #remove(ref: ResourceRef, obj: KubeObject): void {
    this.#bucket(ref).delete(objKey(obj.metadata.namespace, obj.metadata.name));
    if (refKey(ref) === POD_KEY)
      this.#logs.delete(objKey(obj.metadata.namespace, obj.metadata.name));
    obj.metadata.resourceVersion = String(++this.#rv);
    this.#emit(ref, 'DELETED', obj);
    collectGarbage(this);
  }

  appendPodLog(namespace: string, pod: string, text: string): void {
    const key = objKey(namespace, pod);
    this.#logs.set(key, (this.#logs.get(key) ?? '') + text);
  }

  podLog(namespace: string, pod: string): string | undefined {
    return this.#logs.get(objKey(namespace, pod));
  }

  watch(ref: ResourceRef, listener: WatchListener): () => void {
    const key = refKey(ref);
    const set = this.#listeners.get(key) ?? new Set();
    set.add(listener);
    this.#listeners.set(key, set);
    return () => set.delete(listener);
  }

  /** Events after resourceVersion rv; 410 Gone when they are no longer kept. */
  eventsSince(ref: ResourceRef, rv: number): StoredEvent[] {
    const history = this.#history.get(refKey(ref)) ?? [];
    const oldest = history[0]?.rv ?? this.#rv + 1;
    if (rv < oldest - 1 && rv < this.#rv && this.#rv - rv >= HISTORY) {
      throw new ApiError(410, 'Expired', `too old resource version: ${rv} (${oldest - 1})`);
    }
    return history.filter((e) => e.rv > rv).map(copy);
  }

  registerDeletionHook(ref: ResourceRef, hook: DeletionHook): void {
    this.#hooks.set(refKey(ref), hook);
  }
}
