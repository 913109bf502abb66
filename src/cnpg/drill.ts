// One failover drill against a Cluster that passed the preflight: the drill table, the write
// load, the fault, and the instants that measure it. The instants of the new primary, of the
// Cluster healthy again and of the first write on the new primary are watched for from the
// moment of the fault, so each is the instant it happened, whatever phase is waiting then.
import type { KubeConfig } from '@kubernetes/client-node';
import { DiagnosedError } from '../errors.ts';
import type { FailoverDrillInputs } from '../inputs/read-failover-drill.ts';
import type { KubeHttp } from '../kube/http.ts';
import type { Logger } from '../logging.ts';
import { AckTimeout, DrillLoad, type Ack, type LoadRecord } from '../postgres/drill-load.ts';
import {
  createDrillTable,
  drillTableName,
  dropDrillTable,
  qualified,
  readBack,
  withSession,
  type DrillTable,
  type ReadBack,
} from '../postgres/drill-table.ts';
import type { DrillTimestamps } from '../report/drill-results.ts';
import { appLogin, type AppLogin } from './app-credentials.ts';
import type { ClusterObject } from './clusters.ts';
import { gatherDiagnostics } from './diagnostics.ts';
import type { Preflight } from './drill-preflight.ts';
import { deletePod, switchOver, type FaultResult } from './drill-fault.ts';
import { isHealthy } from './health.ts';
import { PrimaryTracker, TrackerTimeout, type PrimaryView } from './primary-tracker.ts';

export interface DrillDeps {
  readonly http: KubeHttp;
  readonly kc: KubeConfig;
  readonly inputs: FailoverDrillInputs;
  readonly logger: Logger;
  readonly now: () => number;
  readonly signal: AbortSignal;
  readonly setSecret: (value: string) => void;
  /** Hands the table to the post step (saved before the table exists, updated once dropped). */
  readonly saveDrillState: (state: DrillState) => void;
  readonly deadline: number;
}

/** What the post step needs to put things back. */
export interface DrillState {
  readonly namespace: string;
  readonly cluster: string;
  readonly database: string;
  readonly schema: string;
  readonly table: string;
  readonly keepTable: boolean;
  /** Main dropped the table (or kept it on purpose): nothing left for post. */
  readonly done: boolean;
}

export interface Seen {
  readonly at: number;
  readonly cluster: ClusterObject;
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal.addEventListener('abort', stop, { once: true });
  });
}

export class Drill {
  readonly t: { -readonly [K in keyof DrillTimestamps]: DrillTimestamps[K] } = {};
  readonly table: DrillTable;
  readonly #d: DrillDeps;
  readonly #pre: Preflight;
  #login: AppLogin | undefined;
  #tracker: PrimaryTracker | undefined;
  #load: DrillLoad | undefined;
  #events:
    { newPrimary: Promise<Seen>; healthy: Promise<Seen>; firstWrite: Promise<Ack> } | undefined;

  constructor(deps: DrillDeps, pre: Preflight) {
    this.#d = deps;
    this.#pre = pre;
    this.table = { schema: 'public', name: drillTableName(deps.now()) };
  }

  get database(): string {
    return this.#login?.database ?? '';
  }

  get inputs(): FailoverDrillInputs {
    return this.#d.inputs;
  }

  get deadline(): number {
    return this.#d.deadline;
  }

  /** keep-table: the table stays, and the post step leaves it alone. */
  keep(): void {
    this.#d.saveDrillState(this.state(true));
  }

  state(done: boolean): DrillState {
    const { namespace, clusterName: cluster, keepTable } = this.#d.inputs;
    const { schema, name: table } = this.table;
    return { namespace, cluster, database: this.database, schema, table, keepTable, done };
  }

  /** The application login, the drill table (state saved first), the primary tracker. */
  async prepare(): Promise<void> {
    const { http, kc, inputs } = this.#d;
    this.#login = await appLogin(http, inputs.namespace, this.#pre.cluster, this.#d.setSecret);
    this.#d.saveDrillState(this.state(false));
    const where = { namespace: inputs.namespace, pod: this.#pre.primary };
    const note = `pgha failover-drill of Cluster ${inputs.clusterName}: safe to drop`;
    await withSession(kc, where, this.#login, (c) => createDrillTable(c, this.table, note));
    this.#d.logger.info(
      `Created ${qualified(this.table)} in database ${this.database} as ${this.#login.user}`,
    );
    this.#tracker = await PrimaryTracker.start(http, {
      namespace: inputs.namespace,
      cluster: inputs.clusterName,
      deadline: this.#d.deadline,
      now: this.#d.now,
    });
  }

  /** Starts the writers and lets them write for warm-up; at least one write must succeed. */
  async warmUp(): Promise<void> {
    const tracker = this.#need(this.#tracker);
    const { kc, inputs, now } = this.#d;
    this.t.loadStart = now();
    this.#load = await DrillLoad.start({
      kc,
      namespace: inputs.namespace,
      credentials: this.#need(this.#login),
      table: qualified(this.table),
      writers: inputs.writers,
      pod: () => tracker.writablePod(),
      changed: () => tracker.nextChange(),
      now,
    });
    await this.#load.untilAck(
      () => true,
      Math.min(this.#d.deadline, now() + 30_000),
      'a first acknowledged write',
    );
    await sleep(inputs.warmUpMs, this.#d.signal);
    this.#d.logger.info(`${this.#load.acknowledged} writes acknowledged during the warm-up`);
  }

  /** The fault, stamped; from here on, the instants that measure it are watched for. */
  async fault(): Promise<FaultResult> {
    const { http, inputs, now } = this.#d;
    const tracker = this.#need(this.#tracker);
    const load = this.#need(this.#load);
    const old = this.#pre.primary;
    const { primaryUid: uid } = this.#pre;
    if (inputs.mode === 'kill') tracker.exclude(old);
    const where = { namespace: inputs.namespace, cluster: inputs.clusterName };
    const pod = { namespace: inputs.namespace, name: old, ...(uid ? { uid } : {}) };
    const result =
      inputs.mode === 'kill'
        ? await deletePod(http, pod, inputs.gracePeriod, now)
        : await switchOver(http, where, this.#need(this.#pre.target), now);
    this.t.fault = result.at;
    this.t.faultAnswered = result.answeredAt;
    const deadline = this.#d.deadline;
    const moved = (v: PrimaryView) => {
      const p = v.cluster?.status?.currentPrimary;
      return v.cluster && p && p !== old ? { at: now(), cluster: v.cluster } : undefined;
    };
    const newPrimary = tracker.until('a new primary', deadline, moved);
    const healthy = tracker.until('the Cluster to be healthy', deadline, (v) =>
      isHealthy(v.cluster) ? moved(v) : undefined,
    );
    const firstWrite = newPrimary.then((seen) => {
      const pod = seen.cluster.status?.currentPrimary;
      return load.untilAck(
        (a) => a.pod === pod && a.at >= result.at,
        deadline,
        `a write on ${pod ?? '?'}`,
      );
    });
    for (const p of [newPrimary, healthy, firstWrite]) p.catch(() => undefined);
    this.#events = { newPrimary, healthy, firstWrite };
    this.#d.logger.info(`Fault: ${result.description}`);
    return result;
  }

  async newPrimary(): Promise<Seen> {
    const seen = await this.#diagnosed(this.#need(this.#events).newPrimary);
    this.t.newPrimary = seen.at;
    return seen;
  }

  async firstWrite(): Promise<Ack> {
    const ack = await this.#diagnosed(this.#need(this.#events).firstWrite);
    this.t.firstWrite = ack.at;
    return ack;
  }

  async healthy(): Promise<Seen> {
    const seen = await this.#diagnosed(this.#need(this.#events).healthy);
    this.t.healthy = seen.at;
    return seen;
  }

  /** Writes on for observe, then stops the writers. */
  async observe(): Promise<LoadRecord> {
    await sleep(this.#d.inputs.observeMs, this.#d.signal);
    const record = await this.#need(this.#load).stop();
    this.t.loadEnd = record.stopped;
    return record;
  }

  /** Every row, read from the current primary. */
  async readBack(): Promise<ReadBack> {
    const pod = this.currentPrimary();
    const where = { namespace: this.#d.inputs.namespace, pod };
    return withSession(this.#d.kc, where, this.#need(this.#login), (c) => readBack(c, this.table));
  }

  async dropTable(): Promise<void> {
    const { kc, inputs } = this.#d;
    const where = {
      namespace: inputs.namespace,
      pod: this.currentPrimary(),
      database: this.database,
    };
    await dropDrillTable(kc, where, this.table);
    this.#d.saveDrillState(this.state(true));
  }

  currentPrimary(): string {
    return this.#tracker?.view.cluster?.status?.currentPrimary ?? this.#pre.primary;
  }

  get tracker(): PrimaryTracker {
    return this.#need(this.#tracker);
  }

  /** Stops whatever still runs (writers, watches), so that the process can end. */
  async close(): Promise<void> {
    await this.#load?.stop(0).catch(() => undefined);
    this.#tracker?.stop();
  }

  async #diagnosed<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (error) {
      if (!(error instanceof TrackerTimeout || error instanceof AckTimeout)) throw error;
      const { http, inputs } = this.#d;
      const last =
        error instanceof TrackerTimeout ? error.view.cluster : this.#tracker?.view.cluster;
      const diagnostics = await gatherDiagnostics(http, inputs.namespace, inputs.clusterName, last);
      throw new DiagnosedError(`${error.message} (input 'timeout')`, diagnostics, { cause: error });
    }
  }

  #need<T>(value: T | undefined): T {
    if (value === undefined) throw new Error('drill phases ran out of order');
    return value;
  }
}
