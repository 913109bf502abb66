// The job summary of a deploy that contacted a cluster: what was applied (created, changed,
// unchanged), the instances, timings and how to connect. Never a password: the Secret's
// name only. Every user string is escaped.
import type { ApplyResult } from '../kube/apply.ts';
import type { InstancePod } from '../kube/diagnostics.ts';
import type { EnsureAction } from '../kube/ensure.ts';
import type { DeployInputs } from '../inputs/types.ts';
import type { BackupChoice } from './deploy-summary.ts';
import { code, escapeHtml, formatSeconds, table } from './markdown.ts';

export interface Timing {
  readonly step: string;
  readonly ms: number;
}

export interface AppliedReport {
  readonly inputs: DeployInputs;
  readonly backup: BackupChoice;
  readonly file: string;
  readonly server: string;
  readonly namespace: EnsureAction;
  readonly secret: EnsureAction;
  readonly results: readonly ApplyResult[];
  readonly identity?: { name: string; identity: string; subject: string; change: string };
  readonly timings: readonly Timing[];
  readonly pods: readonly (InstancePod & { zone?: string })[];
  readonly primary?: string;
  readonly readySeconds?: number;
  readonly requests: number;
}

export function appliedSummary(r: AppliedReport): string {
  const { inputs } = r;
  const title = inputs.dryRun
    ? `## pgha deploy: ${escapeHtml(inputs.clusterName)} (dry run, nothing written)\n`
    : `## pgha deploy: ${escapeHtml(inputs.clusterName)} is healthy\n`;
  const parts = [title, headline(r), '### Objects\n', objectsTable(r)];
  if (r.identity)
    parts.push(
      `Federated credential ${code(r.identity.name)} of managed identity ${code(r.identity.identity)} for ${code(r.identity.subject)}: ${escapeHtml(r.identity.change)}.\n`,
    );
  if (r.pods.length > 0) parts.push('### Instances\n', instancesTable(r), diagram(r));
  parts.push('### Timings\n', timingsTable(r));
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

function instancesTable(r: AppliedReport): string {
  return table(
    ['instance', 'role', 'ready', 'node', 'zone'],
    r.pods.map((p) => [p.name, p.role, p.ready ? 'yes' : 'no', p.node ?? '', p.zone ?? 'unknown']),
  );
}

/** Services, primary and replicas as they are now. */
function diagram(r: AppliedReport): string {
  const name = (s: string) => s.replace(/["<>`\n\r]/g, '_');
  const c = name(r.inputs.clusterName);
  const lines = ['```mermaid', 'flowchart LR', `  rw(["${c}-rw"])`, `  ro(["${c}-ro"])`];
  r.pods.forEach((p, i) => {
    const primary = p.role === 'primary';
    lines.push(
      `  i${i}["${name(p.name)} (${primary ? 'primary' : 'replica'})${p.zone ? `<br/>${name(p.zone)}` : ''}"]`,
    );
    lines.push(primary ? `  rw --> i${i}` : `  ro --> i${i}`);
  });
  const primaryIndex = r.pods.findIndex((p) => p.role === 'primary');
  r.pods.forEach((p, i) => {
    if (i !== primaryIndex && primaryIndex >= 0)
      lines.push(`  i${primaryIndex} -. streaming .-> i${i}`);
  });
  return [...lines, '```', ''].join('\n');
}

function timingsTable(r: AppliedReport): string {
  const rows = r.timings.map((t) => [t.step, formatSeconds(t.ms)]);
  if (r.readySeconds !== undefined)
    rows.push(['total until healthy', `${r.readySeconds.toFixed(1)} s`]);
  return table(['step', 'time'], rows);
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
