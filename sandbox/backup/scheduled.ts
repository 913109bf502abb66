// The CNPG 1.30 ScheduledBackup controller: one timer per ScheduledBackup; when spec.schedule
// (robfig/cron, see cron.ts) comes due it creates a Backup named <name>-<YYYYMMDDHHMMSS>, with
// the spec fields CNPG copies, its labels and the chosen owner, and writes lastCheckTime,
// lastScheduleTime and nextScheduleTime. Like CNPG it waits while a child Backup is not done
// (then creates the delayed one), honours immediate and suspend, and reports a schedule it
// cannot parse in status.error. It only creates Backups: another controller runs them.
import { CLUSTERS, CNPG_API_VERSION, LABEL, ownerReference, rfc3339 } from '../cnpg/resources.ts';
import { ApiError, type KubeObject, type OwnerReference, type Store } from '../kube/types.ts';
import { BACKUPS, SCHEDULED_BACKUPS, backupIsDone, obj } from './config.ts';
import { parseSchedule, type Schedule } from './cron.ts';

/** Backup spec fields CNPG's ScheduledBackup.CreateBackup copies. */
const COPIED = [
  'cluster',
  'target',
  'method',
  'pluginConfiguration',
  'online',
  'onlineConfiguration',
];
/** Recheck delay while a child Backup runs or the owner Cluster is missing (CNPG: 1 min). */
const RETRY_MS = 1000;
/** Timers never sleep longer, so a changed clock or a long wait is noticed within a second. */
const MAX_SLEEP_MS = 1000;

export interface ScheduledBackupControllerOptions {
  store: Store;
  log: (line: string) => void;
  /** Clock (default: real time). */
  now?: () => Date;
}

/** A problem to show in status.error that may go away by itself: retried. */
class ScheduleProblem extends Error {}

export class ScheduledBackupController {
  readonly #store: Store;
  readonly #log: (line: string) => void;
  readonly #now: () => Date;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #unwatch: (() => void)[] = [];
  #running = false;

  constructor(o: ScheduledBackupControllerOptions) {
    this.#store = o.store;
    this.#log = o.log;
    this.#now = o.now ?? (() => new Date());
  }

  /** Watches ScheduledBackups (and their child Backups) and picks up the existing ones. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unwatch.push(
      this.#store.watch(SCHEDULED_BACKUPS, (type, o) => {
        if (type === 'DELETED') this.#clear(keyOf(o));
        else this.#arm(keyOf(o), 0);
      }),
      this.#store.watch(BACKUPS, (type, o) => {
        const parent = o.metadata.labels?.[LABEL.scheduledBackup];
        const key = `${o.metadata.namespace ?? 'default'}/${parent ?? ''}`;
        if (parent && (type === 'DELETED' || backupIsDone(o)) && this.#timers.has(key))
          this.#arm(key, 0);
      }),
    );
    for (const sb of this.#store.list(SCHEDULED_BACKUPS)) this.#arm(keyOf(sb), 0);
  }

  /** Stops watching and clears every timer. */
  stop(): void {
    this.#running = false;
    for (const unwatch of this.#unwatch.splice(0)) unwatch();
    for (const key of [...this.#timers.keys()]) this.#clear(key);
  }

  #clear(key: string): void {
    clearTimeout(this.#timers.get(key));
    this.#timers.delete(key);
  }

  #arm(key: string, ms: number): void {
    if (!this.#running) return;
    this.#clear(key);
    const delay = Math.max(0, Math.min(Math.ceil(ms), MAX_SLEEP_MS));
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      this.#run(key);
    }, delay);
    timer.unref();
    this.#timers.set(key, timer);
  }

  #run(key: string): void {
    const [namespace = 'default', name = ''] = key.split('/');
    let again: number | undefined;
    try {
      again = this.#reconcile(namespace, name);
    } catch (e) {
      this.#log(`scheduledbackup ${key}: ${(e as Error).message}; retrying`);
      again = RETRY_MS;
    }
    if (again !== undefined) this.#arm(key, again);
  }

  /** One pass; returns when to look again (undefined: only on the next change). */
  #reconcile(namespace: string, name: string): number | undefined {
    const sb = this.#store.get(SCHEDULED_BACKUPS, namespace, name);
    if (!sb || sb.metadata.deletionTimestamp) return undefined;
    const spec = obj(sb.spec);
    try {
      if (typeof spec.schedule !== 'string')
        throw new Error('invalid schedule: spec.schedule must be a string');
      const schedule = parseSchedule(spec.schedule);
      if (spec.suspend === true) return undefined;
      if (this.#childRunning(sb)) return RETRY_MS;
      return this.#tick(sb, schedule);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      this.#setError(sb, (e as Error).message);
      return e instanceof ScheduleProblem ? RETRY_MS : undefined;
    }
  }

  #childRunning(sb: KubeObject): boolean {
    const children = this.#store.list(BACKUPS, sb.metadata.namespace, {
      labelSelector: `${LABEL.scheduledBackup}=${sb.metadata.name}`,
    });
    return children.some((b) => !backupIsDone(b));
  }

  /** CNPG ReconcileScheduledBackup: first sight, not yet due, or due. */
  #tick(sb: KubeObject, schedule: Schedule): number {
    const now = this.#now();
    const status = obj(sb.status);
    const last = typeof status.lastCheckTime === 'string' ? new Date(status.lastCheckTime) : null;
    if (!last || Number.isNaN(last.getTime())) {
      if (obj(sb.spec).immediate === true) return this.#createBackup(sb, schedule, now, now, true);
      const next = schedule.next(now);
      this.#patch(sb, { lastCheckTime: rfc3339(now), nextScheduleTime: rfc3339(next) });
      return next.getTime() - now.getTime();
    }
    const due = schedule.next(last);
    if (now < due) {
      if (status.error !== undefined) this.#patch(sb, {});
      return due.getTime() - now.getTime();
    }
    return this.#createBackup(sb, schedule, due, now, false);
  }

  #createBackup(sb: KubeObject, s: Schedule, at: Date, now: Date, immediate: boolean): number {
    const owner = this.#owner(sb);
    const backup = backupFor(sb, at, immediate, owner);
    try {
      this.#store.create(BACKUPS, backup);
      this.#log(`scheduledbackup ${keyOf(sb)}: created backup ${backup.metadata.name}`);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 409)) throw e;
    }
    const next = s.next(now);
    this.#patch(sb, {
      lastCheckTime: rfc3339(now),
      lastScheduleTime: rfc3339(at),
      nextScheduleTime: rfc3339(next),
    });
    return next.getTime() - now.getTime();
  }

  /** spec.backupOwnerReference: none (default), self or cluster. */
  #owner(sb: KubeObject): OwnerReference | undefined {
    const spec = obj(sb.spec);
    if (spec.backupOwnerReference === 'self') return ownerReference(sb);
    if (spec.backupOwnerReference !== 'cluster') return undefined;
    const name = clusterName(sb);
    const cluster = this.#store.get(CLUSTERS, sb.metadata.namespace, name);
    if (!cluster)
      throw new ScheduleProblem(
        `cannot set the backup owner: cluster "${name}" not found in namespace "${sb.metadata.namespace ?? 'default'}"`,
      );
    return ownerReference(cluster);
  }

  /** Merges fields into status and drops a previous error. */
  #patch(sb: KubeObject, fields: Record<string, string>): void {
    const { namespace, name } = sb.metadata;
    this.#store.patchStatus(SCHEDULED_BACKUPS, namespace, name, (status) => {
      Object.assign(status, fields);
      delete status.error;
    });
  }

  #setError(sb: KubeObject, message: string): void {
    if (obj(sb.status).error === message) return;
    this.#log(`scheduledbackup ${keyOf(sb)}: ${message}`);
    const { namespace, name } = sb.metadata;
    this.#store.patchStatus(SCHEDULED_BACKUPS, namespace, name, (status) => {
      status.error = message;
    });
  }
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
}

function clusterName(sb: KubeObject): string {
  const name = obj(obj(sb.spec).cluster).name;
  return typeof name === 'string' ? name : '';
}

/** The Backup CNPG creates for a run at `at` (UTC, whole seconds in the name). */
function backupFor(
  sb: KubeObject,
  at: Date,
  immediate: boolean,
  owner: OwnerReference | undefined,
): KubeObject {
  const spec: Record<string, unknown> = { method: 'barmanObjectStore' };
  for (const field of COPIED) {
    const value = obj(sb.spec)[field];
    if (value !== undefined) spec[field] = structuredClone(value);
  }
  return {
    apiVersion: CNPG_API_VERSION,
    kind: 'Backup',
    metadata: {
      name: `${sb.metadata.name}-${rfc3339(at).replace(/[-:TZ]/g, '')}`,
      namespace: sb.metadata.namespace ?? 'default',
      labels: {
        [LABEL.cluster]: clusterName(sb),
        [LABEL.immediateBackup]: String(immediate),
        [LABEL.scheduledBackup]: sb.metadata.name,
      },
      ...(owner ? { ownerReferences: [owner] } : {}),
    },
    spec,
  };
}
