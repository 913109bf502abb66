// The ServiceAccount and the -rw / -ro / -r Services of a Cluster (facts §6), and their
// Endpoints as Kubernetes' endpoints controller keeps them: ready pods that match the
// selector in `addresses`, unready ones in `notReadyAddresses`, and a terminating pod in
// neither from the moment it gets its deletionTimestamp (publishNotReadyAddresses is off).
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../kube/types.ts';
import type { ClusterView } from './cluster-spec.ts';
import { podIsReady } from './pods.ts';
import {
  ENDPOINTS,
  LABEL,
  PODS,
  POSTGRES_PORT,
  SERVICES,
  SERVICE_ACCOUNTS,
  ownerReference,
} from './resources.ts';
import type { ControllerContext } from './runtime.ts';

type ServiceSuffix = 'rw' | 'ro' | 'r';

function selector(cluster: string, suffix: ServiceSuffix): Record<string, string> {
  if (suffix === 'r') return { [LABEL.cluster]: cluster, [LABEL.podRole]: 'instance' };
  const role = suffix === 'rw' ? 'primary' : 'replica';
  return { [LABEL.cluster]: cluster, [LABEL.instanceRole]: role };
}

/** A stable fake ClusterIP per service name, in 10.96.0.0/16. */
function clusterIp(key: string): string {
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `10.96.${(h >>> 8) % 256}.${(h % 254) + 1}`;
}

export function buildService(
  cluster: KubeObject,
  cl: ClusterView,
  suffix: ServiceSuffix,
): KubeObject {
  const name = `${cl.name}-${suffix}`;
  const ip = clusterIp(`${cl.namespace}/${name}`);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: cl.namespace,
      labels: { [LABEL.cluster]: cl.name },
      annotations: {},
      ownerReferences: [ownerReference(cluster)],
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: ip,
      clusterIPs: [ip],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      ports: [
        { name: 'postgres', port: POSTGRES_PORT, protocol: 'TCP', targetPort: POSTGRES_PORT },
      ],
      selector: selector(cl.name, suffix),
    },
    status: { loadBalancer: {} },
  };
}

function buildServiceAccount(cluster: KubeObject, cl: ClusterView): KubeObject {
  const meta = cl.serviceAccountMetadata;
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: cl.name,
      namespace: cl.namespace,
      labels: { ...meta.labels },
      annotations: { ...meta.annotations },
      ownerReferences: [ownerReference(cluster)],
    },
  };
}

function createIfMissing(ctx: ControllerContext, ref: typeof SERVICES, obj: KubeObject): void {
  if (!ctx.store.get(ref, obj.metadata.namespace, obj.metadata.name)) ctx.store.create(ref, obj);
}

function contains(have: Record<string, string> | undefined, want: Record<string, string>): boolean {
  return Object.entries(want).every(([k, v]) => have?.[k] === v);
}

/** Creates the ServiceAccount, or applies serviceAccountTemplate changes to it. */
function ensureServiceAccount(ctx: ControllerContext, cluster: KubeObject, cl: ClusterView): void {
  const want = buildServiceAccount(cluster, cl);
  const have = ctx.store.get(SERVICE_ACCOUNTS, cl.namespace, cl.name);
  if (!have) {
    ctx.store.create(SERVICE_ACCOUNTS, want);
    return;
  }
  const { labels, annotations } = cl.serviceAccountMetadata;
  if (contains(have.metadata.labels, labels) && contains(have.metadata.annotations, annotations)) {
    return;
  }
  ctx.store.mutate(SERVICE_ACCOUNTS, cl.namespace, cl.name, (sa) => {
    sa.metadata.labels = { ...sa.metadata.labels, ...labels };
    sa.metadata.annotations = { ...sa.metadata.annotations, ...annotations };
  });
}

/** ServiceAccount (unless spec.serviceAccountName) and the three services. */
export function ensureServiceObjects(
  ctx: ControllerContext,
  cluster: KubeObject,
  cl: ClusterView,
): void {
  if (!cl.serviceAccountName) ensureServiceAccount(ctx, cluster, cl);
  for (const suffix of ['rw', 'ro', 'r'] as const) {
    createIfMissing(ctx, SERVICES, buildService(cluster, cl, suffix));
  }
  syncEndpoints(ctx, cl.namespace, cl.name);
}

function address(pod: KubeObject): Record<string, unknown> {
  const m = pod.metadata;
  return {
    ip: pod.status?.podIP,
    nodeName: pod.spec?.nodeName,
    targetRef: { kind: 'Pod', namespace: m.namespace, name: m.name, uid: m.uid },
  };
}

function subsets(pods: KubeObject[]): Record<string, unknown>[] | undefined {
  const serving = pods
    .filter((p) => !p.metadata.deletionTimestamp && typeof p.status?.podIP === 'string')
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const ready = serving.filter(podIsReady).map(address);
  const notReady = serving.filter((p) => !podIsReady(p)).map(address);
  if (ready.length + notReady.length === 0) return undefined;
  return [
    {
      ...(ready.length ? { addresses: ready } : {}),
      ...(notReady.length ? { notReadyAddresses: notReady } : {}),
      ports: [{ name: 'postgres', port: POSTGRES_PORT, protocol: 'TCP' }],
    },
  ];
}

function writeEndpoints(ctx: ControllerContext, svc: KubeObject): void {
  const { name, namespace } = svc.metadata;
  const selector = (svc.spec?.selector ?? {}) as Record<string, string>;
  const selectorText = Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = ctx.store.list(PODS, namespace, { labelSelector: selectorText });
  const want = subsets(pods);
  const have = ctx.store.get(ENDPOINTS, namespace, name);
  if (!have) {
    ctx.store.create(ENDPOINTS, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace, labels: { ...svc.metadata.labels } },
      ...(want ? { subsets: want } : {}),
    });
  } else if (!isDeepStrictEqual(have.subsets, want)) {
    ctx.store.mutate(ENDPOINTS, namespace, name, (e) => {
      if (want) e.subsets = want;
      else delete e.subsets;
    });
  }
}

const pending = new WeakMap<ControllerContext, Set<string>>();

/** Recomputes the Endpoints of a Cluster's Services (coalesced, after the current event). */
export function syncEndpoints(ctx: ControllerContext, namespace: string, cluster: string): void {
  const keys = pending.get(ctx) ?? new Set<string>();
  pending.set(ctx, keys);
  const first = keys.size === 0;
  keys.add(`${namespace}/${cluster}`);
  if (!first) return;
  queueMicrotask(() => {
    const todo = [...keys];
    keys.clear();
    for (const key of todo) {
      const [ns = '', name = ''] = key.split('/');
      for (const suffix of ['rw', 'ro', 'r']) {
        const svc = ctx.store.get(SERVICES, ns, `${name}-${suffix}`);
        try {
          if (svc && !ctx.stopping()) writeEndpoints(ctx, svc);
        } catch (err) {
          ctx.log(`${ns}/${name}-${suffix}: endpoints not written: ${String(err)}`);
        }
      }
    }
  });
}

/** The endpoints controller removes a deleted Service's Endpoints. */
export function deleteEndpoints(ctx: ControllerContext, svc: KubeObject): void {
  const { name, namespace } = svc.metadata;
  if (ctx.store.get(ENDPOINTS, namespace, name)) ctx.store.delete(ENDPOINTS, namespace, name);
}
