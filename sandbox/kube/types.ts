// Contract between the sandbox's Kubernetes API server (sandbox/kube/) and the controllers
// that run in the same process (sandbox/cnpg/). Controllers never go through HTTP: they use
// this Store, which keeps resourceVersion, generation, uid, watch events and garbage
// collection exactly as the HTTP API shows them.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Identifies a resource type. group is '' for the core API. */
export interface ResourceRef {
  group: string;
  version: string;
  plural: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export type WatchListener = (type: WatchEventType, obj: KubeObject) => void;

/** DeleteOptions the store honours (metav1.DeleteOptions). */
export interface DeleteOptions {
  /** Default: the pod's spec.terminationGracePeriodSeconds (30 when unset); 0 for other kinds. */
  gracePeriodSeconds?: number;
  /** Background (default): the garbage collector deletes dependents after the owner. */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

export interface ListOptions {
  /** Kubernetes label selector syntax: `a=b,c!=d,e in (f,g),!h`. */
  labelSelector?: string;
  /** Field selector: metadata.name, metadata.namespace, status.phase (pods) and equality forms. */
  fieldSelector?: string;
}

/**
 * Called when an object of a registered type is deleted: the object already carries
 * deletionTimestamp; the store removes it (DELETED event, owner GC) when the hook resolves.
 * The sandbox's kubelet emulation registers one for pods to stop the PostgreSQL server.
 */
export type DeletionHook = (obj: KubeObject, gracePeriodSeconds: number) => Promise<void>;

/** Errors carry the HTTP status and reason the API server answers with. */
export class ApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details?: Record<string, unknown>;
  constructor(code: number, reason: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.reason = reason;
    if (details) this.details = details;
  }
}

export interface Store {
  get(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject | undefined;
  list(ref: ResourceRef, namespace?: string, opts?: ListOptions): KubeObject[];
  /** Assigns uid, resourceVersion, generation 1, creationTimestamp; 409 AlreadyExists. */
  create(ref: ResourceRef, obj: KubeObject): KubeObject;
  /**
   * Read-modify-write by a controller: fn edits a deep copy; resourceVersion is bumped,
   * generation too when spec changed; no admission, no optimistic lock. 404 if absent.
   */
  mutate(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    fn: (obj: KubeObject) => void,
  ): KubeObject;
  /** Same as mutate but only `status` may change, as through the status subresource. */
  patchStatus(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    fn: (status: Record<string, unknown>) => void,
  ): KubeObject;
  delete(ref: ResourceRef, namespace: string | undefined, name: string, opts?: DeleteOptions): void;
  /** Listener gets every event of that type (all namespaces); returns an unsubscribe function. */
  watch(ref: ResourceRef, listener: WatchListener): () => void;
  registerDeletionHook(ref: ResourceRef, hook: DeletionHook): void;
  /** Appends to a pod's container log (what `kubectl logs` reads); dropped with the pod. */
  appendPodLog(namespace: string, pod: string, text: string): void;
  /** The pod's log, or undefined when the pod has none. */
  podLog(namespace: string, pod: string): string | undefined;
}
