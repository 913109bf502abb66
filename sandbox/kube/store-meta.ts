// Metadata rules of the API server the store applies: which fields it owns, what bumps
// generation, the NotFound error, and the default grace period of a deletion.
import { ApiError, type KubeObject, type ResourceRef } from './types.ts';

export const refKey = (ref: ResourceRef): string => `${ref.group}/${ref.plural}`;
export const POD_KEY = '/pods';

export function notFound(ref: ResourceRef, name: string): ApiError {
  return new ApiError(
    404,
    'NotFound',
    `${ref.plural}${ref.group ? `.${ref.group}` : ''} "${name}" not found`,
    { name, kind: ref.plural },
  );
}

/** Everything but metadata and status: what bumps metadata.generation. */
export function body(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}

/** A pod's own terminationGracePeriodSeconds (30 when unset); 0 for other kinds. */
export function defaultGrace(ref: ResourceRef, obj: KubeObject): number {
  if (refKey(ref) !== POD_KEY) return 0;
  const grace = obj.spec?.terminationGracePeriodSeconds;
  return typeof grace === 'number' ? grace : 30;
}

/** Metadata the server owns, carried over from the live object. */
export function pick(live: KubeObject): Partial<KubeObject['metadata']> {
  const m = live.metadata;
  return {
    uid: m.uid,
    creationTimestamp: m.creationTimestamp,
    generation: m.generation,
    resourceVersion: m.resourceVersion,
    ...(m.deletionTimestamp
      ? {
          deletionTimestamp: m.deletionTimestamp,
          deletionGracePeriodSeconds: m.deletionGracePeriodSeconds,
        }
      : {}),
  };
}
