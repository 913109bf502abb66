// core/v1 Events involving a Cluster (or a Backup), with the reasons and messages CNPG
// records (internal/controller/replicas.go, cluster_create.go, backup_controller.go).
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../kube/types.ts';
import { CNPG_API_VERSION, EVENTS, rfc3339 } from './resources.ts';
import type { ControllerContext } from './runtime.ts';

export type EventType = 'Normal' | 'Warning';

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
    ctx.store.create(EVENTS, event);
  } catch (err) {
    ctx.log(
      `event ${reason} for ${namespace}/${involved.metadata.name} not recorded: ${String(err)}`,
    );
  }
  ctx.log(`${namespace}/${involved.metadata.name}: ${type} ${reason}: ${message}`);
}
