// The job summary of teardown: a verdict line, what was deleted with how long each took (a
// table and a Mermaid gantt), the backup data removed, the federated credentials, what was
// kept and why, and the phases. A second run says that there was nothing to delete.
import type { StepResult } from '../actions/step.ts';
import type { Deletion } from '../cnpg/deletion.ts';
import { code, escapeHtml, formatSeconds, mermaidText, table } from './markdown.ts';
import { failureSection, phasesTable } from './step-summary.ts';
import type { TeardownFacts } from './teardown-facts.ts';

export function teardownSummary(result: StepResult<TeardownFacts>): string {
  const f = result.facts;
  if (!f.inputs) return '';
  const deleted = (f.deletions ?? []).filter((d) => d.outcome !== 'absent');
  const parts = [
    `## pgha teardown: ${escapeHtml(f.inputs.clusterName)} in ${code(f.inputs.namespace)}\n`,
    result.failure ? failureSection(result.failure) : verdict(f, deleted),
  ];
  if (deleted.length > 0) parts.push('### Deleted\n', deletionsTable(deleted), gantt(f, deleted));
  if (f.data) parts.push('### Backup data\n', dataTable(f));
  if (f.credentials && f.credentials.length > 0)
    parts.push(
      '### Federated credentials\n',
      table(
        ['credential', 'identity', 'result'],
        f.credentials.map((c) => [c.name, c.identity, c.outcome]),
      ),
    );
  if (f.kept && f.kept.length > 0)
    parts.push(
      '### Kept\n',
      table(
        ['what', 'why'],
        f.kept.map((k) => [k.what, k.why]),
      ),
    );
  parts.push('### Phases\n', phasesTable(result.phases));
  return parts.join('\n');
}

function verdict(f: Partial<TeardownFacts>, deleted: readonly Deletion[]): string {
  const seconds = f.seconds === undefined ? '' : ` in ${f.seconds.toFixed(1)} s`;
  const files = f.data ? `, and ${f.data.files} backup files (${bytes(f.data.bytes)})` : '';
  const credentials = (f.credentials ?? []).filter((c) => c.outcome === 'deleted').length;
  const creds = credentials > 0 ? `, ${credentials} federated credential(s)` : '';
  if (deleted.length === 0 && !f.data?.files && credentials === 0)
    return `Nothing to delete: nothing that pgha created for ${code(f.inputs?.clusterName ?? '')} is left in ${code(f.inputs?.namespace ?? '')}${seconds}.\n`;
  const owner = f.cluster?.existed
    ? f.cluster.owned
      ? ''
      : ' The Cluster was not created by pgha and was deleted because of `force: true`.'
    : ' The Cluster was already gone.';
  return `✅ Deleted ${deleted.length} object(s)${creds}${files}${seconds}.${owner}\n`;
}

function deletionsTable(deleted: readonly Deletion[]): string {
  return table(
    ['object', 'namespace', 'result', 'time', 'went with it'],
    deleted.map((d) => [
      d.what,
      d.namespace ?? '',
      d.outcome === 'requested' ? 'deletion requested (wait: false)' : 'gone',
      formatSeconds(d.seconds * 1000),
      (d.with ?? []).join(', '),
    ]),
  );
}

/** Each deletion from its request until it was gone, on the runner's clock. */
function gantt(f: Partial<TeardownFacts>, deleted: readonly Deletion[]): string {
  const timed = deleted.filter((d) => d.outcome === 'deleted');
  if (timed.length < 2) return '';
  const lines = [
    'gantt',
    `  title Teardown of ${mermaidText(f.inputs?.clusterName ?? '')}`,
    '  dateFormat x',
    '  axisFormat %H:%M:%S',
    '  section Deleted',
    ...timed.map(
      (d, i) =>
        `  ${mermaidText(d.what)} :d${i}, ${d.started}, ${d.started + Math.max(1, Math.round(d.seconds * 1000))}`,
    ),
  ];
  return ['```mermaid', ...lines, '```', ''].join('\n');
}

function dataTable(f: Partial<TeardownFacts>): string {
  const d = f.data;
  if (!d) return '';
  return table(
    ['location', 'files deleted', 'bytes deleted', 'time'],
    [[d.location, d.files, bytes(d.bytes), formatSeconds(d.seconds * 1000)]],
  );
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u] ?? ''}`;
}
