// Parses the message notation of meta-messages.ts / core-messages.ts into field definitions and
// into the protobufjs Root the codec encodes and decodes with.
import protobuf from 'protobufjs';
import { CORE_KINDS, CORE_MESSAGES } from './core-messages.ts';
import { META_MESSAGES } from './meta-messages.ts';

export interface FieldDef {
  /** Field name in the protobufjs message (the JSON name, except for embedded fields). */
  name: string;
  id: number;
  /** Element type (value type for maps). */
  type: string;
  repeated: boolean;
  /** A Go pointer: a present zero value is kept in JSON. */
  pointer: boolean;
  /** Embedded struct: its fields appear in the parent's JSON object. */
  inline: boolean;
  mapKey?: string;
}

export const SCALARS = new Set(['string', 'int32', 'int64', 'bool', 'bytes']);

function parseField(text: string): FieldDef {
  const m = /^(\w+)=(\d+) (.+)$/.exec(text.trim());
  if (!m?.[1] || !m[2] || !m[3]) throw new Error(`bad field definition: ${text}`);
  const [, name, id, spec] = m;
  const map = /^\{(\w+):(\w+)\}$/.exec(spec);
  const base = { name, id: Number(id), repeated: false, pointer: false, inline: false };
  if (map?.[1] && map[2]) return { ...base, type: map[2], mapKey: map[1] };
  if (spec.startsWith('[]')) return { ...base, type: spec.slice(2), repeated: true };
  if (spec.startsWith('*')) return { ...base, type: spec.slice(1), pointer: true };
  if (spec.startsWith('~')) return { ...base, type: spec.slice(1), inline: true };
  return { ...base, type: spec };
}

function allMessages(): Record<string, string> {
  const lists = Object.fromEntries(
    CORE_KINDS.map((k) => [`${k}List`, `metadata=1 ListMeta; items=2 []${k}`]),
  );
  return { ...META_MESSAGES, ...CORE_MESSAGES, ...lists };
}

export const MESSAGES: ReadonlyMap<string, FieldDef[]> = new Map(
  Object.entries(allMessages()).map(([name, text]) => [
    name,
    text
      .split(';')
      .filter((f) => f.trim())
      .map(parseField),
  ]),
);

function descriptor(fields: FieldDef[]): protobuf.INamespace {
  const out: Record<string, protobuf.IField & { keyType?: string }> = {};
  for (const f of fields) {
    out[f.name] = {
      id: f.id,
      type: f.type,
      ...(f.repeated ? { rule: 'repeated' } : {}),
      ...(f.mapKey ? { keyType: f.mapKey } : {}),
    };
  }
  return { fields: out } as protobuf.INamespace;
}

export const ROOT: protobuf.Root = protobuf.Root.fromJSON({
  nested: {
    k8s: {
      nested: Object.fromEntries([...MESSAGES].map(([name, fields]) => [name, descriptor(fields)])),
    },
  },
});

export function messageType(name: string): protobuf.Type {
  return ROOT.lookupType(`k8s.${name}`);
}

/** The message of a top-level object (`kind` as in the envelope), if the sandbox defines one. */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  const core = apiVersion === 'v1' || apiVersion === 'meta.k8s.io/v1';
  const coordination = apiVersion === 'coordination.k8s.io/v1';
  if (core && ['Status', 'DeleteOptions'].includes(kind)) return kind;
  if (apiVersion === 'v1' && MESSAGES.has(kind) && isKind(kind)) return kind;
  if (coordination && (kind === 'Lease' || kind === 'LeaseList')) return kind;
  return undefined;
}

function isKind(name: string): boolean {
  const base = name.endsWith('List') ? name.slice(0, -4) : name;
  return (CORE_KINDS as readonly string[]).includes(base);
}

/** Messages that are whole objects: their JSON carries apiVersion and kind, protobuf does not. */
export function isTopLevel(name: string): boolean {
  return isKind(name) || ['Status', 'DeleteOptions', 'Lease', 'LeaseList'].includes(name);
}
