// Deleting objects and waiting until they are really gone, as teardown and restore-verify's
// cleanup need it: each group is deleted at once (propagation Background, as kubectl does),
// then, with wait, watched until every object is gone (finalizers such as a LoadBalancer's
// cleanup or pvc-protection hold them), each with its own time. A Cluster counts as gone when
// its pods (instances and Job pods) and PVCs are gone too; on a real cluster PVCs linger
// behind pvc-protection until their pods are gone.
import type { KubeHttp } from '../kube/http.ts';
import { describeRef, listObjects, readObject, refPath, type ObjectRef } from '../kube/read.ts';
import type { Logger } from '../logging.ts';

export interface Deletion {
  /** Kind/name. */
  readonly what: string;
  readonly namespace?: string;
  /**
   * absent: it was gone before this run asked (deleted by someone else meanwhile);
   * requested: asked for, not waited for (wait: false).
   */
  readonly outcome: 'deleted' | 'absent' | 'requested';
  /** When the DELETE was sent (ms since the epoch). */
  readonly started: number;
  /** From the DELETE request until it was gone (until the request answered without wait). */
  readonly seconds: number;
  /** What went with it (a Cluster's pods and PVCs). */
  readonly with?: readonly string[];
}

export interface DeletionDeps {
  readonly http: KubeHttp;
  readonly logger: Logger;
  readonly now: () => number;
  readonly deadline: number;
  readonly wait: boolean;
}

const POLL_MS = 250;

/** The pods and PVCs of a Cluster still there, as pod/<name>, pvc/<name>. */
export async function clusterLeftovers(
  http: KubeHttp,
  t: { readonly namespace: string; readonly name: string },
): Promise<string[]> {
  const selector = `cnpg.io/cluster=${t.name}`;
  const [pods, pvcs] = await Promise.all([
    listObjects(http, { apiVersion: 'v1', kind: 'Pod' }, t.namespace, selector),
    listObjects(http, { apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, t.namespace, selector),
  ]);
  return [
    ...pods.map((p) => `pod/${p.metadata.name}`),
    ...pvcs.map((p) => `pvc/${p.metadata.name}`),
  ];
}

/** What of `t` is still there: the object itself, and for a Cluster its pods and PVCs. */
async function remaining(http: KubeHttp, t: ObjectRef): Promise<string[]> {
  const self = (await readObject(http, t)) ? [describeRef(t)] : [];
  if (t.kind !== 'Cluster' || !t.namespace) return self;
  return [...self, ...(await clusterLeftovers(http, { namespace: t.namespace, name: t.name }))];
}

async function requestDeletion(http: KubeHttp, t: ObjectRef): Promise<boolean> {
  const { status } = await http.json({
    method: 'DELETE',
    path: refPath(t),
    body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
    allowNotFound: true,
    context: `deleting ${describeRef(t)}`,
  });
  return status !== 404;
}

/** Deletes the targets together and (with wait) waits for each; reports each as it ends. */
export async function deleteAll(
  d: DeletionDeps,
  targets: readonly ObjectRef[],
  onDone: (deletion: Deletion) => void = () => undefined,
): Promise<Deletion[]> {
  const started = d.now();
  const before = new Map<ObjectRef, readonly string[]>();
  for (const t of targets)
    if (t.kind === 'Cluster' && t.namespace)
      before.set(t, await clusterLeftovers(d.http, { namespace: t.namespace, name: t.name }));
  const requested = await Promise.all(targets.map((t) => requestDeletion(d.http, t)));
  return Promise.all(
    targets.map(async (t, i) => {
      const deletion = await settle(d, t, requested[i] === true, started, before.get(t));
      onDone(deletion);
      return deletion;
    }),
  );
}

/**
 * Waits (with wait) until the object and what goes with it are gone. An object that was
 * already gone is still waited for: its pods may be terminating from an earlier deletion.
 */
async function settle(
  d: DeletionDeps,
  t: ObjectRef,
  requested: boolean,
  started: number,
  went: readonly string[] | undefined,
): Promise<Deletion> {
  const base = {
    what: describeRef(t),
    started,
    ...(t.namespace ? { namespace: t.namespace } : {}),
    ...(went && went.length > 0 ? { with: went } : {}),
  };
  const seconds = () => (d.now() - started) / 1000;
  if (!d.wait) {
    if (requested) d.logger.info(`${base.what}: deletion requested (wait: false)`);
    return { ...base, outcome: requested ? 'requested' : 'absent', seconds: seconds() };
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
  if (!requested) return { ...base, outcome: 'absent', seconds: s };
  d.logger.info(
    `${base.what}: deleted in ${s.toFixed(1)} s${went && went.length > 0 ? ` (with ${went.join(', ')})` : ''}`,
  );
  return { ...base, outcome: 'deleted', seconds: s };
}
