// What went wrong, gathered once when a wait fails: the Cluster's phase and conditions, each
// instance pod's phase and readiness, and the recent events of the Cluster and its pods.
import type { KubeHttp } from './http.ts';
import type { KubeObject } from './resources.ts';

interface PodView extends KubeObject {
  spec?: { nodeName?: string };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: { restartCount?: number; state?: Record<string, { reason?: string }> }[];
  };
}

interface EventView extends KubeObject {
  involvedObject?: { kind?: string; name?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
}

export interface InstancePod {
  readonly name: string;
  readonly role: string;
  readonly phase: string;
  readonly ready: boolean;
  readonly node?: string;
  readonly detail?: string;
}

export async function listInstancePods(
  http: KubeHttp,
  namespace: string,
  cluster: string,
): Promise<InstancePod[]> {
  const { body } = await http.json<{ items: PodView[] }>({
    method: 'GET',
    path: `/api/v1/namespaces/${namespace}/pods`,
    query: { labelSelector: `cnpg.io/cluster=${cluster},cnpg.io/podRole=instance` },
    context: `listing the instance pods of ${cluster}`,
  });
  return body.items
    .map((p) => {
      const waiting = p.status?.containerStatuses
        ?.flatMap((c) => Object.values(c.state ?? {}).map((s) => s.reason))
        .find(Boolean);
      const detail = p.status?.message ?? p.status?.reason ?? waiting;
      return {
        name: p.metadata.name,
        role: p.metadata.labels?.['cnpg.io/instanceRole'] ?? p.metadata.labels?.role ?? '',
        phase: p.metadata.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? 'Unknown'),
        ready:
          p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
        ...(p.spec?.nodeName ? { node: p.spec.nodeName } : {}),
        ...(detail ? { detail } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

/** A plain-text report for the failure message; never throws (diagnostics are best effort). */
export async function gatherDiagnostics(
  http: KubeHttp,
  namespace: string,
  cluster: string,
  last: KubeObject | undefined,
): Promise<string> {
  const lines: string[] = [];
  const status = (last?.status ?? {}) as {
    phase?: string;
    phaseReason?: string;
    readyInstances?: number;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
  lines.push(
    last
      ? `Cluster ${cluster}: phase '${status.phase ?? '(none)'}'${status.phaseReason ? ` (${status.phaseReason})` : ''}, readyInstances ${status.readyInstances ?? 0}`
      : `Cluster ${cluster}: not found`,
  );
  for (const c of status.conditions ?? [])
    lines.push(
      `  condition ${c.type}=${c.status}${c.reason ? ` ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}`,
    );
  try {
    const pods = await listInstancePods(http, namespace, cluster);
    if (pods.length === 0) lines.push('Instance pods: none');
    for (const p of pods)
      lines.push(
        `  pod ${p.name}: ${p.phase}${p.ready ? ', ready' : ', not ready'}${p.role ? `, ${p.role}` : ''}${p.detail ? ` (${p.detail})` : ''}`,
      );
    const events = await recentEvents(
      http,
      namespace,
      cluster,
      pods.map((p) => p.name),
    );
    if (events.length > 0) lines.push('Recent events:');
    for (const e of events) lines.push(`  ${e}`);
  } catch (error) {
    lines.push(
      `(could not read pods or events: ${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return lines.join('\n');
}

async function recentEvents(
  http: KubeHttp,
  namespace: string,
  cluster: string,
  pods: readonly string[],
): Promise<string[]> {
  const { body } = await http.json<{ items: EventView[] }>({
    method: 'GET',
    path: `/api/v1/namespaces/${namespace}/events`,
    context: `listing the events of ${namespace}`,
  });
  const names = new Set([cluster, ...pods]);
  return body.items
    .filter((e) => names.has(e.involvedObject?.name ?? ''))
    .sort((a, b) => time(a).localeCompare(time(b)))
    .slice(-10)
    .map(
      (e) =>
        `${time(e)} ${e.type ?? ''} ${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`,
    );
}

function time(e: EventView): string {
  return e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '';
}
