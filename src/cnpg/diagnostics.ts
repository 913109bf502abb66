// What went wrong, gathered once when a wait fails: the Cluster's phase and conditions, each
// instance pod's phase and readiness, and the recent events of the Cluster and its pods.
// Every text that comes from the cluster is put on one line (oneLine), so that it cannot
// start a workflow command in the log.
import type { KubeHttp } from '../kube/http.ts';
import type { KubeObject } from '../kube/resources.ts';
import { oneLine } from '../log-safety.ts';
import type { ClusterStatusView } from './health.ts';
import { listInstances } from './instances.ts';

interface EventView extends KubeObject {
  involvedObject?: { kind?: string; name?: string };
  reason?: string;
  message?: string;
  type?: string;
  lastTimestamp?: string;
  eventTime?: string;
}

/** A plain-text report for the failure; never throws (diagnostics are best effort). */
export async function gatherDiagnostics(
  http: KubeHttp,
  namespace: string,
  cluster: string,
  last: KubeObject | undefined,
): Promise<string> {
  const lines = clusterLines(cluster, last);
  try {
    const pods = await listInstances(http, namespace, cluster);
    if (pods.length === 0) lines.push('Instance pods: none');
    for (const p of pods)
      lines.push(
        `  pod ${p.name}: ${p.phase}${p.ready ? ', ready' : ', not ready'}${p.role ? `, ${p.role}` : ''}${p.detail ? ` (${oneLine(p.detail)})` : ''}`,
      );
    const events = await recentEvents(http, namespace, [cluster, ...pods.map((p) => p.name)]);
    if (events.length > 0) lines.push('Recent events:');
    for (const e of events) lines.push(`  ${e}`);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    lines.push(`(could not read pods or events: ${oneLine(text)})`);
  }
  return lines.join('\n');
}

function clusterLines(cluster: string, last: KubeObject | undefined): string[] {
  const status = (last?.status ?? {}) as ClusterStatusView;
  const lines = [
    last
      ? `Cluster ${cluster}: phase '${oneLine(status.phase ?? '(none)')}'${status.phaseReason ? ` (${oneLine(status.phaseReason)})` : ''}, readyInstances ${status.readyInstances ?? 0}`
      : `Cluster ${cluster}: not found`,
  ];
  for (const c of status.conditions ?? [])
    lines.push(
      `  condition ${oneLine(c.type)}=${oneLine(c.status)}${c.reason ? ` ${oneLine(c.reason)}` : ''}${c.message ? `: ${oneLine(c.message)}` : ''}`,
    );
  return lines;
}

/** The last ten events about the named objects, oldest first, one line each. */
export async function recentEvents(
  http: KubeHttp,
  namespace: string,
  names: readonly string[],
  limit = 10,
): Promise<string[]> {
  const { body } = await http.json<{ items: EventView[] }>({
    method: 'GET',
    path: `/api/v1/namespaces/${namespace}/events`,
    context: `listing the events of ${namespace}`,
  });
  const wanted = new Set(names);
  return body.items
    .filter((e) => wanted.has(e.involvedObject?.name ?? ''))
    .sort((a, b) => time(a).localeCompare(time(b)))
    .slice(-limit)
    .map((e) =>
      oneLine(
        `${time(e)} ${e.type ?? ''} ${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`,
      ),
    );
}

function time(e: EventView): string {
  return e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '';
}
