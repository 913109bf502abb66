// Summary parts every action shares: the phases with their times and outcomes, and what went
// wrong (the failed phase, the message, the diagnostics) when a run failed or was cancelled.
import type { Failure, PhaseRecord } from '../actions/step.ts';
import { escapeHtml, formatSeconds, table } from './markdown.ts';

const MARK = { done: '✅', failed: '❌', cancelled: '⏹️' } as const;

export function phasesTable(
  phases: readonly PhaseRecord[],
  extra: readonly [string, string][] = [],
): string {
  return table(
    ['phase', 'result', 'time'],
    [
      ...phases.map((p) => [p.title, `${MARK[p.outcome]} ${p.outcome}`, formatSeconds(p.ms)]),
      ...extra.map(([what, time]) => [what, '', time]),
    ],
  );
}

/** The failure, for a person: what failed, where, and what was seen. */
export function failureSection(failure: Failure): string {
  const where = failure.phase ? ` in phase <b>${escapeHtml(failure.phase)}</b>` : '';
  const head = failure.cancelled
    ? `The run was cancelled${where}.`
    : `Failed${where}: ${escapeHtml(failure.message)}`;
  const details = failure.diagnostics
    ? `\n<details open><summary>Diagnostics</summary>\n\n<pre>${escapeHtml(failure.diagnostics)}</pre>\n</details>\n`
    : '';
  return `> [!CAUTION]\n> ${head.replaceAll('\n', '\n> ')}\n${details}`;
}
