// The job summary of deploy, built from the typed facts of the run; every user string is
// escaped. Render-only runs show what was rendered; runs against a cluster show what was
// applied (deploy-applied-summary.ts); failed runs show what was done and what went wrong.
import type { StepResult } from '../actions/step.ts';
import { appliedSummary } from './deploy-applied-summary.ts';
import type { DeployFacts } from './deploy-facts.ts';
import type { DeployInputs } from '../inputs/types.ts';
import { code, escapeHtml, table } from './markdown.ts';
import { failureSection, phasesTable } from './step-summary.ts';

export type DeployReport = Pick<DeployFacts, 'inputs' | 'rendered' | 'backup' | 'file'>;

export function deploySummary(result: StepResult<DeployFacts>): string {
  const f = result.facts;
  if (result.failure) return failedSummary(result);
  if (!f.inputs || !f.backup) return '';
  if (f.inputs.renderOnly && f.rendered && f.file)
    return renderOnlySummary({
      inputs: f.inputs,
      rendered: f.rendered,
      backup: f.backup,
      file: f.file,
    });
  return appliedSummary(f, result.phases);
}

function failedSummary(result: StepResult<DeployFacts>): string {
  const name = result.facts.inputs?.clusterName ?? '';
  const failure = result.failure;
  if (!failure) return '';
  const applied = result.facts.results ?? [];
  return [
    `## pgha deploy: ${escapeHtml(name)} ${failure.cancelled ? 'was cancelled' : 'failed'}\n`,
    failureSection(failure),
    '### Phases\n',
    phasesTable(result.phases),
    ...(applied.length > 0
      ? [
          '### Applied before the failure\n',
          table(
            ['kind', 'name', 'result'],
            applied.map((r) => [r.kind, r.name, r.action]),
          ),
        ]
      : []),
  ].join('\n');
}

function renderOnlySummary(r: DeployReport): string {
  const { inputs } = r;
  return [
    `## pgha deploy: ${escapeHtml(inputs.clusterName)} (render only)\n`,
    `Rendered ${r.rendered.objects.length} objects for namespace ${code(inputs.namespace)} into ${code(r.file)}. Nothing was applied.\n`,
    topology(inputs),
    '### Objects\n',
    table(
      ['kind', 'name', 'apiVersion'],
      r.rendered.objects.map((o) => [o.kind, o.metadata.name, o.apiVersion]),
    ),
    '### Backups\n',
    backupLine(r),
    '### PostgreSQL parameters\n',
    `${escapeHtml(r.rendered.sizingNote)}\n\n`,
    table(
      ['parameter', 'value'],
      Object.entries(r.rendered.parameters).map(([k, v]) => [k, v]),
    ),
  ].join('\n');
}

function backupLine(r: DeployReport): string {
  const b = r.inputs.backup;
  if (!b) return 'No `backup-destination`: no WAL archiving and no backups.\n';
  const schedule = b.schedule ? code(b.schedule) : 'none';
  return table(
    ['setting', 'value'],
    [
      ['method', { raw: `${code(r.backup.method)}: ${escapeHtml(r.backup.reason)}` }],
      ['destination', b.destination.url],
      ['credentials', b.credentials],
      ['retention', b.retention],
      ['schedule', { raw: schedule }],
    ],
  );
}

/** A Mermaid picture of what the Cluster will look like once applied. */
function topology(inputs: DeployInputs): string {
  const name = mermaidText(inputs.clusterName);
  const replicas = Array.from({ length: inputs.instances - 1 }, (_, i) => `${name}-${i + 2}`);
  const link = inputs.syncReplicas > 0 ? `sync, ANY ${inputs.syncReplicas}` : 'async';
  const lines = [
    'flowchart LR',
    `  rw(["${name}-rw"]) --> p["${name}-1 (primary)"]`,
    ...replicas.map((r, i) => `  p -- ${link} --> r${i}["${r} (replica)"]`),
    ...replicas.map((_, i) => `  ro(["${name}-ro"]) --> r${i}`),
  ];
  if (inputs.backup)
    lines.push(
      `  p -. WAL + base backups .-> os[("${mermaidText(inputs.backup.destination.url)}")]`,
    );
  return ['```mermaid', ...lines, '```', ''].join('\n');
}

function mermaidText(text: string): string {
  return text.replace(/["<>`\n\r]/g, '_');
}
