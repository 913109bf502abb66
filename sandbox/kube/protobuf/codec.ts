// application/vnd.kubernetes.protobuf as the API server reads and writes it: the 4-byte magic
// "k8s\0", then a runtime.Unknown whose typeMeta names the object and whose raw bytes are the
// object's message (without TypeMeta). Decoding and encoding go through protobufjs with the
// message definitions of schema.ts.
import protobuf from 'protobufjs';
import { ApiError } from '../types.ts';
import { NotEncodable, fromJson, toJson } from './json-mapping.ts';
import { MESSAGES, messageForKind, messageType } from './schema.ts';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, bytes: String, defaults: false };

function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** The JSON object in a protobuf request body (apiVersion and kind from the envelope). */
export function decodeProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC))
    throw badRequest('the protobuf body does not start with the magic bytes "k8s\\x00"');
  const unknown = messageType('Unknown');
  const envelope = unknown.toObject(unknown.decode(body.subarray(4)), {
    ...TO_OBJECT,
    bytes: Buffer,
  }) as { typeMeta?: { apiVersion?: string; kind?: string }; raw?: Buffer };
  const apiVersion = envelope.typeMeta?.apiVersion ?? '';
  const kind = envelope.typeMeta?.kind ?? '';
  const name = messageForKind(apiVersion, kind);
  if (!name)
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the sandbox does not decode ${apiVersion} ${kind} from protobuf; send it as application/json`,
    );
  const raw = envelope.raw ?? Buffer.alloc(0);
  const unknownFields = unknownFieldPaths(name, raw, kind);
  if (unknownFields.length > 0)
    throw badRequest(
      `the sandbox cannot decode field(s) ${unknownFields.join(', ')} of a protobuf ${kind}; ` +
        'send it as application/json',
    );
  const type = messageType(name);
  const plain = type.toObject(type.decode(raw), TO_OBJECT);
  return { apiVersion, kind, ...toJson(name, plain) };
}

/**
 * Field numbers on the wire that the message definitions lack, as `Kind.path#number`:
 * protobufjs skips them silently, and a silently dropped field would be worse than a refusal.
 */
function unknownFieldPaths(name: string, bytes: Uint8Array, path: string): string[] {
  const defs = MESSAGES.get(name) ?? [];
  const reader = protobuf.Reader.create(bytes);
  const found: string[] = [];
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const id = tag >>> 3;
    const def = defs.find((d) => d.id === id);
    if (!def) {
      found.push(`${path}#${id}`);
      reader.skipType(tag & 7);
    } else if ((tag & 7) === 2 && MESSAGES.has(def.type) && def.mapKey === undefined) {
      found.push(...unknownFieldPaths(def.type, reader.bytes(), `${path}.${def.name}`));
    } else if ((tag & 7) === 2 && def.mapKey !== undefined && MESSAGES.has(def.type)) {
      found.push(...unknownInMapEntry(def.type, reader.bytes(), `${path}.${def.name}`));
    } else {
      reader.skipType(tag & 7);
    }
  }
  return found;
}

function unknownInMapEntry(valueType: string, bytes: Uint8Array, path: string): string[] {
  const reader = protobuf.Reader.create(bytes);
  const found: string[] = [];
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 2 && (tag & 7) === 2)
      found.push(...unknownFieldPaths(valueType, reader.bytes(), path));
    else reader.skipType(tag & 7);
  }
  return found;
}

/** The protobuf body for a JSON object, or undefined when the sandbox cannot encode all of it. */
export function encodeProtobuf(obj: Record<string, unknown>): Buffer | undefined {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const name = messageForKind(apiVersion, kind);
  if (!name) return undefined;
  let plain: Record<string, unknown>;
  try {
    plain = fromJson(name, obj);
  } catch (e) {
    if (e instanceof NotEncodable) return undefined;
    throw e;
  }
  const type = messageType(name);
  const raw = type.encode(type.fromObject(plain)).finish();
  const unknown = messageType('Unknown');
  const envelope = unknown.encode(
    unknown.fromObject({
      typeMeta: { apiVersion, kind },
      raw,
      contentEncoding: '',
      contentType: '',
    }),
  );
  return Buffer.concat([MAGIC, envelope.finish()]);
}
