// The API server's defaulting of the built-in kinds that users create through kubectl, where a
// client would see the difference: Secret.stringData folded into data and type Opaque;
// a Namespace Active with the kubernetes finalizer; a Service's type, session affinity, port
// protocol and target port ([k8s.io/kubernetes] pkg/apis/core/v1/defaults.go, the Secret and
// Namespace registry strategies).
import type { ResourceType } from './resources.ts';
import type { KubeObject } from './types.ts';

type Plain = Record<string, unknown>;

function secret(obj: KubeObject): void {
  obj.type ??= 'Opaque';
  const stringData = obj.stringData as Record<string, string> | undefined;
  if (!stringData) return;
  const data = { ...(obj.data as Record<string, string> | undefined) };
  for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(v).toString('base64');
  obj.data = data;
  delete obj.stringData;
}

function namespace(obj: KubeObject): void {
  obj.spec = { finalizers: ['kubernetes'], ...obj.spec };
  obj.status = { phase: 'Active', ...obj.status };
}

function service(obj: KubeObject): void {
  const spec = (obj.spec ??= {}) as Plain;
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  for (const port of (spec.ports ?? []) as Plain[]) {
    port.protocol ??= 'TCP';
    port.targetPort ??= port.port;
  }
}

/** Defaults `obj` of type `t` in place: apiVersion and kind from the URL, as the API server's
 * decoder fills them, then the core/v1 defaults. */
export function applyDefaults(t: ResourceType, obj: KubeObject): void {
  obj.apiVersion ||= t.group ? `${t.group}/${t.version}` : t.version;
  obj.kind ||= t.kind;
  if (t.group !== '' || t.crd) return;
  if (t.kind === 'Secret') secret(obj);
  else if (t.kind === 'Namespace') namespace(obj);
  else if (t.kind === 'Service') service(obj);
}
