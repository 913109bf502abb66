// OpenAPI schemas of the kinds the sandbox serves, named as the API server names them
// (io.k8s.api.core.v1.Pod, io.cnpg.postgresql.v1.Cluster): custom resources from their CRD's
// openAPIV3Schema with metadata as a reference to ObjectMeta; built-in kinds from the protobuf
// message definitions (the same field names and types; no descriptions).
import { CORE_MESSAGES } from './protobuf/core-messages.ts';
import { MESSAGES, SCALARS, type FieldDef } from './protobuf/schema.ts';
import type { ResourceType } from './resources.ts';

export type Schema = Record<string, unknown>;

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const SPECIAL: Record<string, string> = {
  Quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  IntOrString: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  RawExtension: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
};
const COORDINATION = new Set(['Lease', 'LeaseSpec', 'LeaseList']);

/** The definition name of a protobuf message. */
export function definitionName(message: string): string {
  if (SPECIAL[message]) return SPECIAL[message];
  if (COORDINATION.has(message)) return `io.k8s.api.coordination.v1.${message}`;
  if (message in CORE_MESSAGES || message.endsWith('List')) return `io.k8s.api.core.v1.${message}`;
  return `${META}.${message}`;
}

/** The definition name of a kind (reversed group, as the API server's namer does). */
export function kindDefinition(t: {
  group: string;
  version: string;
  kind: string;
  crd?: unknown;
}): string {
  if (!t.crd && t.group === '') return `io.k8s.api.core.v1.${t.kind}`;
  if (!t.crd && t.group === 'coordination.k8s.io') return `io.k8s.api.coordination.v1.${t.kind}`;
  const group = t.group.split('.').reverse().join('.');
  return `${group}.${t.version}.${t.kind}`;
}

type Ref = (name: string) => Schema;

const TYPE_META: Schema = {
  apiVersion: {
    type: 'string',
    description: 'The versioned schema of this representation of an object (group/version).',
  },
  kind: { type: 'string', description: 'The REST resource this object represents, in CamelCase.' },
};

function special(message: string): Schema | undefined {
  switch (message) {
    case 'Time':
    case 'MicroTime':
      return { type: 'string', format: 'date-time' };
    case 'Quantity':
      return { type: 'string', format: 'quantity' };
    case 'IntOrString':
      return { type: 'string', format: 'int-or-string' };
    case 'FieldsV1':
    case 'RawExtension':
      return { type: 'object' };
    default:
      return undefined;
  }
}

function scalar(type: string): Schema {
  if (type === 'int32' || type === 'int64') return { type: 'integer', format: type };
  if (type === 'bool') return { type: 'boolean' };
  if (type === 'bytes') return { type: 'string', format: 'byte' };
  return { type: 'string' };
}

function element(type: string, ref: Ref): Schema {
  return SCALARS.has(type) ? scalar(type) : ref(definitionName(type));
}

function properties(message: string, ref: Ref): Schema {
  const out: Schema = {};
  for (const f of MESSAGES.get(message) ?? []) {
    if (f.inline) Object.assign(out, properties(f.type, ref));
    else out[f.name] = fieldSchema(f, ref);
  }
  return out;
}

function fieldSchema(f: FieldDef, ref: Ref): Schema {
  const item = element(f.type, ref);
  if (f.mapKey !== undefined) return { type: 'object', additionalProperties: item };
  if (f.repeated) return { type: 'array', items: item };
  return item;
}

/** Schema of a protobuf message, and the messages it refers to (added to `out`). */
export function messageSchemas(root: string, ref: Ref, out: Map<string, Schema>): void {
  const pending = [root];
  while (pending.length > 0) {
    const message = pending.pop() ?? '';
    const name = definitionName(message);
    if (out.has(name)) continue;
    const fixed = special(message);
    if (fixed) {
      out.set(name, fixed);
      continue;
    }
    out.set(name, { type: 'object', properties: properties(message, ref) });
    for (const f of MESSAGES.get(message) ?? [])
      if (!SCALARS.has(f.type) && !pending.includes(f.type)) pending.push(f.type);
  }
}

export function gvkExtension(t: { group: string; version: string; kind: string }): Schema {
  return { group: t.group, kind: t.kind, version: t.version };
}

/** The kind's own schema: the CRD's, a message's, or (a kind without either) just its meta. */
export function kindSchema(t: ResourceType, ref: Ref, out: Map<string, Schema>): Schema {
  const metadata = {
    $ref: ref(`${META}.ObjectMeta`).$ref,
    description: "Standard object's metadata.",
  };
  let schema: Schema;
  if (t.crd) {
    const crd = structuredClone(t.crd.schema) as Schema;
    const props = (crd.properties ?? {}) as Schema;
    schema = { ...crd, properties: { ...TYPE_META, ...props, metadata } };
  } else if (MESSAGES.has(t.kind)) {
    messageSchemas(t.kind, ref, out);
    const own = out.get(kindDefinition(t)) ?? {};
    schema = { ...own, properties: { ...TYPE_META, ...(own.properties as Schema), metadata } };
  } else {
    schema = {
      type: 'object',
      properties: { ...TYPE_META, metadata, spec: { type: 'object' }, status: { type: 'object' } },
    };
  }
  messageSchemas('ObjectMeta', ref, out);
  return { ...schema, 'x-kubernetes-group-version-kind': [gvkExtension(t)] };
}

export function listSchema(t: ResourceType, ref: Ref, out: Map<string, Schema>): Schema {
  messageSchemas('ListMeta', ref, out);
  return {
    type: 'object',
    required: ['items'],
    properties: {
      ...TYPE_META,
      items: { type: 'array', items: ref(kindDefinition(t)) },
      metadata: ref(`${META}.ListMeta`),
    },
    'x-kubernetes-group-version-kind': [gvkExtension({ ...t, kind: `${t.kind}List` })],
  };
}
