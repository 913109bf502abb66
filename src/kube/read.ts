// Reading objects by reference: one object (undefined when there is none) or a collection,
// optionally by label. Lists leave apiVersion and kind out of their items; these fill them in.
import type { KubeHttp } from './http.ts';
import { collectionPath, type KubeObject } from './resources.ts';

/** An object by kind and name; namespace undefined for cluster-scoped kinds. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export type KindRef = Pick<ObjectRef, 'apiVersion' | 'kind'>;

export const describeRef = (r: ObjectRef): string => `${r.kind}/${r.name}`;

export const refOf = (o: KubeObject): ObjectRef => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
  name: o.metadata.name,
});

export function refPath(r: ObjectRef): string {
  return `${collectionPath(r.apiVersion, r.kind, r.namespace)}/${encodeURIComponent(r.name)}`;
}

/** The object, or undefined when it does not exist. */
export async function readObject<T extends KubeObject = KubeObject>(
  http: KubeHttp,
  r: ObjectRef,
): Promise<T | undefined> {
  const { status, body } = await http.json<T | undefined>({
    method: 'GET',
    path: refPath(r),
    allowNotFound: true,
    context: `reading ${describeRef(r)}${r.namespace ? ` in namespace ${r.namespace}` : ''}`,
  });
  return status === 404 ? undefined : body;
}

/** The objects of a kind in a namespace (every namespace when undefined), by label. */
export async function listObjects(
  http: KubeHttp,
  kind: KindRef,
  namespace: string | undefined,
  labelSelector?: string,
): Promise<KubeObject[]> {
  const { body } = await http.json<{ items: KubeObject[] }>({
    method: 'GET',
    path: collectionPath(kind.apiVersion, kind.kind, namespace),
    query: { labelSelector },
    context: `listing ${kind.kind}s${namespace ? ` in namespace ${namespace}` : ''}${labelSelector ? ` labelled ${labelSelector}` : ''}`,
  });
  return body.items.map((o) => ({ ...o, apiVersion: kind.apiVersion, kind: kind.kind }));
}
