// The primary Lease of CNPG 1.30 (facts §6, §7): the operator creates a coordination.k8s.io/v1
// Lease named after the Cluster, owned by it, with an empty spec
// (internal/controller/primary_lease.go); the instance manager of the primary holds it and
// renews it every retry period; a clean shutdown releases it (empty holder, released TTL);
// a candidate takes a released lease at its next poll, and a lease whose holder stopped
// renewing only once it has seen the record unchanged for a full lease duration
// (internal/cmd/manager/instance/run/lease/runnable.go: tryTakeOver, claim, Release).
import type { KubeObject } from '../kube/types.ts';
import type { ClusterView, LeaseTimings } from './cluster-spec.ts';
import { recordEvent } from './events.ts';
import { CLUSTERS, LEASES, ownerReference, rfc3339Micro } from './resources.ts';
import { sleep } from './runtime.ts';
import type { ClusterRuntime, ControllerContext, LeaseHandle } from './runtime.ts';

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

function specOf(lease: KubeObject | undefined): LeaseSpec {
  const spec: LeaseSpec = lease?.spec ?? {};
  return spec;
}

/** Creates the Lease, or adopts an orphan of an earlier Cluster of that name (primary_lease.go). */
export function ensureLeaseObject(ctx: ControllerContext, cluster: KubeObject, cl: ClusterView) {
  const existing = ctx.store.get(LEASES, cl.namespace, cl.name);
  const owner = ownerReference(cluster);
  if (!existing) {
    ctx.store.create(LEASES, {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: cl.name, namespace: cl.namespace, ownerReferences: [owner] },
      spec: {},
    });
    return;
  }
  const controller = existing.metadata.ownerReferences?.find((r) => r.controller);
  if (controller?.uid === owner.uid) return;
  if (controller && (controller.kind !== 'Cluster' || controller.name !== cl.name)) {
    const message = `primary lease ${cl.namespace}/${cl.name} is controlled by ${controller.kind} "${controller.name}", refusing to adopt`;
    recordEvent(ctx, cluster, 'Warning', 'PrimaryLeaseConflict', message);
    return;
  }
  ctx.store.mutate(LEASES, cl.namespace, cl.name, (l) => {
    l.metadata.ownerReferences = [owner];
  });
}

/**
 * The lease as the instance managers of one Cluster use it. At most one of them renews it at
 * a time in the sandbox (the one whose process holds it); candidates poll it.
 */
export class PrimaryLease implements LeaseHandle {
  readonly #ctx: ControllerContext;
  readonly #rt: Pick<ClusterRuntime, 'namespace' | 'name' | 'uid'>;
  #holder: { name: string; timings: LeaseTimings; timer: NodeJS.Timeout } | undefined;

  constructor(ctx: ControllerContext, rt: Pick<ClusterRuntime, 'namespace' | 'name' | 'uid'>) {
    this.#ctx = ctx;
    this.#rt = rt;
  }

  /** The instance whose instance manager renews the lease (undefined: nobody). */
  get holder(): string | undefined {
    return this.#holder?.name;
  }

  #read(): LeaseSpec | undefined {
    const lease = this.#ctx.store.get(LEASES, this.#rt.namespace, this.#rt.name);
    return lease ? specOf(lease) : undefined;
  }

  #clusterAlive(): boolean {
    const cluster = this.#ctx.store.get(CLUSTERS, this.#rt.namespace, this.#rt.name);
    return cluster?.metadata.uid === this.#rt.uid;
  }

  #write(spec: LeaseSpec): void {
    const { namespace, name } = this.#rt;
    if (this.#ctx.store.get(LEASES, namespace, name)) {
      this.#ctx.store.mutate(LEASES, namespace, name, (l) => {
        l.spec = { ...spec };
      });
      return;
    }
    // client-go's elector re-creates a missing lease on renewal; the operator adopts it.
    this.#ctx.store.create(LEASES, {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace },
      spec: { ...spec },
    });
  }

  #claim(name: string, timings: LeaseTimings, current: LeaseSpec): void {
    const now = rfc3339Micro();
    this.#write({
      holderIdentity: name,
      leaseDurationSeconds: timings.leaseDurationSeconds,
      acquireTime: now,
      renewTime: now,
      leaseTransitions: (current.leaseTransitions ?? 0) + 1,
    });
    this.#ctx.log(`${this.#rt.namespace}/${name}: acquired the primary lease`);
    this.#renew(name, timings);
  }

  /** The holder's renewal loop (client-go's elector renews every retry period). */
  #renew(name: string, timings: LeaseTimings): void {
    this.stopRenewing();
    const timer = setInterval(() => {
      try {
        this.#renewOnce(name, timings);
      } catch (err) {
        this.#ctx.log(`${this.#rt.namespace}/${name}: lease renewal failed: ${String(err)}`);
      }
    }, timings.retryPeriodSeconds * 1000);
    timer.unref();
    this.#holder = { name, timings, timer };
  }

  #renewOnce(name: string, timings: LeaseTimings): void {
    if (!this.#clusterAlive() || this.#ctx.stopping()) {
      this.stopRenewing();
      return;
    }
    const current = this.#read() ?? {};
    if (current.holderIdentity !== undefined && current.holderIdentity !== name) {
      this.#ctx.log(`${this.#rt.namespace}/${name}: primary lease preempted`);
      this.stopRenewing();
      return;
    }
    const now = rfc3339Micro();
    this.#write({
      holderIdentity: name,
      leaseDurationSeconds: timings.leaseDurationSeconds,
      acquireTime: current.acquireTime ?? now,
      renewTime: now,
      leaseTransitions: current.leaseTransitions ?? 0,
    });
  }

  /**
   * Acquire as the instance manager of `name` does before it promotes (or at the start of a
   * primary): its own lease is renewed at once, a released one is claimed, one held by
   * another instance only after an unchanged record for a full lease duration. Polls every
   * retry period while `go()` holds; true once held.
   */
  async acquire(name: string, timings: LeaseTimings, go: () => boolean): Promise<boolean> {
    let observed: { holder: string; renewTime: string | undefined; since: number } | undefined;
    while (go() && !this.#ctx.stopping()) {
      const record = this.#read();
      if (record?.holderIdentity === name) {
        if (this.#holder?.name !== name) this.#renew(name, timings);
        return true;
      }
      if (record && !record.holderIdentity) {
        this.#claim(name, timings, record);
        return true;
      }
      if (record?.holderIdentity) {
        const same =
          observed?.holder === record.holderIdentity && observed.renewTime === record.renewTime;
        if (!same || !observed)
          observed = {
            holder: record.holderIdentity,
            renewTime: record.renewTime,
            since: Date.now(),
          };
        else if (Date.now() - observed.since >= timings.leaseDurationSeconds * 1000) {
          this.#claim(name, timings, record);
          return true;
        }
      }
      await sleep(timings.retryPeriodSeconds * 1000);
    }
    return false;
  }

  /** The holder's process died (SIGKILL): nobody renews, nothing is released. */
  stopRenewing(): void {
    if (this.#holder) clearInterval(this.#holder.timer);
    this.#holder = undefined;
  }

  /** Clean exit of the holder's instance manager: empty holder, released lease duration. */
  release(name: string): void {
    const holder = this.#holder;
    if (holder?.name !== name) return;
    this.stopRenewing();
    const current = this.#read();
    if (current?.holderIdentity !== name || !this.#clusterAlive()) return;
    const now = rfc3339Micro();
    this.#write({
      leaseDurationSeconds: holder.timings.releasedLeaseDurationSeconds,
      acquireTime: now,
      renewTime: now,
      holderIdentity: '',
      leaseTransitions: current.leaseTransitions ?? 0,
    });
    this.#ctx.log(`${this.#rt.namespace}/${name}: released the primary lease`);
  }
}
