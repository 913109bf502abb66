// The job summary of failover-drill, built from the typed facts of the run; every user string
// is escaped. A verdict line against the thresholds, the results table, a Mermaid gantt of the
// drill's instants, and the phases; a refused drill lists why, a failed one what it measured.
import type { StepResult } from '../actions/step.ts';
import { durabilityText } from '../cnpg/durability.ts';
import type { DrillFacts } from './drill-facts.ts';
import type { DrillResults } from './drill-results.ts';
import { code, escapeHtml, formatSeconds, mermaidText, table, type Cell } from './markdown.ts';
import { failureSection, phasesTable } from './step-summary.ts';

type Facts = Partial<DrillFacts>;

const sec = (ms: number | undefined) => (ms === undefined ? 'not reached' : formatSeconds(ms));

/** A gantt of the drill on the runner's clock (dateFormat x: ms since the epoch). */
export function drillGantt(f: Facts): string {
  const t = f.timestamps ?? {};
  if (t.fault === undefined) return '';
  const lines = [
    'gantt',
    `  title Failover drill of ${mermaidText(f.inputs?.clusterName ?? '')}`,
    '  dateFormat x',
    '  axisFormat %H:%M:%S',
    '  section Writers',
  ];
  if (t.loadStart !== undefined)
    lines.push(`  write load :active, load, ${t.loadStart}, ${t.loadEnd ?? t.healthy ?? t.fault}`);
  lines.push('  section Cluster', `  fault :milestone, fault, ${t.fault}, ${t.fault}`);
  if (t.newPrimary !== undefined) lines.push(`  no primary :crit, np, ${t.fault}, ${t.newPrimary}`);
  if (t.firstWrite !== undefined)
    lines.push(`  first write on the new primary :milestone, fw, ${t.firstWrite}, ${t.firstWrite}`);
  if (t.healthy !== undefined) lines.push(`  until healthy :h, ${t.fault}, ${t.healthy}`);
  if (t.switchBackStart !== undefined && t.switchBackEnd !== undefined)
    lines.push(`  switch back :sb, ${t.switchBackStart}, ${t.switchBackEnd}`);
  return ['```mermaid', ...lines, '```', ''].join('\n');
}

function verdictLine(f: Facts): string {
  const v = f.verdict;
  if (!v) return '';
  const head = v.passed ? '✅ **Passed**' : '❌ **Failed**';
  return `${head}: ${v.checks.map((c) => escapeHtml(c.text)).join('; ')}\n`;
}

function writesRows(r: DrillResults): Cell[][] {
  const c = r.counts;
  return [
    ['acknowledged writes', `${c.acknowledged} (${r.writesPerSecond.toFixed(0)}/s)`],
    ['lost acknowledged writes', c.lost],
    ['in doubt (committed)', `${c.inDoubt} (${c.inDoubtCommitted})`],
    ['rejected by the server', c.rejected],
    ['failed before sending (no primary to send to)', c.failedBeforeSending],
    ...(c.unexpected > 0 ? [['rejected yet present', c.unexpected] as Cell[]] : []),
  ];
}

function resultsTable(f: Facts): string {
  const r = f.results;
  const rows: Cell[][] = [
    ['fault', f.fault ?? ''],
    [
      'primary',
      `${f.oldPrimary ?? '?'} → ${f.newPrimary ?? '?'} (timeline ${f.oldTimeline ?? '?'} → ${f.timeline ?? '?'})`,
    ],
  ];
  if (r) {
    rows.push(
      ['downtime: fault → first acknowledged write on the new primary', sec(r.downtimeMs)],
      ['failover: fault → new currentPrimary', sec(r.failoverMs)],
      ['fault → Cluster healthy', sec(r.healthyMs)],
      ['longest gap between acknowledged writes', formatSeconds(r.longestGapMs)],
      ...writesRows(r),
    );
  }
  if (f.durability) rows.push(['durability', durabilityText(f.durability)]);
  if (f.lease)
    rows.push([
      'primary lease',
      `${f.lease.leaseDurationSeconds} s (renew deadline ${f.lease.renewDeadlineSeconds} s, retry ${f.lease.retryPeriodSeconds} s)`,
    ]);
  const t = f.timestamps;
  if (f.switchedBackTo && t?.switchBackStart !== undefined && t.switchBackEnd !== undefined)
    rows.push([
      'switched back to',
      `${f.switchedBackTo} in ${formatSeconds(t.switchBackEnd - t.switchBackStart)}`,
    ]);
  if (f.table)
    rows.push([
      'drill table',
      { raw: `${code(`${f.table.schema}.${f.table.name}`)} ${f.table.state}` },
    ]);
  if (f.reportPath) rows.push(['report', { raw: code(f.reportPath) }]);
  return table(['measure', 'value'], rows);
}

const HOW =
  'Measured by the writers on the runner, through the Kubernetes API server (pods/portforward), ' +
  'not by a client inside the cluster: the downtime includes detection, the primary lease, the ' +
  "promotion, the `-rw` endpoints' update, and a new port-forward and login (writers retry every 50-100 ms).\n";

export function drillSummary(result: StepResult<DrillFacts>): string {
  const f = result.facts;
  const name = escapeHtml(f.inputs?.clusterName ?? '');
  if (f.refused && f.refused.length > 0) return refusedSummary(result);
  const failure = result.failure;
  const state = failure
    ? failure.cancelled
      ? 'was cancelled'
      : 'failed'
    : f.verdict?.passed === false
      ? 'failed its thresholds'
      : 'passed';
  return [
    `## pgha failover-drill: ${name} ${state}\n`,
    verdictLine(f),
    ...(failure ? [failureSection(failure)] : []),
    resultsTable(f),
    drillGantt(f),
    HOW,
    '### Phases\n',
    phasesTable(result.phases),
  ].join('\n');
}

function refusedSummary(result: StepResult<DrillFacts>): string {
  const f = result.facts;
  const rows: Cell[][] = [];
  if (f.durability) rows.push(['durability', durabilityText(f.durability)]);
  if (f.lease) rows.push(['primary lease', `${f.lease.leaseDurationSeconds} s`]);
  return [
    `## pgha failover-drill: ${escapeHtml(f.inputs?.clusterName ?? '')} refused\n`,
    'Nothing was written. The drill needs a healthy Cluster with a streaming standby and no switchover under way:\n',
    ...(f.refused ?? []).map((r) => `- ${escapeHtml(r)}`),
    '',
    ...(rows.length > 0 ? [table(['setting', 'value'], rows)] : []),
    '### Phases\n',
    phasesTable(result.phases),
  ].join('\n');
}
