// The CNPG operator emulation: watches Clusters and instance pods in the Store, runs one
// reconcile pass at a time per Cluster (plus a periodic resync), acts as the kubelet for
// instance pods and as the endpoints controller for their Services, and resolves
// port-forwards to the instances' real PostgreSQL ports.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupHooks, InstanceOwner } from './backup-hooks.ts';
import type { Faults } from '../faults.ts';
import type { KubeObject, Store } from '../kube/types.ts';
import type { Instance } from '../postgres/instance.ts';
import { setReplicationLatency } from '../postgres/replication-link.ts';
import { readStatus } from '../postgres/status.ts';
import { DEFAULT_TIMINGS, type SandboxTimings } from '../timings.ts';
import { serverUser } from '../users.ts';
import { reconcileCluster } from './cluster-reconcile.ts';
import { podDeletionHook } from './kubelet.ts';
import { PrimaryLease } from './lease.ts';
import { createNodes, livePod } from './pods.ts';
import { CLUSTERS, LABEL, PODS, POSTGRES_PORT, SERVICES, clusterKey } from './resources.ts';
import { StoppingError } from './runtime.ts';
import { deleteEndpoints, syncEndpoints } from './services.ts';
import { demoteOldPrimary } from './switchover.ts';
import type { ClusterRuntime, ControllerContext, InstanceRuntime } from './runtime.ts';
import { WorkQueue } from './work-queue.ts';

export interface CnpgControllerOptions {
  store: Store;
  faults: Faults;
  /** Sandbox directory: instances under DIR/instances/<namespace>, log in DIR/cnpg.log. */
  dir: string;
  /** Unix socket directory of the servers (short path, owned by the server user). */
  socketDir: string;
  /** Period of the resync that retries failed starts and checks standbys (default 2 s). */
  resyncMs?: number;
  /** Extra log sink (the CLI prints to stderr). */
  onLog?: (line: string) => void;
  /** Part 2: WAL archiving and recovery on the object store. */
  backup?: BackupHooks;
  /** CNPG's and Kubernetes' waits (default: the real ones). */
  timings?: Readonly<SandboxTimings>;
}

/** The operator's log: DIR/cnpg.log, timestamped, and the optional extra sink. */
export function operatorLog(dir: string, onLog?: (line: string) => void): (m: string) => void {
  const file = join(dir, 'cnpg.log');
  return (m) => {
    const line = `${new Date().toISOString()} ${m}`;
    appendFileSync(file, `${line}\n`);
    onLog?.(line);
  };
}

export interface ForwardTarget {
  host: string;
  port: number;
  /** Aborted when the server stops or the pod object goes: streams to it end then. */
  closed?: AbortSignal;
}

export class CnpgController {
  readonly #store: Store;
  readonly #runtimes = new Map<string, ClusterRuntime>();
  readonly #ctx: ControllerContext;
  readonly #queue: WorkQueue;
  readonly #unwatch: (() => void)[] = [];
  readonly #resyncMs: number;
  readonly #socketDir: string;
  /** Per pod (namespace/name): aborted when the pod object is removed. */
  readonly #podGone = new Map<string, AbortController>();
  #resync: NodeJS.Timeout | undefined;
  #stopping = false;

  constructor(o: CnpgControllerOptions) {
    this.#store = o.store;
    this.#resyncMs = o.resyncMs ?? 2000;
    this.#socketDir = o.socketDir;
    setReplicationLatency(o.socketDir, () => o.faults.get().replicationLatencyMs);
    this.#queue = new WorkQueue((key) => this.#pass(key));
    this.#ctx = {
      store: o.store,
      faults: o.faults,
      dir: o.dir,
      socketDir: o.socketDir,
      user: serverUser(),
      log: operatorLog(o.dir, o.onLog),
      stopping: () => this.#stopping,
      backup: o.backup,
      timings: o.timings ?? DEFAULT_TIMINGS,
      enqueue: (ns, name, delayMs) => {
        this.#queue.add(clusterKey(ns, name), delayMs);
      },
    };
  }

  /** Registers watches, the pod deletion hook and the resync; picks up existing Clusters. */
  start(): void {
    const store = this.#store;
    createNodes(store);
    this.#unwatch.push(
      store.watch(CLUSTERS, (type, obj) => {
        this.#enqueueObject(obj);
        // Each instance manager watches its Cluster: the old primary reacts to targetPrimary.
        const rt = this.#runtimes.get(
          clusterKey(obj.metadata.namespace ?? 'default', obj.metadata.name),
        );
        if (type === 'MODIFIED' && rt && !this.#stopping) demoteOldPrimary(this.#ctx, rt);
      }),
    );
    this.#unwatch.push(
      store.watch(PODS, (type, pod) => {
        this.#onPodEvent(type, pod);
      }),
    );
    this.#unwatch.push(
      store.watch(SERVICES, (type, svc) => {
        if (type === 'DELETED') deleteEndpoints(this.#ctx, svc);
      }),
    );
    store.registerDeletionHook(
      PODS,
      podDeletionHook(this.#ctx, (ns, pod) => this.#lookup(ns, pod)),
    );
    this.#resync = setInterval(() => {
      this.#resyncAll();
    }, this.#resyncMs);
    this.#resyncAll();
  }

  #onPodEvent(type: string, pod: KubeObject): void {
    const namespace = pod.metadata.namespace ?? 'default';
    const cluster = pod.metadata.labels?.[LABEL.cluster];
    if (type === 'DELETED') {
      const key = `${namespace}/${pod.metadata.name}`;
      this.#podGone.get(key)?.abort();
      this.#podGone.delete(key);
    }
    if (!cluster) return;
    syncEndpoints(this.#ctx, namespace, cluster);
    if (type === 'DELETED' || pod.metadata.deletionTimestamp) this.#ctx.enqueue(namespace, cluster);
  }

  #enqueueObject(obj: KubeObject): void {
    this.#ctx.enqueue(obj.metadata.namespace ?? 'default', obj.metadata.name);
  }

  #resyncAll(): void {
    for (const cluster of this.#store.list(CLUSTERS)) this.#enqueueObject(cluster);
    for (const key of this.#runtimes.keys()) this.#queue.add(key);
  }

  #runtimeFor(key: string): ClusterRuntime | undefined {
    const existing = this.#runtimes.get(key);
    if (existing) return existing;
    const [namespace = 'default', name = ''] = key.split('/');
    const cluster = this.#store.get(CLUSTERS, namespace, name);
    if (!cluster?.metadata.uid || cluster.metadata.deletionTimestamp) return undefined;
    const rt: ClusterRuntime = {
      namespace,
      name,
      uid: cluster.metadata.uid,
      dir: join(this.#ctx.dir, 'instances', namespace),
      instances: new Map(),
      primary: undefined,
      lease: new PrimaryLease(this.#ctx, { namespace, name, uid: cluster.metadata.uid }),
      promotion: undefined,
    };
    this.#runtimes.set(key, rt);
    return rt;
  }

  async #pass(key: string): Promise<void> {
    const rt = this.#runtimeFor(key);
    if (!rt || this.#stopping) return;
    const live = this.#store.get(CLUSTERS, rt.namespace, rt.name);
    if (live?.metadata.uid === rt.uid) rt.lastSeen = live;
    try {
      const result = await reconcileCluster(this.#ctx, rt);
      if (result === 'deleted') {
        rt.lease.stopRenewing();
        this.#runtimes.delete(key);
        this.#queue.add(key, 100);
      }
    } catch (err) {
      if (err instanceof StoppingError || this.#ctx.stopping()) return;
      if (!this.#store.get(CLUSTERS, rt.namespace, rt.name)) {
        this.#queue.add(key);
        return;
      }
      this.#ctx.log(
        `${key}: reconcile failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      this.#queue.add(key, 1000);
    }
  }

  #lookup(
    namespace: string,
    pod: string,
  ): { rt: ClusterRuntime; inst: InstanceRuntime } | undefined {
    for (const rt of this.#runtimes.values()) {
      const inst = rt.namespace === namespace ? rt.instances.get(pod) : undefined;
      if (inst) return { rt, inst };
    }
    return undefined;
  }

  /** The Cluster and server of an instance pod (for the WAL archiver and backups). */
  owner(namespace: string, pod: string): InstanceOwner | undefined {
    const found = this.#lookup(namespace, pod);
    if (!found) return undefined;
    const { rt, inst } = found;
    return {
      cluster: rt.name,
      instance: inst.instance,
      ...(rt.lastSeen ? { lastSeen: rt.lastSeen } : {}),
    };
  }

  /** The PostgreSQL server behind an instance pod (in-process access for tests and tools). */
  instance(namespace: string, pod: string): Instance | undefined {
    return this.#lookup(namespace, pod)?.inst.instance;
  }

  /**
   * What the instance manager answers at GET /pg/status (port 8000), for a pods/proxy
   * emulation and `kubectl cnpg status`; undefined when the server is down.
   */
  async pgStatus(namespace: string, pod: string): Promise<Record<string, unknown> | undefined> {
    const inst = this.instance(namespace, pod);
    if (!inst?.running) return undefined;
    const s = await readStatus(inst).catch(() => undefined);
    if (!s) return undefined;
    return {
      pod: { metadata: { name: pod, namespace } },
      isPrimary: s.isPrimary,
      currentLsn: s.currentLsn ?? '',
      receivedLsn: s.receivedLsn ?? '',
      replayLsn: s.replayLsn ?? '',
      timeLineID: s.timeline,
      systemID: s.systemId,
      isWalReceiverActive: s.walReceiverActive,
      isPodReady: livePod(this.#ctx, namespace, pod) !== undefined,
      isArchivingWAL: false,
    };
  }

  /**
   * port-forward resolver for the API server: pod port 5432 -> the server's real port, while
   * the pod exists (also while it terminates) and its server runs. The stream is closed when
   * the server stops or the pod object is removed.
   */
  readonly portForward = (
    namespace: string,
    pod: string,
    port: number,
  ): ForwardTarget | undefined => {
    const inst = this.#lookup(namespace, pod)?.inst.instance;
    const exited = inst?.exitSignal;
    if (port !== POSTGRES_PORT || !inst || !exited) return undefined;
    if (!this.#store.get(PODS, namespace, pod)) return undefined;
    const key = `${namespace}/${pod}`;
    let gone = this.#podGone.get(key);
    if (!gone) {
      gone = new AbortController();
      this.#podGone.set(key, gone);
    }
    return { host: '127.0.0.1', port: inst.port, closed: AbortSignal.any([exited, gone.signal]) };
  };

  /** Stops reconciling and every server of every Cluster (immediate shutdown). */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#resync) clearInterval(this.#resync);
    for (const rt of this.#runtimes.values()) rt.lease.stopRenewing();
    setReplicationLatency(this.#socketDir);
    for (const unwatch of this.#unwatch.splice(0)) unwatch();
    await this.#stopServers();
    await this.#queue.close();
    await this.#stopServers();
  }

  async #stopServers(): Promise<void> {
    const all = [...this.#runtimes.values()].flatMap((rt) => [...rt.instances.values()]);
    await Promise.all(all.map((i) => i.instance.stop('immediate')));
  }

  /** Pids of running servers (empty after stop()). */
  serverPids(): number[] {
    const all = [...this.#runtimes.values()].flatMap((rt) => [...rt.instances.values()]);
    return all.flatMap((i) => i.instance.pid ?? []);
  }
}
