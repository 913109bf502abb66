// max-backup-age: the newest completed backup before this run must be younger, otherwise a
// schedule has silently stopped (suspended, failing, or an operator that is down). The
// failure lists the ScheduledBackups with their last and next runs.
import { DiagnosedError } from '../errors.ts';
import { oneLine } from '../log-safety.ts';
import type { CompletedBackup } from './backups.ts';
import type { ScheduleReport } from './schedules.ts';

export interface Freshness {
  readonly maxSeconds: number;
  readonly previous?: CompletedBackup;
  readonly ageSeconds?: number;
  readonly fresh: boolean;
}

export function freshness(
  previous: CompletedBackup | undefined,
  maxMs: number,
  now: number,
): Freshness {
  const maxSeconds = maxMs / 1000;
  if (!previous) return { maxSeconds, fresh: false };
  const ageSeconds = Math.max(0, (now - Date.parse(previous.completedAt)) / 1000);
  return { maxSeconds, previous, ageSeconds, fresh: ageSeconds <= maxSeconds };
}

export function age(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}

function scheduleLine(s: ScheduleReport): string {
  const state = s.suspended
    ? 'suspended'
    : s.problem
      ? `unreadable (${oneLine(s.problem)})`
      : `next run ${s.nextRun ?? '-'}${s.overdue ? ' (overdue: the operator has not started it)' : ''}`;
  return `  ScheduledBackup ${s.name}: '${oneLine(s.schedule)}', last scheduled ${s.lastScheduleTime ?? 'never'}, ${state}`;
}

/** Throws when the newest completed backup before this run is older than max-backup-age. */
export function checkFreshness(
  f: Freshness,
  cluster: string,
  schedules: readonly ScheduleReport[],
): void {
  if (f.fresh) return;
  const what =
    f.previous && f.ageSeconds !== undefined
      ? `the newest completed backup of Cluster ${cluster} before this run, ${f.previous.name}, completed ${age(f.ageSeconds)} ago (${f.previous.completedAt}), more than max-backup-age (${age(f.maxSeconds)})`
      : `Cluster ${cluster} had no completed backup before this run (max-backup-age ${age(f.maxSeconds)})`;
  const lines =
    schedules.length > 0
      ? ['ScheduledBackups of the cluster:', ...schedules.map(scheduleLine)]
      : [
          'The cluster has no ScheduledBackup: backups run only when a step like this one takes them.',
        ];
  throw new DiagnosedError(`${what}: has a schedule stopped?`, lines.join('\n'));
}
