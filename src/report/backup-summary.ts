// The job summary of backup, built from the typed facts of the run (also when it failed or
// was cancelled): the WAL archiving proof, the Backup, the recovery window, freshness, the
// schedules, a short timeline and the phases. Every string from the user or the cluster is
// escaped; credentials appear by reference only (Secret names, identity kinds).
import type { StepResult } from '../actions/step.ts';
import type { BackupReport } from '../cnpg/backup-take.ts';
import type { Freshness } from '../cnpg/freshness.ts';
import type { ScheduleReport } from '../cnpg/schedules.ts';
import type { BackupFacts } from './backup-facts.ts';
import { archivingSection, windowSection } from './backup-archiving-summary.ts';
import { code, escapeHtml, table } from './markdown.ts';
import { failureSection, phasesTable } from './step-summary.ts';
import { timelineSection } from './backup-timeline.ts';

export function backupSummary(result: StepResult<BackupFacts>): string {
  const f = result.facts;
  if (!f.inputs) return '';
  const parts = [title(f, result), headline(f)];
  if (result.failure) parts.push(failureSection(result.failure));
  parts.push(archivingSection(f));
  if (f.backup) parts.push('### Backup\n', backupTable(f.backup));
  if (f.window) parts.push(windowSection(f.window, f.backup));
  if (f.freshness) parts.push(freshnessSection(f.freshness));
  if (f.schedules) parts.push('### Schedules\n', schedulesTable(f.schedules));
  parts.push(timelineSection(f), '### Phases\n', phasesTable(result.phases));
  return parts.filter((p) => p !== '').join('\n');
}

function title(f: Partial<BackupFacts>, r: StepResult<BackupFacts>): string {
  const cluster = escapeHtml(f.inputs?.clusterName ?? '');
  const name = escapeHtml(f.backup?.name ?? f.inputs?.backupName ?? '');
  if (r.failure?.cancelled) return `## pgha backup: ${cluster} was cancelled\n`;
  if (r.failure) return `## pgha backup: ${cluster} failed\n`;
  const phase = f.backup?.phase ?? 'created';
  return `## pgha backup: ${cluster}, Backup ${name} ${escapeHtml(phase)}\n`;
}

function headline(f: Partial<BackupFacts>): string {
  const bits: string[] = [];
  if (f.server)
    bits.push(`API server ${code(f.server)}, namespace ${code(f.inputs?.namespace ?? '')}.`);
  if (f.config) bits.push(`Method ${code(f.config.method)} (${escapeHtml(f.config.reason)}).`);
  if (f.primary) bits.push(`Primary ${code(f.primary)}.`);
  if (f.requests !== undefined) bits.push(`${f.requests} API requests.`);
  return bits.length > 0 ? `${bits.join(' ')}\n` : '';
}

function backupTable(b: BackupReport): string {
  const rows: [string, string | undefined][] = [
    ['Backup', `${b.name} (${b.created ? 'created by this run' : 'existing, reported'})`],
    ['phase', b.phase ?? 'new'],
    ['error', b.error],
    ['method', b.method],
    ['target', b.target ?? "the Cluster's spec.backup.target"],
    ['taken on', b.pod],
    ['backup ID', b.backupId],
    ['begin WAL / LSN', pair(b.beginWal, b.beginLsn)],
    ['end WAL / LSN', pair(b.endWal, b.endLsn)],
    ['started / stopped', pair(b.startedAt, b.stoppedAt)],
    [
      'duration',
      b.seconds === undefined ? undefined : `${b.seconds.toFixed(0)} s (startedAt to stoppedAt)`,
    ],
    ['in the object store', b.location],
  ];
  return table(
    ['', ''],
    rows.filter((r): r is [string, string] => r[1] !== undefined),
  );
}

function pair(a?: string, b?: string): string | undefined {
  return a || b ? `${a ?? '-'} / ${b ?? '-'}` : undefined;
}

function freshnessSection(f: Freshness): string {
  const verdict = f.fresh ? '✅ fresh' : '❌ too old';
  const newest = f.previous
    ? `${code(f.previous.name)} at ${escapeHtml(f.previous.completedAt)}${f.ageSeconds === undefined ? '' : `, ${Math.round(f.ageSeconds)} s old`}`
    : 'none';
  return `### Freshness\n\n${verdict}: newest completed backup before this run: ${newest}; max-backup-age ${Math.round(f.maxSeconds)} s.\n`;
}

function schedulesTable(schedules: readonly ScheduleReport[]): string {
  if (schedules.length === 0)
    return 'No ScheduledBackup for this cluster: backups run only when a step like this takes them.\n';
  const rows = schedules.map((s) => [
    s.name,
    {
      raw: `${code(s.schedule)}${s.fiveFields ? ' ⚠️ five fields: CNPG reads the first as seconds' : ''}`,
    },
    s.method,
    s.suspended ? 'yes' : 'no',
    s.lastScheduleTime ?? 'never',
    s.suspended ? '-' : (s.nextRun ?? s.problem ?? '-') + (s.overdue ? ' (overdue)' : ''),
  ]);
  return table(
    ['ScheduledBackup', 'schedule', 'method', 'suspended', 'last scheduled', 'next run (UTC)'],
    rows,
  );
}
