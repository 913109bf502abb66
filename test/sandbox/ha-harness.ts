// Shared by the high-availability tests (lease, shutdown, switchover, async loss,
// connections): Clusters with a short primary lease, the app login, a table the writers fill
// through `-rw`, the Lease through the coordination API, and a watch that records every
// version of it.
import * as k8s from '@kubernetes/client-node';
import type pg from 'pg';
import { startWriters } from '../helpers/writers.ts';
import type { Writers } from '../helpers/writers.ts';
import { clusterRef } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';

export interface AppLogin {
  user: string;
  password: string;
  database: string;
}

export async function createCluster(
  h: Harness,
  name: string,
  spec: Record<string, unknown>,
): Promise<void> {
  await h.custom.createNamespacedCustomObject({
    ...clusterRef(h.namespace),
    body: {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name, namespace: h.namespace },
      spec: { storage: { size: '1Gi' }, ...spec },
    },
  });
}

/** Bootstrap on a loaded 2-core machine (two test files at a time) can take a while. */
export const BOOTSTRAP_MS = 120_000;
/** Healing after a failover: the old primary re-cloned and streaming again. */
export const HEAL_MS = 60_000;
/** Per test: a failover or two and their healing, on a loaded machine. */
export const HA_TEST_TIMEOUT = { timeout: 150_000 };

/** Waits until the Cluster is healthy, reads its app login, creates the writers' table. */
export async function readyCluster(h: Harness, name: string, instances: number) {
  const status = await h.waitHealthy(name, instances, BOOTSTRAP_MS);
  const secret = await h.core.readNamespacedSecret({ name: `${name}-app`, namespace: h.namespace });
  const login: AppLogin = {
    user: 'app',
    password: Buffer.from(secret.data?.password ?? '', 'base64').toString(),
    database: 'app',
  };
  const c = await h.connect(status.currentPrimary ?? '', login);
  await c.query('CREATE TABLE IF NOT EXISTS writes (id int PRIMARY KEY)');
  await c.end();
  return { status, login };
}

/** Writers that insert through whatever pod `<cluster>-rw` selects. */
export function writeThroughRw(h: Harness, cluster: string, login: AppLogin, firstId: number) {
  return startWriters({
    table: 'writes',
    writers: 2,
    firstId,
    connect: async () => {
      const pod = await h.podBehind(`${cluster}-rw`);
      if (!pod) throw new Error(`no pod behind ${cluster}-rw`);
      return { client: await h.connect(pod, login), pod };
    },
  });
}

/** Ids present in the writers' table on a pod. */
export async function idsOn(h: Harness, pod: string, login: AppLogin): Promise<number[]> {
  const c: pg.Client = await h.connect(pod, login);
  const { rows } = await c.query<{ id: number }>('SELECT id FROM writes');
  await c.end();
  return rows.map((r) => r.id);
}

export async function waitAcked(w: Writers, n: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (w.acked() < n) {
    if (Date.now() > deadline) throw new Error(`only ${w.acked()} of ${n} writes acknowledged`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function kubeConfig(h: Harness): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(h.sandbox.kubeconfigPath);
  return kc;
}

export function leaseApi(h: Harness): k8s.CoordinationV1Api {
  return kubeConfig(h).makeApiClient(k8s.CoordinationV1Api);
}

export interface LeaseVersion {
  at: number;
  holder: string | undefined;
  durationSeconds: number | undefined;
  acquireTime: number | undefined;
  renewTime: number | undefined;
  transitions: number | undefined;
}

function toTime(v: unknown): number | undefined {
  if (v instanceof Date) return v.getTime();
  return typeof v === 'string' ? Date.parse(v) : undefined;
}

/** Every version of the Lease `<name>` as a Kubernetes watch delivers it, until stop(). */
export async function recordLease(h: Harness, name: string) {
  const versions: LeaseVersion[] = [];
  const path = `/apis/coordination.k8s.io/v1/namespaces/${h.namespace}/leases`;
  const watch = new k8s.Watch(kubeConfig(h));
  const ctl = await watch.watch(
    path,
    { fieldSelector: `metadata.name=${name}` },
    (_phase, obj: { spec?: Record<string, unknown> }) => {
      const spec = obj.spec ?? {};
      versions.push({
        at: Date.now(),
        holder: spec.holderIdentity as string | undefined,
        durationSeconds: spec.leaseDurationSeconds as number | undefined,
        acquireTime: toTime(spec.acquireTime),
        renewTime: toTime(spec.renewTime),
        transitions: spec.leaseTransitions as number | undefined,
      });
    },
    () => undefined,
  );
  return {
    versions,
    stop: () => {
      ctl.abort();
    },
  };
}
