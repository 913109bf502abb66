// Server-side apply with field ownership per manager, and merge / JSON patches.
// Ownership is tracked at leaf-field granularity (lists count as one leaf, as atomic lists
// do in Kubernetes); a field owned by another manager with another value is a conflict.
import { isDeepStrictEqual } from 'node:util';
import { ApiError, type KubeObject } from './types.ts';

type Plain = Record<string, unknown>;
export type Ownership = Map<string, Set<string>>;

/** Joins the keys of a field path; keys may hold dots (parameters, annotations), never NUL. */
export const SEP = '\u0000';
const dotted = (path: string): string => path.split(SEP).join('.');

const isMap = (v: unknown): v is Plain => v !== null && typeof v === 'object' && !Array.isArray(v);
const IGNORED = new Set(
  [
    'apiVersion',
    'kind',
    'metadata.name',
    'metadata.namespace',
    'metadata.resourceVersion',
    'metadata.managedFields',
    'status',
  ].map((p) => p.replace('.', SEP)),
);

export function leafPaths(obj: Plain, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}${SEP}${k}` : k;
    if (IGNORED.has(path)) continue;
    if (isMap(v) && Object.keys(v).length > 0)
      for (const [p, x] of leafPaths(v, path)) out.set(p, x);
    else out.set(path, v);
  }
  return out;
}

function getPath(obj: Plain, path: string): unknown {
  let cur: unknown = obj;
  for (const k of path.split(SEP)) cur = isMap(cur) ? cur[k] : undefined;
  return cur;
}

function setPath(obj: Plain, path: string, value: unknown): void {
  const keys = path.split(SEP);
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (!isMap(cur[k])) cur[k] = {};
    cur = cur[k] as Plain;
  }
  cur[keys[keys.length - 1] ?? ''] = structuredClone(value);
}

function deletePath(obj: Plain, path: string): void {
  const keys = path.split(SEP);
  const parent = getPath(obj, keys.slice(0, -1).join(SEP));
  const target = keys.length === 1 ? obj : parent;
  if (isMap(target)) Reflect.deleteProperty(target, keys[keys.length - 1] ?? '');
}

/** The object after manager applies `applied` to `live` (undefined: create). */
export function serverSideApply(
  live: KubeObject | undefined,
  applied: KubeObject,
  manager: string,
  force: boolean,
  owners: Ownership,
): KubeObject {
  const fields = leafPaths(applied);
  const next = structuredClone(
    (live ?? {
      apiVersion: applied.apiVersion,
      kind: applied.kind,
      metadata: { name: applied.metadata.name },
    }) as Plain,
  );
  const conflicts = [...fields].flatMap(([path, value]) =>
    [...owners]
      .filter(
        ([m, set]) =>
          m !== manager && set.has(path) && !isDeepStrictEqual(getPath(next, path), value),
      )
      .map(([m]) => ({ path, manager: m })),
  );
  if (conflicts.length > 0 && !force) throw conflictError(conflicts);
  for (const c of conflicts) owners.get(c.manager)?.delete(c.path);
  for (const path of owners.get(manager) ?? []) {
    const ownedByOthers = [...owners].some(([m, set]) => m !== manager && set.has(path));
    if (!fields.has(path) && !ownedByOthers) deletePath(next, path);
  }
  for (const [path, value] of fields) setPath(next, path, value);
  owners.set(manager, new Set(fields.keys()));
  return next as KubeObject;
}

function conflictError(conflicts: { path: string; manager: string }[]): ApiError {
  const causes = conflicts.map((c) => ({
    type: 'FieldManagerConflict',
    message: `conflict with "${c.manager}": .${dotted(c.path)}`,
    field: `.${dotted(c.path)}`,
  }));
  const list = causes.map((c) => c.message).join(', ');
  return new ApiError(
    409,
    'Conflict',
    `Apply failed with ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}: ${list}`,
    { causes },
  );
}

/** Records fields changed by a non-apply write as owned by that manager. */
export function recordUpdate(
  before: KubeObject | undefined,
  after: KubeObject,
  manager: string,
  owners: Ownership,
): void {
  const old = before ? leafPaths(before) : new Map<string, unknown>();
  const changed = [...leafPaths(after as Plain)]
    .filter(([p, v]) => !isDeepStrictEqual(old.get(p), v))
    .map(([p]) => p);
  if (changed.length === 0) return;
  for (const [m, set] of owners) if (m !== manager) for (const p of changed) set.delete(p);
  const mine = owners.get(manager) ?? new Set<string>();
  for (const p of changed) mine.add(p);
  owners.set(manager, mine);
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return structuredClone(patch);
  const out: Plain = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) Reflect.deleteProperty(out, k);
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

interface JsonOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

export function jsonPatch(doc: unknown, ops: JsonOp[]): unknown {
  let out = structuredClone(doc);
  for (const op of ops) out = applyOp(out, op);
  return out;
}

function pointer(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function applyOp(doc: unknown, op: JsonOp): unknown {
  const keys = pointer(op.path);
  const last = keys.pop() ?? '';
  let parent: unknown = doc;
  for (const k of keys) parent = (parent as Plain | unknown[])[k as never];
  if (parent === undefined)
    throw new ApiError(422, 'Invalid', `json patch: path ${op.path} does not exist`);
  const container = parent as Plain & unknown[];
  if (op.op === 'test' && !isDeepStrictEqual(container[last as never], op.value))
    throw new ApiError(422, 'Invalid', `json patch test failed at ${op.path}`);
  if (op.op === 'remove') {
    if (Array.isArray(container)) container.splice(Number(last), 1);
    else Reflect.deleteProperty(container, last);
  } else if (op.op === 'add' && Array.isArray(container)) {
    container.splice(last === '-' ? container.length : Number(last), 0, op.value);
  } else if (op.op === 'add' || op.op === 'replace') {
    container[last as never] = op.value;
  } else if (op.op !== 'test') {
    throw new ApiError(422, 'Invalid', `json patch: unsupported op ${op.op}`);
  }
  return doc;
}

/** metadata.managedFields[].fieldsV1 of a set of owned leaf paths. */
export function fieldsV1(paths: Set<string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const p of paths) {
    let cur = root;
    for (const k of p.split(SEP)) cur = (cur[`f:${k}`] ??= {}) as Record<string, unknown>;
  }
  return root;
}
