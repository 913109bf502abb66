// The instances of a CNPG Cluster as pgha reports them: pod, role, readiness, node and zone.
// Instance pods are selected as CNPG's own tools do: cnpg.io/cluster=<name> and
// cnpg.io/podRole=instance (pooler pods carry the cluster label too).
import type { KubeHttp } from '../kube/http.ts';
import type { KubeObject } from '../kube/resources.ts';

export interface PodView extends KubeObject {
  spec?: { nodeName?: string };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    podIP?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: { restartCount?: number; state?: Record<string, { reason?: string }> }[];
  };
}

export interface Instance {
  readonly name: string;
  /** primary, replica or unhealthy as CNPG labels it; '' before it labels the pod. */
  readonly role: string;
  /** Pod phase, or Terminating while it is being deleted. */
  readonly phase: string;
  readonly ready: boolean;
  readonly node?: string;
  readonly zone?: string;
  /** Why the pod is not running, when it says. */
  readonly detail?: string;
}

export function instanceSelector(cluster: string): string {
  return `cnpg.io/cluster=${cluster},cnpg.io/podRole=instance`;
}

/** CNPG writes the role on both labels; readers prefer the legacy one, as CNPG's do. */
export function roleOf(pod: KubeObject): string {
  const labels = pod.metadata.labels ?? {};
  return labels.role ?? labels['cnpg.io/instanceRole'] ?? '';
}

export function isReady(pod: PodView): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export async function listInstancePods(
  http: KubeHttp,
  namespace: string,
  cluster: string,
): Promise<PodView[]> {
  const { body } = await http.json<{ items: PodView[] }>({
    method: 'GET',
    path: `/api/v1/namespaces/${namespace}/pods`,
    query: { labelSelector: instanceSelector(cluster) },
    context: `listing the instance pods of ${cluster}`,
  });
  return body.items.sort((a, b) =>
    a.metadata.name.localeCompare(b.metadata.name, 'en', { numeric: true }),
  );
}

function toInstance(p: PodView): Instance {
  const waiting = p.status?.containerStatuses
    ?.flatMap((c) => Object.values(c.state ?? {}).map((s) => s.reason))
    .find(Boolean);
  const detail = p.status?.message ?? p.status?.reason ?? waiting;
  return {
    name: p.metadata.name,
    role: roleOf(p),
    phase: p.metadata.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? 'Unknown'),
    ready: isReady(p),
    ...(p.spec?.nodeName ? { node: p.spec.nodeName } : {}),
    ...(detail ? { detail } : {}),
  };
}

/** The instances with their roles and, when the identity may read nodes, their zones. */
export async function listInstances(
  http: KubeHttp,
  namespace: string,
  cluster: string,
  options: { zones?: boolean } = {},
): Promise<Instance[]> {
  const instances = (await listInstancePods(http, namespace, cluster)).map(toInstance);
  return options.zones ? withZones(http, instances) : instances;
}

async function withZones(http: KubeHttp, instances: Instance[]): Promise<Instance[]> {
  if (!instances.some((p) => p.node)) return instances;
  try {
    const { body } = await http.json<{ items: KubeObject[] }>({
      method: 'GET',
      path: '/api/v1/nodes',
      context: 'listing nodes for their zones',
    });
    const zones = new Map(
      body.items.map((n) => [n.metadata.name, n.metadata.labels?.['topology.kubernetes.io/zone']]),
    );
    return instances.map((p) => {
      const zone = p.node ? zones.get(p.node) : undefined;
      return zone ? { ...p, zone } : p;
    });
  } catch {
    return instances;
  }
}
