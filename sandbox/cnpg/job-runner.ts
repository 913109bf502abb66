// One attempt of a bootstrap Job, as Kubernetes' Job controller and kubelet show it: a pod
// `<job>-<5 chars>` owned by the Job runs the work (Running, then Succeeded or Failed with the
// container's exit code), its log is the instance manager's JSON lines (`kubectl logs` reads
// them, also after it failed), and the Job's status counts active, succeeded and failed pods;
// past backoffLimit it gets the FailureTarget and Failed conditions (BackoffLimitExceeded).
import type { KubeObject } from '../kube/types.ts';
import { DEFAULT_BACKOFF_LIMIT, newPodName, recordJobFailure } from './jobs.ts';
import { JOBS, PODS, rfc3339 } from './resources.ts';
import type { ControllerContext } from './runtime.ts';

/** The job's log: a message and its fields, written as the instance manager logs them. */
export type JobLog = (
  msg: string,
  fields?: Record<string, unknown>,
  level?: 'info' | 'error',
) => void;

interface Template {
  metadata: { labels: Record<string, string> };
  spec: Record<string, unknown> & { containers: { name: string; image?: string }[] };
}

function buildPod(job: KubeObject, name: string): KubeObject {
  const template = job.spec?.template as Template;
  const container = template.spec.containers[0];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: job.metadata.namespace ?? 'default',
      labels: template.metadata.labels,
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          name: job.metadata.name,
          uid: job.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: { ...template.spec, nodeName: 'sandbox-node-1' },
    status: {
      phase: 'Running',
      startTime: rfc3339(),
      hostIP: '127.0.0.1',
      podIP: '127.0.0.1',
      containerStatuses: [
        {
          name: container?.name ?? 'job',
          image: container?.image ?? '',
          imageID: '',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: rfc3339() } },
        },
      ],
    },
  };
}

function finishPod(ctx: ControllerContext, pod: KubeObject, exitCode: number): void {
  const ns = pod.metadata.namespace;
  if (!ctx.store.get(PODS, ns, pod.metadata.name)) return;
  ctx.store.patchStatus(PODS, ns, pod.metadata.name, (s) => {
    const [c] = (s.containerStatuses ?? []) as Record<string, unknown>[];
    const state = c?.state as { running?: { startedAt?: string } } | undefined;
    s.phase = exitCode === 0 ? 'Succeeded' : 'Failed';
    s.containerStatuses = [
      {
        ...c,
        ready: false,
        started: false,
        state: {
          terminated: {
            exitCode,
            reason: exitCode === 0 ? 'Completed' : 'Error',
            startedAt: state?.running?.startedAt,
            finishedAt: rfc3339(),
          },
        },
      },
    ];
  });
}

function jobLog(ctx: ControllerContext, pod: KubeObject, loggingPod: string): JobLog {
  return (msg, fields = {}, level = 'info') => {
    const line = { level, ts: new Date().toISOString(), msg, logging_pod: loggingPod, ...fields };
    ctx.store.appendPodLog(
      pod.metadata.namespace ?? 'default',
      pod.metadata.name,
      `${JSON.stringify(line)}\n`,
    );
  };
}

const condition = (type: string) => ({
  type,
  status: 'True',
  reason: 'BackoffLimitExceeded',
  message: 'Job has reached the specified backoff limit',
  lastProbeTime: rfc3339(),
  lastTransitionTime: rfc3339(),
});

function recordOutcome(ctx: ControllerContext, job: KubeObject, ok: boolean): void {
  const { namespace, name } = job.metadata;
  if (!ctx.store.get(JOBS, namespace, name)) return;
  ctx.store.patchStatus(JOBS, namespace, name, (s) => {
    s.active = 0;
    s.ready = 0;
    if (ok) {
      s.succeeded = 1;
      s.completionTime = rfc3339();
      const complete = {
        ...condition('Complete'),
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
      };
      s.conditions = [{ ...complete, type: 'SuccessCriteriaMet' }, complete];
      return;
    }
    s.failed = Number(s.failed ?? 0) + 1;
    const limit = Number(job.spec?.backoffLimit ?? DEFAULT_BACKOFF_LIMIT);
    if (Number(s.failed) > limit) s.conditions = [condition('FailureTarget'), condition('Failed')];
  });
}

/** Runs one pod of the Job; true when `work` succeeded. */
export async function runJobPod(
  ctx: ControllerContext,
  job: KubeObject,
  work: (log: JobLog) => Promise<void>,
  errorMessage: string,
): Promise<boolean> {
  const pod = ctx.store.create(PODS, buildPod(job, newPodName(job)));
  ctx.store.patchStatus(JOBS, job.metadata.namespace, job.metadata.name, (s) => {
    s.active = 1;
    s.startTime ??= rfc3339();
    s.uncountedTerminatedPods ??= {};
  });
  const log = jobLog(ctx, pod, job.metadata.name);
  let ok = true;
  try {
    await work(log);
  } catch (error) {
    ok = false;
    log(errorMessage, { error: error instanceof Error ? error.message : String(error) }, 'error');
    if (ctx.stopping()) throw error;
  }
  finishPod(ctx, pod, ok ? 0 : 1);
  if (!ok) recordJobFailure(job);
  recordOutcome(ctx, job, ok);
  return ok;
}
