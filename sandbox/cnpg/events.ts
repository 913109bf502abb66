// core/v1 Events involving a Cluster (or a Backup), with the reasons and messages CNPG
// records (internal/controller/replicas.go, cluster_create.go, backup_controller.go).
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../kube/types.ts';
import { CNPG_API_VERSION, EVENTS, rfc3339 } from './resources.ts';
import type { ControllerContext } from './runtime.ts';

export type EventType = 'Normal' | 'Warning';

/**
 * The same event again (object, type, reason, message): one Event whose count and
 * lastTimestamp grow, as client-go's event recorder aggregates repeats.
 */
function repeat(ctx: Pick<ControllerContext, 'store'>, event: KubeObject, now: string): boolean {
  const inv = event.involvedObject as { uid?: string };
  const same = ctx.store
    .list(EVENTS, event.metadata.namespace)
    .find(
      (e) =>
        (e.involvedObject as { uid?: string } | undefined)?.uid === inv.uid &&
        e.reason === event.reason &&
        e.message === event.message &&
        e.type === event.type,
    );
  if (!same) return false;
  ctx.store.mutate(EVENTS, same.metadata.namespace, same.metadata.name, (e) => {
    e.count = Number(e.count ?? 1) + 1;
    e.lastTimestamp = now;
  });
  return true;
}

export function recordEvent(
  ctx: Pick<ControllerContext, 'store' | 'log'>,
  involved: KubeObject,
  type: EventType,
  reason: string,
  message: string,
): void {
  const now = rfc3339();
  const namespace = involved.metadata.namespace ?? 'default';
  const event: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${involved.metadata.name}.${randomBytes(8).toString('hex')}`, namespace },
    involvedObject: {
      apiVersion: involved.apiVersion || CNPG_API_VERSION,
      kind: involved.kind || 'Cluster',
      name: involved.metadata.name,
      namespace,
      uid: involved.metadata.uid,
      resourceVersion: involved.metadata.resourceVersion,
    },
    reason,
    message,
    type,
    source: { component: 'cloudnative-pg' },
    reportingComponent: 'cloudnative-pg',
    reportingInstance: 'cnpg-controller-manager',
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
  };
  try {
    if (!repeat(ctx, event, now)) ctx.store.create(EVENTS, event);
  } catch (err) {
    ctx.log(
      `event ${reason} for ${namespace}/${involved.metadata.name} not recorded: ${String(err)}`,
    );
  }
  ctx.log(`${namespace}/${involved.metadata.name}: ${type} ${reason}: ${message}`);
}
