// The validating admission webhooks the sandbox's API server calls, as a cluster with the
// CNPG operator installed has them registered (ValidatingWebhookConfiguration): by group and
// resource, on create (live undefined) and update.
import { reviewCluster } from '../cnpg/cluster-webhook.ts';
import type { ApiError, KubeObject, ResourceRef } from './types.ts';

export function validatingWebhook(
  type: ResourceRef,
  obj: KubeObject,
  live: KubeObject | undefined,
): ApiError | undefined {
  if (type.group === 'postgresql.cnpg.io' && type.plural === 'clusters')
    return reviewCluster(obj, live);
  return undefined;
}
