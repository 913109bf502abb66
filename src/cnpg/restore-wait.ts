// Waiting for the throwaway Cluster to restore: a watch on the Cluster (a progress line for
// each phase change, ready instance and primary) and, beside it, the recovery Job
// `<cluster>-1-full-recovery` (a line for each new pod and each failed attempt, with the last
// error of its log). A Cluster that CNPG declares unrecoverable, or one not healthy by the
// deadline, fails with the Job's reason, the phase and reason, the Job pod's log tail and the
// events.
import { DiagnosedError } from '../errors.ts';
import type { KubeHttp } from '../kube/http.ts';
import { CNPG_CLUSTER, collectionPath, type KubeObject } from '../kube/resources.ts';
import { WatchTimeout, waitFor } from '../kube/watch.ts';
import { oneLine } from '../log-safety.ts';
import type { Logger } from '../logging.ts';
import { gatherDiagnostics, recentEvents } from './diagnostics.ts';
import { ProgressTracker, isHealthy, type ClusterView } from './health.ts';
import type { PodView } from './instances.ts';

export const UNRECOVERABLE = 'Cluster is unrecoverable and needs manual intervention';
const JOB_POLL_MS = 1000;

export interface RestoreWait {
  readonly http: KubeHttp;
  readonly namespace: string;
  readonly name: string;
  readonly deadline: number;
  /** Which limit the deadline is, for the message ("input 'max-restore-time'"). */
  readonly limit: string;
  readonly logger: Logger;
  readonly now: () => number;
}

export type RestoredCluster = ClusterView & KubeObject;

export interface Restored {
  readonly cluster: RestoredCluster;
  /** When the step saw it healthy (ms, the step's clock). */
  readonly seenAt: number;
}

interface JobView extends KubeObject {
  status?: { active?: number; failed?: number; succeeded?: number };
}

export const recoveryJobName = (cluster: string) => `${cluster}-1-full-recovery`;

/** The reason of a Job pod's JSON log: the last error line's message and error. */
export function lastError(log: string): string | undefined {
  const lines = log.split('\n').filter((l) => l.trim() !== '');
  for (const line of lines.reverse()) {
    try {
      const e = JSON.parse(line) as { level?: string; msg?: string; error?: string };
      if (e.level === 'error' || e.error)
        return oneLine(`${e.msg ?? ''}${e.error ? `: ${e.error}` : ''}`);
    } catch {
      if (/error|fatal/i.test(line)) return oneLine(line);
    }
  }
  return undefined;
}

async function jobPods(http: KubeHttp, ns: string, job: string): Promise<PodView[]> {
  const { body } = await http.json<{ items: PodView[] }>({
    method: 'GET',
    path: `/api/v1/namespaces/${ns}/pods`,
    query: { labelSelector: `job-name=${job}` },
    context: `listing the pods of Job ${job}`,
  });
  return body.items.sort((a, b) =>
    (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
  );
}

async function podLog(http: KubeHttp, ns: string, pod: string, tail: number): Promise<string> {
  return http.text({
    method: 'GET',
    path: `/api/v1/namespaces/${ns}/pods/${pod}/log`,
    query: { tailLines: String(tail) },
    context: `reading the log of pod ${pod}`,
  });
}

/** Follows the recovery Job until stopped; logs each new pod and each failed attempt. */
function followJob(w: RestoreWait): { stop: () => void; lastReason: () => string | undefined } {
  const job = recoveryJobName(w.name);
  const seen = new Map<string, string>();
  let reason: string | undefined;
  const state = { stopped: false };
  const tick = async () => {
    const pods = await jobPods(w.http, w.namespace, job);
    for (const p of pods) {
      const phase = p.status?.phase ?? 'Pending';
      if (seen.get(p.metadata.name) === phase) continue;
      seen.set(p.metadata.name, phase);
      if (phase === 'Failed') {
        reason = lastError(await podLog(w.http, w.namespace, p.metadata.name, 50)) ?? reason;
        w.logger.info(
          `recovery Job ${job}: pod ${p.metadata.name} failed${reason ? `: ${reason}` : ''}`,
        );
      } else w.logger.info(`recovery Job ${job}: pod ${p.metadata.name} ${oneLine(phase)}`);
    }
  };
  void (async () => {
    while (!state.stopped) {
      await tick().catch(() => undefined);
      await new Promise((r) => setTimeout(r, JOB_POLL_MS));
    }
  })();
  return {
    stop: () => {
      state.stopped = true;
    },
    lastReason: () => reason,
  };
}

export async function waitRestored(w: RestoreWait): Promise<Restored> {
  const progress = new ProgressTracker();
  const job = followJob(w);
  try {
    const seen: { healthy?: RestoredCluster; unrecoverable?: RestoredCluster } = await waitFor(
      w.http,
      {
        collection: collectionPath(CNPG_CLUSTER.apiVersion, CNPG_CLUSTER.kind, w.namespace),
        name: w.name,
        what: `Cluster ${w.name} to restore`,
      },
      {
        deadline: w.deadline,
        now: w.now,
        check: (obj) => {
          const view: RestoredCluster | undefined = obj;
          for (const line of progress.update(view)) w.logger.info(line);
          // A value ends the watch (a throw would only restart it).
          if (view?.status?.phase === UNRECOVERABLE) return { unrecoverable: view };
          return isHealthy(view) ? { healthy: view } : undefined;
        },
        onReconnect: (reason) => {
          w.logger.info(`Watch interrupted (${reason}); resuming`);
        },
      },
    );
    const seenAt = w.now();
    if (seen.unrecoverable) throw new Unrecoverable(seen.unrecoverable);
    if (!seen.healthy) throw new Error('the wait ended with no Cluster');
    return { cluster: seen.healthy, seenAt };
  } catch (error) {
    if (!(error instanceof Unrecoverable) && !(error instanceof WatchTimeout)) throw error;
    throw await restoreFailure(w, error, job.lastReason());
  } finally {
    job.stop();
  }
}

class Unrecoverable extends Error {
  readonly last: RestoredCluster;
  constructor(last: RestoredCluster) {
    super(UNRECOVERABLE);
    this.last = last;
  }
}

async function restoreFailure(
  w: RestoreWait,
  error: Unrecoverable | WatchTimeout,
  reason: string | undefined,
): Promise<DiagnosedError> {
  const last = error.last;
  const job = recoveryJobName(w.name);
  const lines = [await gatherDiagnostics(w.http, w.namespace, w.name, last)];
  let why = reason;
  try {
    const { body } = await w.http.json<JobView | undefined>({
      method: 'GET',
      path: `/apis/batch/v1/namespaces/${w.namespace}/jobs/${job}`,
      allowNotFound: true,
      context: `reading Job ${job}`,
    });
    const s = body?.status;
    lines.push(
      s
        ? `Job ${job}: active ${s.active ?? 0}, failed ${s.failed ?? 0}, succeeded ${s.succeeded ?? 0}`
        : `Job ${job}: not found`,
    );
    const pod = (await jobPods(w.http, w.namespace, job)).at(-1);
    if (pod) {
      const log = await podLog(w.http, w.namespace, pod.metadata.name, 20);
      why ??= lastError(log);
      lines.push(
        `Log tail of pod ${pod.metadata.name}:`,
        ...log
          .split('\n')
          .filter(Boolean)
          .map((l) => `  ${oneLine(l)}`),
      );
      const events = await recentEvents(w.http, w.namespace, [job, pod.metadata.name], 5);
      if (events.length > 0) lines.push('Events of the Job:', ...events.map((e) => `  ${e}`));
    }
  } catch (e) {
    lines.push(
      `(could not read the recovery Job: ${oneLine(e instanceof Error ? e.message : String(e))})`,
    );
  }
  const status = last?.status as { phase?: string; phaseReason?: string } | undefined;
  const phase = status?.phase ?? '(none)';
  const phaseReason = status?.phaseReason;
  const head =
    error instanceof Unrecoverable
      ? `the restore of Cluster ${w.name} failed: ${phase}`
      : `Cluster ${w.name} did not restore within the limit (${w.limit}); phase '${oneLine(phase)}'`;
  return new DiagnosedError(
    `${head}${phaseReason ? ` (${oneLine(phaseReason)})` : ''}${why ? `; recovery Job ${job}: ${why}` : ''}`,
    lines.join('\n'),
    { cause: error },
  );
}
