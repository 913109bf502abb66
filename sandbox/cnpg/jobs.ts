// The batch/v1 Jobs CNPG creates to bootstrap an instance (pkg/specs/jobs.go): named
// `<instance>-<role>` (initdb, full-recovery), labelled with cnpg.io/jobRole and the
// instance labels, owned by the Cluster, restartPolicy Never, backoffLimit left to the
// Kubernetes default (6). Their state as Kubernetes' Job controller keeps it: a failed pod
// is replaced after 10 s doubled per earlier failure; past backoffLimit the Job gets the
// FailureTarget and Failed conditions (BackoffLimitExceeded).
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../kube/types.ts';
import { jobBackoffMs } from '../timings.ts';
import type { ClusterView } from './cluster-spec.ts';
import { JOBS, LABEL, PG_MAJOR, PODS, instanceLabels, ownerReference } from './resources.ts';
import type { ControllerContext } from './runtime.ts';

export type JobRole = 'initdb' | 'full-recovery';
/** Kubernetes' default spec.backoffLimit, which CNPG's bootstrap Jobs keep. */
export const DEFAULT_BACKOFF_LIMIT = 6;

export type JobState =
  { kind: 'due' } | { kind: 'waiting'; ms: number } | { kind: 'succeeded' } | { kind: 'failed' };

function jobLabels(cluster: string, instance: string, role: JobRole): Record<string, string> {
  const labels = instanceLabels(cluster, instance);
  Reflect.deleteProperty(labels, LABEL.podRole);
  return { ...labels, [LABEL.jobRole]: role, 'app.kubernetes.io/version': PG_MAJOR };
}

function buildJob(
  cluster: KubeObject,
  cl: ClusterView,
  instance: string,
  role: JobRole,
): KubeObject {
  const name = `${instance}-${role}`;
  const labels = jobLabels(cl.name, instance, role);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: cl.namespace, labels, ownerReferences: [ownerReference(cluster)] },
    spec: {
      backoffLimit: DEFAULT_BACKOFF_LIMIT,
      completions: 1,
      parallelism: 1,
      template: {
        metadata: { labels },
        spec: {
          hostname: name,
          restartPolicy: 'Never',
          serviceAccountName: cl.serviceAccountName ?? cl.name,
          containers: [
            {
              name: role,
              image: cl.imageName,
              command: ['/controller/manager', 'instance', role === 'initdb' ? 'init' : 'restore'],
            },
          ],
          volumes: [{ name: 'pgdata', persistentVolumeClaim: { claimName: instance } }],
        },
      },
    },
  };
}

/** The Job, created (with the selector the API server generates from its uid) if missing. */
export function ensureJob(
  ctx: ControllerContext,
  cluster: KubeObject,
  cl: ClusterView,
  instance: string,
  role: JobRole,
): KubeObject {
  const name = `${instance}-${role}`;
  const live = ctx.store.get(JOBS, cl.namespace, name);
  if (live) return live;
  const created = ctx.store.create(JOBS, buildJob(cluster, cl, instance, role));
  const uid = created.metadata.uid ?? '';
  return ctx.store.mutate(JOBS, cl.namespace, name, (j) => {
    const generated = { 'batch.kubernetes.io/controller-uid': uid };
    const spec = j.spec ?? {};
    spec.selector = { matchLabels: generated };
    spec.manualSelector = false;
    const template = spec.template as { metadata: { labels: Record<string, string> } };
    template.metadata.labels = {
      ...template.metadata.labels,
      ...generated,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid,
      'job-name': name,
    };
    j.spec = spec;
  });
}

/** The Job's pods, oldest first. */
export function jobPods(ctx: ControllerContext, job: KubeObject): KubeObject[] {
  const uid = job.metadata.uid ?? '';
  return ctx.store
    .list(PODS, job.metadata.namespace, {
      labelSelector: `batch.kubernetes.io/controller-uid=${uid}`,
    })
    .sort((a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
    );
}

function hasCondition(job: KubeObject, type: string): boolean {
  const conditions = (job.status?.conditions ?? []) as { type: string; status: string }[];
  return conditions.some((c) => c.type === type && c.status === 'True');
}

/** The Job controller's memory: when each Job's last pod failed (its backoff record). */
const lastFailure = new Map<string, number>();

export function recordJobFailure(job: KubeObject): void {
  lastFailure.set(job.metadata.uid ?? '', Date.now());
}

/** What the Job controller would do now: run a pod, wait for the backoff, or nothing. */
export function jobState(ctx: ControllerContext, job: KubeObject): JobState {
  const uid = job.metadata.uid ?? '';
  if (hasCondition(job, 'Failed') || hasCondition(job, 'Complete')) lastFailure.delete(uid);
  if (hasCondition(job, 'Failed')) return { kind: 'failed' };
  if (hasCondition(job, 'Complete')) return { kind: 'succeeded' };
  const failures = Number(job.status?.failed ?? 0);
  const since = Date.now() - (lastFailure.get(uid) ?? 0);
  const remaining = jobBackoffMs(ctx.timings, failures) - since;
  return remaining > 0 ? { kind: 'waiting', ms: remaining } : { kind: 'due' };
}

export function newPodName(job: KubeObject): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const suffix = [...randomBytes(5)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${job.metadata.name}-${suffix}`;
}

/** cleanupCompletedJobs (cluster_cleanup.go): completed Jobs go, in the foreground. */
export function cleanupCompletedJobs(
  ctx: ControllerContext,
  namespace: string,
  cluster: string,
): void {
  const jobs = ctx.store.list(JOBS, namespace, { labelSelector: `${LABEL.cluster}=${cluster}` });
  for (const job of jobs)
    if (Number(job.status?.succeeded ?? 0) >= 1 && !job.metadata.deletionTimestamp)
      ctx.store.delete(JOBS, namespace, job.metadata.name, { propagationPolicy: 'Foreground' });
}
