// In-memory state of the emulated operator: what CNPG keeps in PVCs and instance managers.
// One ClusterRuntime per Cluster (by namespace/name and uid), one InstanceRuntime per
// instance (its "PVC": data directory, port) that outlives the instance's pod.
import type { BackupHooks } from './backup-hooks.ts';
import type { Faults } from '../faults.ts';
import type { KubeObject, Store } from '../kube/types.ts';
import type { SandboxTimings } from '../timings.ts';
import type { Instance } from '../postgres/instance.ts';
import type { ServerUser } from '../users.ts';
import type { LeaseTimings } from './cluster-spec.ts';

export interface InstanceRuntime {
  serial: number;
  name: string;
  instance: Instance;
  /** The data directory diverged (old primary) or never finished: clone before starting. */
  needsClone: boolean;
  /** A deleted primary that faults.primaryNeverReturns keeps away. */
  neverReturns: boolean;
  /** Being removed by the controller itself (scale down, teardown): the kubelet skips it. */
  removing: boolean;
  /** Last start failure (faults.failingInstances or a real error), shown on the pod. */
  failure: string | undefined;
  restartCount: number;
  lastStartAttempt: number;
  /** Since when a running standby has not been streaming (for self-healing). */
  notStreamingSince: number | undefined;
  /** Set while its server shuts down as an old primary (switchover or failover request). */
  demoting?: Promise<void> | undefined;
}

/** The primary Lease as the instance managers of a Cluster use it (lease.ts). */
export interface LeaseHandle {
  /** Whose instance manager renews it (undefined: nobody). */
  readonly holder: string | undefined;
  acquire(name: string, timings: LeaseTimings, go: () => boolean): Promise<boolean>;
  /** The holder's process died: renewals stop, nothing is released. */
  stopRenewing(): void;
  /** The holder's instance manager exits cleanly. */
  release(name: string): void;
}

export interface ClusterRuntime {
  namespace: string;
  name: string;
  uid: string;
  /** DIR/instances/<namespace>: instance directories are <dir>/<pod>. */
  dir: string;
  instances: Map<string, InstanceRuntime>;
  /** Instance that is primary as far as the operator knows (status.currentPrimary). */
  primary: string | undefined;
  lease: LeaseHandle;
  /** The target instance's promotion (instance manager side) while it runs. */
  promotion: { target: string } | undefined;
  /**
   * The Cluster as last read: each instance manager caches its Cluster, so pods that stop
   * after the Cluster's deletion still shut down with its settings (smartShutdownTimeout).
   */
  lastSeen?: KubeObject;
}

export interface ControllerContext {
  store: Store;
  faults: Faults;
  /** Root directory of the sandbox. */
  dir: string;
  socketDir: string;
  user: ServerUser | undefined;
  log: (message: string) => void;
  /** True once the controller is stopping: long operations give up. */
  stopping: () => boolean;
  /** WAL archiving, the empty-archive check and recovery (absent without an object store). */
  backup?: BackupHooks | undefined;
  /** CNPG's and Kubernetes' waits (Job backoff), real by default. */
  timings: Readonly<SandboxTimings>;
  /** Asks for another reconcile of a cluster (e.g. after a server exits). */
  enqueue: (namespace: string, name: string, delayMs?: number) => void;
}

export function sortedInstances(rt: ClusterRuntime): InstanceRuntime[] {
  return [...rt.instances.values()].sort((a, b) => a.serial - b.serial);
}

export function primaryRuntime(rt: ClusterRuntime): InstanceRuntime | undefined {
  return rt.primary ? rt.instances.get(rt.primary) : undefined;
}

export function replicaRuntimes(rt: ClusterRuntime): InstanceRuntime[] {
  return sortedInstances(rt).filter((i) => i.name !== rt.primary);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class StoppingError extends Error {
  constructor() {
    super('the sandbox is stopping');
  }
}

export function checkStopping(ctx: ControllerContext): void {
  if (ctx.stopping()) throw new StoppingError();
}
