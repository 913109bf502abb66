// The job summary of a deploy that contacted a cluster: what was applied (created, changed,
// unchanged), the instances, timings and how to connect. Never a password: the Secret's
// name only. Every user string is escaped.
import type { PhaseRecord } from '../actions/step.ts';
import type { DeployFacts } from './deploy-facts.ts';
import { code, escapeHtml, table } from './markdown.ts';
import { phasesTable } from './step-summary.ts';

type AppliedReport = Pick<
  DeployFacts,
  'inputs' | 'backup' | 'file' | 'server' | 'namespace' | 'secret' | 'results' | 'requests'
> &
  Partial<Pick<DeployFacts, 'identity' | 'pods' | 'primary' | 'readySeconds'>>;

export function appliedSummary(
  facts: Partial<DeployFacts>,
  phases: readonly PhaseRecord[],
): string {
  const r = complete(facts);
  if (!r) return '';
  const { inputs } = r;
  const title = inputs.dryRun
    ? `## pgha deploy: ${escapeHtml(inputs.clusterName)} (dry run, nothing written)\n`
    : `## pgha deploy: ${escapeHtml(inputs.clusterName)} is healthy\n`;
  const parts = [title, headline(r), '### Objects\n', objectsTable(r)];
  if (r.identity)
    parts.push(
      `Federated credential ${code(r.identity.name)} of managed identity ${code(r.identity.identity)} for ${code(r.identity.subject)}: ${escapeHtml(r.identity.change)}.\n`,
    );
  if (r.pods && r.pods.length > 0)
    parts.push('### Instances\n', instancesTable(r.pods), diagram(r, r.pods));
  parts.push('### Timings\n', timingsTable(r, phases));
  if (!inputs.dryRun) parts.push('### Connect\n', connectSection(r));
  return parts.join('\n');
}

function headline(r: AppliedReport): string {
  const counts = new Map<string, number>();
  for (const [, , action = ''] of objectRows(r)) counts.set(action, (counts.get(action) ?? 0) + 1);
  const list = [...counts].map(([a, n]) => `${n} ${a}`).join(', ');
  const ready =
    r.readySeconds === undefined
      ? ''
      : ` Healthy ${r.readySeconds.toFixed(1)} s after the first request, primary ${code(r.primary ?? '')}.`;
  return `API server ${code(r.server)}, namespace ${code(r.inputs.namespace)}: ${escapeHtml(list || 'no objects')}.${ready} ${r.requests} API requests. Backups: ${code(r.inputs.backup ? r.backup.method : 'none')}${r.inputs.backup ? ` (${escapeHtml(r.backup.reason)})` : ''}. Manifests: ${code(r.file)}.\n`;
}

/** kind, name, result, changed fields: the namespace and secret first, then the manifests. */
function objectRows(r: AppliedReport): (readonly string[])[] {
  return [
    ['Namespace', r.inputs.namespace, r.namespace, ''],
    [
      'Secret',
      r.inputs.appSecret,
      r.secret,
      r.secret === 'unchanged' ? 'kept as it is' : 'random password, masked',
    ],
    ...r.results.map((x) => [x.kind, x.name, x.action, x.changedPaths.join(', ')]),
  ];
}

function objectsTable(r: AppliedReport): string {
  return table(['kind', 'name', 'result', 'changed fields'], objectRows(r));
}

/** The facts a summary of an apply needs, once they are all known. */
function complete(f: Partial<DeployFacts>): AppliedReport | undefined {
  const { inputs, backup, file, server, namespace, secret, results, requests } = f;
  if (!inputs || !backup || !file || !server || !namespace || !secret || !results) return undefined;
  return {
    ...f,
    inputs,
    backup,
    file,
    server,
    namespace,
    secret,
    results,
    requests: requests ?? 0,
  };
}

function instancesTable(pods: NonNullable<DeployFacts['pods']>): string {
  return table(
    ['instance', 'role', 'ready', 'node', 'zone'],
    pods.map((p) => [p.name, p.role, p.ready ? 'yes' : 'no', p.node ?? '', p.zone ?? 'unknown']),
  );
}

/** Services, primary and replicas as they are now. */
function diagram(r: AppliedReport, pods: NonNullable<DeployFacts['pods']>): string {
  const name = (s: string) => s.replace(/["<>`\n\r]/g, '_');
  const c = name(r.inputs.clusterName);
  const lines = ['```mermaid', 'flowchart LR', `  rw(["${c}-rw"])`, `  ro(["${c}-ro"])`];
  pods.forEach((p, i) => {
    const primary = p.role === 'primary';
    lines.push(
      `  i${i}["${name(p.name)} (${primary ? 'primary' : 'replica'})${p.zone ? `<br/>${name(p.zone)}` : ''}"]`,
    );
    lines.push(primary ? `  rw --> i${i}` : `  ro --> i${i}`);
  });
  const primaryIndex = pods.findIndex((p) => p.role === 'primary');
  pods.forEach((_p, i) => {
    if (i !== primaryIndex && primaryIndex >= 0)
      lines.push(`  i${primaryIndex} -. streaming .-> i${i}`);
  });
  return [...lines, '```', ''].join('\n');
}

function timingsTable(r: AppliedReport, phases: readonly PhaseRecord[]): string {
  const total: [string, string][] =
    r.readySeconds === undefined ? [] : [['total until healthy', `${r.readySeconds.toFixed(1)} s`]];
  return phasesTable(phases, total);
}

function connectSection(r: AppliedReport): string {
  const { clusterName: c, namespace: ns, appSecret, database } = r.inputs;
  return [
    table(
      ['what', 'value'],
      [
        ['read-write service', `${c}-rw.${ns}.svc:5432`],
        ['read-only service', `${c}-ro.${ns}.svc:5432`],
        ['database', database],
        ['credentials', `Secret ${appSecret} (keys username, password)`],
      ],
    ),
    `From a workstation: ${code(`kubectl -n ${ns} port-forward svc/${c}-rw 5432:5432`)}, with the password from ${code(`kubectl -n ${ns} get secret ${appSecret} -o jsonpath='{.data.password}' | base64 -d`)}.\n`,
  ].join('\n');
}
