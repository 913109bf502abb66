// Between the JSON form of Kubernetes objects and the plain form of protobufjs messages (as
// Type.toObject gives and Type.fromObject takes): Go's omitempty for non-pointer fields,
// embedded structs, and the well-known types (Time, MicroTime, Quantity, IntOrString,
// FieldsV1, RawExtension) that have a JSON form of their own.
import { MESSAGES, SCALARS, isTopLevel, type FieldDef } from './schema.ts';

type Plain = Record<string, unknown>;

/** The object has a field or value the sandbox's messages cannot carry (path names it). */
export class NotEncodable extends Error {
  override name = 'NotEncodable';
}

const isMap = (v: unknown): v is Plain => v !== null && typeof v === 'object' && !Array.isArray(v);

function fields(type: string): FieldDef[] {
  const defs = MESSAGES.get(type);
  if (!defs) throw new Error(`no message ${type}`);
  return defs;
}

// ---- protobuf (plain) -> JSON ----

/** JSON object of a decoded message (toObject with longs: Number, bytes: String, defaults off). */
export function toJson(type: string, plain: Plain): Plain {
  const out: Plain = {};
  for (const f of fields(type)) {
    const v = plain[f.name];
    if (v === undefined || v === null) continue;
    if (f.mapKey !== undefined) {
      const entries = Object.entries(v as Plain).map(([k, x]) => [k, valueToJson(f.type, x, true)]);
      if (entries.length > 0) out[f.name] = Object.fromEntries(entries);
    } else if (f.repeated) {
      const items = (v as unknown[]).map((x) => valueToJson(f.type, x, true));
      if (items.length > 0) out[f.name] = items;
    } else if (f.inline) {
      Object.assign(out, toJson(f.type, v as Plain));
    } else {
      const j = valueToJson(f.type, v, f.pointer);
      if (j !== undefined) out[f.name] = j;
    }
  }
  return out;
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

function timeToJson(v: Plain, micro: boolean): string | undefined {
  const seconds = Number(v.seconds ?? 0);
  const nanos = Number(v.nanos ?? 0);
  if (seconds === 0 && nanos === 0) return undefined;
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (!micro) return `${base}Z`;
  return `${base}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

function rawJson(base64: unknown): unknown {
  const text = Buffer.from(typeof base64 === 'string' ? base64 : '', 'base64').toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

function valueToJson(type: string, v: unknown, keepZero: boolean): unknown {
  if (SCALARS.has(type)) return !keepZero && isZero(v) ? undefined : v;
  const m = v as Plain;
  switch (type) {
    case 'Time':
    case 'MicroTime':
      return timeToJson(m, type === 'MicroTime');
    case 'Quantity':
      return m.string === undefined || (m.string === '' && !keepZero) ? undefined : m.string;
    case 'IntOrString': {
      const value = Number(m.type ?? 0) === 1 ? (m.strVal ?? '') : Number(m.intVal ?? 0);
      return !keepZero && value === 0 ? undefined : value;
    }
    case 'FieldsV1':
      return rawJson(m.Raw);
    case 'RawExtension':
      return rawJson(m.raw);
    default:
      return toJson(type, m);
  }
}

// ---- JSON -> protobuf (plain) ----

/** The plain message for a JSON object; throws NotEncodable for what the messages lack. */
export function fromJson(type: string, json: unknown, path = ''): Plain {
  if (!isMap(json)) throw new NotEncodable(`${path || '.'}: expected an object`);
  const out: Plain = {};
  const defs = fields(type);
  const claimed = new Set<string>();
  for (const f of defs.filter((d) => d.inline)) {
    const keys = new Set(fields(f.type).flatMap((d) => jsonKeys(d)));
    const part = Object.fromEntries(Object.entries(json).filter(([k]) => keys.has(k)));
    for (const k of Object.keys(part)) claimed.add(k);
    if (Object.keys(part).length > 0) out[f.name] = fromJson(f.type, part, path);
  }
  for (const [key, value] of Object.entries(json)) {
    if (claimed.has(key) || value === null || value === undefined) continue;
    if (isTopLevel(type) && (key === 'apiVersion' || key === 'kind')) continue;
    const f = defs.find((d) => !d.inline && d.name === key);
    if (!f) throw new NotEncodable(`${path}.${key}: no such field in ${type}`);
    out[f.name] = fieldFromJson(f, value, `${path}.${key}`);
  }
  return out;
}

function jsonKeys(f: FieldDef): string[] {
  return f.inline ? fields(f.type).flatMap((d) => jsonKeys(d)) : [f.name];
}

function fieldFromJson(f: FieldDef, value: unknown, path: string): unknown {
  if (f.mapKey !== undefined) {
    if (!isMap(value)) throw new NotEncodable(`${path}: expected a map`);
    return Object.fromEntries(
      Object.entries(value).map(([k, x]) => [k, valueFromJson(f.type, x, `${path}.${k}`)]),
    );
  }
  if (f.repeated) {
    if (!Array.isArray(value)) throw new NotEncodable(`${path}: expected a list`);
    return value.map((x, i) => valueFromJson(f.type, x, `${path}[${i}]`));
  }
  return valueFromJson(f.type, value, path);
}

function timeFromJson(value: unknown, path: string): Plain {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new NotEncodable(`${path}: not a time`);
  const fraction = /\.(\d+)/.exec(value as string)?.[1] ?? '';
  const nanos = Number(fraction.padEnd(9, '0').slice(0, 9));
  return { seconds: Math.floor(ms / 1000), nanos };
}

function scalarFromJson(type: string, value: unknown, path: string): unknown {
  const ok =
    type === 'string' || type === 'bytes'
      ? typeof value === 'string'
      : type === 'bool'
        ? typeof value === 'boolean'
        : Number.isInteger(value);
  if (!ok) throw new NotEncodable(`${path}: not a ${type}`);
  return value;
}

function valueFromJson(type: string, value: unknown, path: string): unknown {
  if (SCALARS.has(type)) return scalarFromJson(type, value, path);
  switch (type) {
    case 'Time':
    case 'MicroTime':
      return timeFromJson(value, path);
    case 'Quantity':
      if (typeof value !== 'string' && typeof value !== 'number')
        throw new NotEncodable(`${path}: not a quantity`);
      return { string: String(value) };
    case 'IntOrString':
      if (typeof value === 'string') return { type: 1, strVal: value };
      return { type: 0, intVal: scalarFromJson('int32', value, path) };
    case 'FieldsV1':
      return { Raw: Buffer.from(JSON.stringify(value)).toString('base64') };
    case 'RawExtension':
      return { raw: Buffer.from(JSON.stringify(value)).toString('base64') };
    default:
      return fromJson(type, value, path);
  }
}
