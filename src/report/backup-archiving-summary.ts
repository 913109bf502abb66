// Summary sections of backup about WAL: the archiving proof (segment, latency, condition,
// what pg_stat_archiver showed before) and the recovery window (first point of
// recoverability to now).
import type { BackupReport } from '../cnpg/backup-take.ts';
import { age } from '../cnpg/freshness.ts';
import type { RecoveryWindow } from '../cnpg/recovery-window.ts';
import type { ArchiverStatus } from '../postgres/archiver.ts';
import type { BackupFacts } from './backup-facts.ts';
import { code, escapeHtml, table } from './markdown.ts';

type ArchivingFacts = Partial<
  Pick<BackupFacts, 'inputs' | 'proof' | 'where' | 'condition' | 'archiver'>
>;

export function archivingSection(f: ArchivingFacts): string {
  if (!f.inputs || (!f.where && !f.condition)) return '';
  const parts = ['### WAL archiving\n', verdict(f)];
  const rows: [string, string][] = [];
  if (f.proof) {
    rows.push([
      'segment switched',
      `${f.proof.segment} at ${f.proof.switchedAt} (LSN ${f.proof.lsn})`,
    ]);
    rows.push([
      'archived',
      `${f.proof.archivedAt} (pg_stat_archiver last archived: ${f.proof.lastArchivedWal ?? '-'})`,
    ]);
    rows.push(['switch to archived', `${f.proof.seconds.toFixed(2)} s`]);
  }
  if (f.archiver) rows.push(['pg_stat_archiver before', archiverText(f.archiver)]);
  if (f.where) {
    rows.push(['archive', f.where.location]);
    rows.push(['credentials', f.where.credentials]);
  }
  if (rows.length > 0) parts.push(table(['', ''], rows));
  return parts.join('\n');
}

function verdict(f: ArchivingFacts): string {
  const c = f.proof?.condition ?? f.condition;
  const condition = c
    ? `ContinuousArchiving ${code(c.status)}${c.message ? ` (${escapeHtml(c.message)})` : ''}`
    : 'no ContinuousArchiving condition yet';
  if (f.proof)
    return `✅ WAL archiving works: segment ${code(f.proof.segment)} reached the archive ${f.proof.seconds.toFixed(2)} s after the switch; ${condition}.\n`;
  if (f.inputs?.verifyWal === false)
    return `Not proven (verify-wal: false); ${condition}. The condition alone does not show that WAL reaches the object store.\n`;
  return `Not proven. Before the check: ${condition}.\n`;
}

function archiverText(s: ArchiverStatus): string {
  const at = (ms?: number) => (ms === undefined ? '' : ` at ${new Date(ms).toISOString()}`);
  return `last archived ${s.lastArchivedWal ?? 'none'}${at(s.lastArchivedAt)}; last failed ${s.lastFailedWal ?? 'none'}${at(s.lastFailedAt)}; ${s.archivedCount} archived, ${s.failedCount} failed`;
}

export function windowSection(
  w: RecoveryWindow,
  backup: BackupReport | undefined,
  now = Date.now(),
): string {
  const first = w.firstRecoverabilityPoint;
  const span = first ? age(Math.max(0, (now - Date.parse(first)) / 1000)) : undefined;
  const head = first
    ? `Recoverable from ${code(first)} to now (${escapeHtml(span ?? '')} of history).`
    : 'No first point of recoverability reported yet.';
  const stale =
    backup?.phase === 'completed' &&
    backup.stoppedAt &&
    w.lastSuccessfulBackup &&
    Date.parse(w.lastSuccessfulBackup) < Date.parse(backup.stoppedAt) - 1000
      ? ' The operator had not yet recorded this backup in it.'
      : '';
  const rows: [string, string][] = [
    ['last successful backup', w.lastSuccessfulBackup ?? 'none'],
    ['last failed backup', w.lastFailedBackup ?? 'none'],
    ['read from', w.source],
  ];
  return `### Recovery window\n\n${head}${stale}\n\n${table(['', ''], rows)}`;
}
