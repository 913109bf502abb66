// The ScheduledBackups of a Cluster (facts §4) as a person wants to see them: schedule,
// suspended, method, last schedule time, and the next run as CNPG computes it (cron.Next
// from the last check, or from now before the first check). A next run in the past means the
// operator has not started a backup that is due: a previous one is still running, or the
// operator is down.
import type { KubeHttp } from '../kube/http.ts';
import { collectionPath, type KubeObject } from '../kube/resources.ts';
import { CronError, isFiveFields, nextRun, parseSchedule } from './cron.ts';
import { CNPG_GROUP_VERSION } from './discovery.ts';

interface ScheduledBackupView extends KubeObject {
  spec?: {
    schedule?: string;
    suspend?: boolean;
    immediate?: boolean;
    method?: string;
    cluster?: { name?: string };
  };
  status?: { lastScheduleTime?: string; lastCheckTime?: string; nextScheduleTime?: string };
}

/** CNPG requeues a due schedule while a previous backup runs (60 s): only later is it late. */
const OVERDUE_GRACE_MS = 120_000;

export interface ScheduleReport {
  readonly name: string;
  readonly schedule: string;
  readonly suspended: boolean;
  readonly method: string;
  readonly lastScheduleTime?: string;
  /** ISO 8601 (UTC); undefined when suspended or when the schedule cannot be read. */
  readonly nextRun?: string;
  /** The next run is already past: the operator has not started a due backup. */
  readonly overdue: boolean;
  /** Five fields: CNPG reads the first as seconds, so it runs at another time than meant. */
  readonly fiveFields: boolean;
  /** Why the schedule cannot be read, as robfig/cron would refuse it. */
  readonly problem?: string;
}

export async function listSchedules(
  http: KubeHttp,
  namespace: string,
  cluster: string,
  now: number,
): Promise<ScheduleReport[]> {
  const { body } = await http.json<{ items: ScheduledBackupView[] }>({
    method: 'GET',
    path: collectionPath(CNPG_GROUP_VERSION, 'ScheduledBackup', namespace),
    context: `listing the ScheduledBackups in namespace ${namespace}`,
  });
  return body.items
    .filter((s) => s.spec?.cluster?.name === cluster)
    .map((s) => scheduleReport(s, now))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function scheduleReport(s: ScheduledBackupView, now: number): ScheduleReport {
  const schedule = s.spec?.schedule ?? '';
  const suspended = s.spec?.suspend === true;
  const base = {
    name: s.metadata.name,
    schedule,
    suspended,
    method: s.spec?.method ?? 'barmanObjectStore',
    ...(s.status?.lastScheduleTime ? { lastScheduleTime: s.status.lastScheduleTime } : {}),
    fiveFields: isFiveFields(schedule),
  };
  try {
    const parsed = parseSchedule(schedule);
    if (suspended) return { ...base, overdue: false };
    const checked = Date.parse(s.status?.lastCheckTime ?? '');
    const next = nextRun(parsed, Number.isFinite(checked) ? checked : now);
    if (next === undefined)
      return { ...base, overdue: false, problem: 'no time within five years matches it' };
    return {
      ...base,
      nextRun: new Date(next).toISOString(),
      overdue: next < now - OVERDUE_GRACE_MS,
    };
  } catch (error) {
    if (!(error instanceof CronError)) throw error;
    return { ...base, overdue: false, problem: error.message };
  }
}
