// Carrying out teardown's plan: each group of objects is deleted at once (propagation
// Background, as kubectl does), then, with wait, watched until every object is really gone
// (finalizers such as a LoadBalancer's cleanup or pvc-protection hold them), each with its
// own time. A Cluster counts as gone when its pods and PVCs are gone too.
import type { KubeHttp } from '../kube/http.ts';
import { collectionPath, type KubeObject } from '../kube/resources.ts';
import type { Logger } from '../logging.ts';
import { clusterLeftovers } from './restore-cleanup.ts';
import type { Target } from './teardown-plan.ts';

export interface Deletion {
  /** Kind/name. */
  readonly what: string;
  readonly namespace?: string;
  /** absent: it was gone before this run asked (deleted by someone else meanwhile). */
  readonly outcome: 'deleted' | 'absent' | 'requested';
  /** When the DELETE was sent (ms since the epoch). */
  readonly started: number;
  /** From the DELETE request until it was gone (until the request answered without wait). */
  readonly seconds: number;
  /** What went with it (a Cluster's pods and PVCs). */
  readonly with?: readonly string[];
}

export interface RunDeps {
  readonly http: KubeHttp;
  readonly logger: Logger;
  readonly now: () => number;
  readonly deadline: number;
  readonly wait: boolean;
}

const POLL_MS = 250;

export const describeTarget = (t: Target): string => `${t.kind}/${t.name}`;

function pathOf(t: Target): string {
  return `${collectionPath(t.apiVersion, t.kind, t.namespace)}/${encodeURIComponent(t.name)}`;
}

async function exists(http: KubeHttp, t: Target): Promise<KubeObject | undefined> {
  const { status, body } = await http.json<KubeObject | undefined>({
    method: 'GET',
    path: pathOf(t),
    allowNotFound: true,
    context: `reading ${describeTarget(t)}`,
  });
  return status === 404 ? undefined : body;
}

/** What of `t` is still there: the object itself, and for a Cluster its pods and PVCs. */
async function remaining(http: KubeHttp, t: Target): Promise<string[]> {
  const self = (await exists(http, t)) ? [describeTarget(t)] : [];
  if (t.kind !== 'Cluster' || !t.namespace) return self;
  return [...self, ...(await clusterLeftovers(http, { namespace: t.namespace, name: t.name }))];
}

async function requestDeletion(http: KubeHttp, t: Target): Promise<boolean> {
  const { status } = await http.json({
    method: 'DELETE',
    path: pathOf(t),
    body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
    allowNotFound: true,
    context: `deleting ${describeTarget(t)}`,
  });
  return status !== 404;
}

/** Deletes the targets together and (with wait) waits for each; reports each as it ends. */
export async function deleteAll(
  d: RunDeps,
  targets: readonly Target[],
  onDone: (deletion: Deletion) => void,
): Promise<Deletion[]> {
  const started = d.now();
  const before = new Map<Target, readonly string[]>();
  for (const t of targets)
    if (t.kind === 'Cluster' && t.namespace)
      before.set(t, await clusterLeftovers(d.http, { namespace: t.namespace, name: t.name }));
  const requested = await Promise.all(targets.map((t) => requestDeletion(d.http, t)));
  const results = await Promise.all(
    targets.map(async (t, i) => {
      const deletion = await settle(d, t, requested[i] === true, started, before.get(t));
      onDone(deletion);
      return deletion;
    }),
  );
  return results;
}

async function settle(
  d: RunDeps,
  t: Target,
  requested: boolean,
  started: number,
  went: readonly string[] | undefined,
): Promise<Deletion> {
  const base = {
    what: describeTarget(t),
    started,
    ...(t.namespace ? { namespace: t.namespace } : {}),
    ...(went && went.length > 0 ? { with: went } : {}),
  };
  const seconds = () => (d.now() - started) / 1000;
  if (!requested) return { ...base, outcome: 'absent', seconds: seconds() };
  if (!d.wait) {
    d.logger.info(`${base.what}: deletion requested (wait: false)`);
    return { ...base, outcome: 'requested', seconds: seconds() };
  }
  let left = await remaining(d.http, t);
  let reported = 0;
  while (left.length > 0) {
    if (d.now() >= d.deadline)
      throw new Error(
        `${base.what} is still terminating at the timeout: ${left.join(', ')} ${left.length === 1 ? 'is' : 'are'} not gone yet (check their finalizers and events: kubectl describe -n ${t.namespace ?? ''} ${left[0] ?? ''})`,
      );
    if (d.now() - started - reported >= 10_000) {
      reported = d.now() - started;
      d.logger.info(
        `${base.what}: still terminating after ${seconds().toFixed(0)} s: ${left.join(', ')}`,
      );
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
    left = await remaining(d.http, t);
  }
  const s = seconds();
  d.logger.info(
    `${base.what}: deleted in ${s.toFixed(1)} s${went && went.length > 0 ? ` (with ${went.join(', ')})` : ''}`,
  );
  return { ...base, outcome: 'deleted', seconds: s };
}
