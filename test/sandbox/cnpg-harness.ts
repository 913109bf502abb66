// Shared by the CNPG sandbox tests: a started sandbox with Kubernetes clients built from its
// kubeconfig, Cluster status reads, waiting, service-to-pod resolution as
// `kubectl port-forward svc/...` does it, and PostgreSQL connections through port-forward.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import * as k8s from '@kubernetes/client-node';
import pg from 'pg';
import { startSandbox } from '../../sandbox/index.ts';
import type { Sandbox, SandboxOptions } from '../../sandbox/index.ts';

export const HEALTHY = 'Cluster in healthy state';

/**
 * The shortest primary Lease CNPG's webhook accepts (lease > renew deadline > 1.2 x retry):
 * tests set it on the Cluster so that a failover after an abrupt loss takes seconds, not the
 * default 15 s + retry.
 */
export const SHORT_LEASE = {
  leaseDurationSeconds: 3,
  renewDeadlineSeconds: 2,
  retryPeriodSeconds: 1,
};

export interface ClusterStatus {
  phase?: string;
  phaseReason?: string;
  readyInstances?: number;
  instances?: number;
  currentPrimary?: string;
  currentPrimaryTimestamp?: string;
  currentPrimaryFailingSinceTimestamp?: string;
  targetPrimary?: string;
  timelineID?: number;
  instancesStatus?: Record<string, string[]>;
  conditions?: { type: string; status: string; reason: string; message?: string }[];
}

export interface Harness {
  sandbox: Sandbox;
  namespace: string;
  core: k8s.CoreV1Api;
  custom: k8s.CustomObjectsApi;
  objects: k8s.KubernetesObjectApi;
  status(cluster: string): Promise<ClusterStatus>;
  /** Healthy with every instance ready and no switch in progress (default: within 30 s). */
  waitHealthy(cluster: string, instances: number, timeoutMs?: number): Promise<ClusterStatus>;
  podBehind(service: string): Promise<string | undefined>;
  connect(
    pod: string,
    auth: { user: string; password: string; database: string },
  ): Promise<pg.Client>;
  close(): Promise<void>;
}

export function clusterRef(namespace: string) {
  return { group: 'postgresql.cnpg.io', version: 'v1', namespace, plural: 'clusters' };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startHarness(
  namespace: string,
  options: Omit<SandboxOptions, 'dir'> = {},
): Promise<Harness> {
  const dir = await mkdtemp('/tmp/pgha-cnpg-');
  await chmod(dir, 0o711);
  const sandbox = await startSandbox({ dir, ...options });
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(sandbox.kubeconfigPath);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  await objects
    .create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } })
    .catch(() => undefined);
  const clients: pg.Client[] = [];

  const status = async (cluster: string): Promise<ClusterStatus> => {
    const obj = (await custom.getNamespacedCustomObject({
      ...clusterRef(namespace),
      name: cluster,
    })) as {
      status?: ClusterStatus;
    };
    return obj.status ?? {};
  };
  const waitHealthy = (cluster: string, instances: number, timeoutMs?: number) =>
    waitFor(
      `${cluster} healthy with ${instances} instances`,
      async () => {
        const s = await status(cluster);
        const done = s.phase === HEALTHY && s.readyInstances === instances;
        return done && s.currentPrimary === s.targetPrimary && s;
      },
      timeoutMs,
    );
  const podBehind = async (service: string): Promise<string | undefined> => {
    const svc = await core.readNamespacedService({ name: service, namespace });
    const selector = Object.entries(svc.spec?.selector ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const pods = await core.listNamespacedPod({ namespace, labelSelector: selector });
    return pods.items.find((p) => !p.metadata?.deletionTimestamp)?.metadata?.name;
  };
  const connect = async (
    pod: string,
    auth: { user: string; password: string; database: string },
  ) => {
    const target = sandbox.portForward(namespace, pod, 5432);
    if (!target) throw new Error(`no port-forward to ${pod}`);
    const client = new pg.Client({ ...target, ...auth, connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    clients.push(client);
    await client.connect();
    return client;
  };
  const close = async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await sandbox.stop();
    await rm(dir, { recursive: true, force: true });
  };
  return {
    sandbox,
    namespace,
    core,
    custom,
    objects,
    status,
    waitHealthy,
    podBehind,
    connect,
    close,
  };
}
