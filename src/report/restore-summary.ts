// The job summary of restore-verify, built from the facts (also after a failure or a
// cancellation): which proof was made, what was restored from where, a table of the checks
// with what was seen, the timings (backup age, restore time, verification time), a Mermaid
// timeline, what became of the throwaway Cluster, and the phases. User and cluster strings
// are escaped; a Mermaid label is reduced to safe characters.
import type { StepResult } from '../actions/step.ts';
import { age } from '../cnpg/freshness.ts';
import { code, escapeHtml, formatSeconds, table } from './markdown.ts';
import type { RestoreFacts } from './restore-facts.ts';
import { failureSection, phasesTable } from './step-summary.ts';

type Facts = Partial<RestoreFacts>;

export function restoreSummary(result: StepResult<RestoreFacts>): string {
  const f = result.facts;
  if (!f.inputs) return '';
  const parts = [title(f, result), headline(f)];
  if (result.failure) parts.push(failureSection(result.failure));
  if (f.checks && f.checks.length > 0) parts.push('### Checks\n', checksTable(f));
  parts.push(timings(f), mermaid(f), cleanup(f), '### Phases\n', phasesTable(result.phases));
  return parts.filter((p) => p !== '').join('\n');
}

function title(f: Facts, r: StepResult<RestoreFacts>): string {
  const cluster = escapeHtml(f.inputs?.clusterName ?? '');
  if (r.failure?.cancelled) return `## pgha restore-verify: ${cluster} was cancelled\n`;
  if (r.failure) return `## pgha restore-verify: ${cluster} failed\n`;
  return `## pgha restore-verify: ${cluster}, the backup restores and the data is right\n`;
}

function headline(f: Facts): string {
  const bits: string[] = [];
  if (f.proof) bits.push(`<b>Proof:</b> ${escapeHtml(f.proof)}.`);
  if (f.backup)
    bits.push(
      `Backup ${code(f.backup.name)} (backupID ${code(f.backup.backupId)}, ${escapeHtml(f.backup.method)}) from ${code(f.backup.location)}.`,
    );
  if (f.source)
    bits.push(
      `Source ${escapeHtml(f.source.method)} archive ${code(f.source.store)}, server ${code(f.source.serverName)}.`,
    );
  if (f.recovery)
    bits.push(
      `Throwaway Cluster ${code(f.recovery.name)} in ${code(f.recovery.namespace)}${f.recovery.timeline ? `, timeline ${f.recovery.timeline}` : ''}.`,
    );
  if (f.recoveredTo)
    bits.push(
      `Recovered to ${code(f.recoveredTo)}${f.recoveryReason ? ` (${escapeHtml(f.recoveryReason)})` : ''}.`,
    );
  return bits.length > 0 ? `${bits.join(' ')}\n` : '';
}

function checksTable(f: Facts): string {
  const rows = (f.checks ?? []).map((c) => [
    c.passed ? '✅' : '❌',
    c.name,
    c.kind,
    c.expected,
    c.observed,
    formatSeconds(c.ms),
  ]);
  return table(['', 'check', 'kind', 'expected', 'observed', 'time'], rows);
}

function span(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined ? '-' : formatSeconds(b - a);
}

function timings(f: Facts): string {
  const t = f.times ?? {};
  const rows: [string, string][] = [
    ['backup age', f.backup ? age(f.backup.ageSeconds) : '-'],
    ['restore (throwaway Cluster created to healthy)', span(t.created, t.healthy)],
    ['verification (checks)', span(t.checksStart, t.checksEnd)],
    ['cleanup', span(t.cleanupStart, t.cleanupEnd)],
    ['whole step', span(t.start, t.end)],
  ];
  return `### Timings\n\n${table(['what', 'time'], rows)}`;
}

const label = (s: string) => s.replace(/[^\w .()/-]/g, ' ');

function mermaid(f: Facts): string {
  const t = f.times ?? {};
  const bars: [string, number | undefined, number | undefined][] = [
    ['markers and WAL archived', t.start, t.archived],
    ['restore', t.created, t.healthy],
    ['checks', t.checksStart, t.checksEnd],
    ['cleanup', t.cleanupStart, t.cleanupEnd],
  ];
  const lines = bars
    .filter((b): b is [string, number, number] => b[1] !== undefined && b[2] !== undefined)
    .map(([what, a, b]) => `    ${label(what)} : ${a}, ${Math.max(b, a + 1)}`);
  if (lines.length === 0) return '';
  return [
    '### Timeline\n',
    '```mermaid',
    'gantt',
    `    title ${label(`restore-verify ${f.inputs?.clusterName ?? ''}`)}`,
    '    dateFormat x',
    '    axisFormat %H:%M:%S',
    ...lines,
    '```',
    '',
  ].join('\n');
}

function cleanup(f: Facts): string {
  const c = f.cleanup;
  if (!c) return '';
  const what =
    c.action === 'deleted'
      ? `deleted in ${formatSeconds(c.ms ?? 0)} (pods and PVCs gone)`
      : c.action === 'failed'
        ? `could not be deleted: ${escapeHtml(c.error ?? '')}`
        : escapeHtml(c.action);
  return `### Throwaway Cluster\n\n${code(f.recovery?.name ?? f.inputs?.recoveryCluster ?? '')}: ${what} (${escapeHtml(c.reason)}).\n`;
}
