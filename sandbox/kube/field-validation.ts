// Server-side field validation of custom resources, as the API server does it for the
// fieldValidation query parameter: Strict refuses unknown fields, Warn (the default) drops them
// and answers a Warning per field, Ignore drops them silently. Server-side apply refuses
// unknown fields whatever the parameter (structured-merge-diff cannot type the patch).
import { validateObject, type CrdInfo, type SchemaError } from './crd-schema.ts';
import type { ResourceType } from './resources.ts';
import { ApiError, type KubeObject } from './types.ts';

export type Directive = 'Strict' | 'Warn' | 'Ignore';
const NOT_DECLARED = 'field not declared in the schema';

export function fieldValidation(query: URLSearchParams, options: string): Directive {
  const value = query.get('fieldValidation') ?? '';
  if (value === '') return 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw new ApiError(
    422,
    'Invalid',
    `${options}.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "${value}": ` +
      'supported values: "Ignore", "Strict", "Warn"',
  );
}

/** `spec.a.0.b` as the API server prints it: `spec.a[0].b`. */
function goPath(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

export interface Checked {
  /** Paths of unknown fields (dotted, as in the schema errors). */
  unknown: string[];
  /** Every other schema error. */
  invalid: SchemaError[];
}

export function check(crds: CrdInfo[], obj: KubeObject): Checked {
  const { status: _status, ...rest } = obj;
  const errors = validateObject(crds, rest);
  return {
    unknown: errors.filter((e) => e.message === NOT_DECLARED).map((e) => e.path),
    invalid: errors.filter((e) => e.message !== NOT_DECLARED),
  };
}

/** Removes the fields at the given dotted paths (what the API server's pruning does). */
export function prune(obj: KubeObject, paths: string[]): void {
  for (const path of paths) {
    const keys = path.split('.');
    const last = keys.pop() ?? '';
    let cur: unknown = obj;
    for (const k of keys) cur = (cur as Record<string, unknown> | undefined)?.[k];
    if (cur && typeof cur === 'object') Reflect.deleteProperty(cur, last);
  }
}

const strictError = (unknown: string[]): string =>
  `strict decoding error: ${unknown.map((p) => `unknown field "${goPath(p)}"`).join(', ')}`;

export const unknownFieldWarnings = (unknown: string[]): string[] =>
  unknown.map((p) => `unknown field "${goPath(p)}"`);

/** POST and PUT with Strict: the body cannot be decoded into the kind. */
export function strictBodyError(t: ResourceType, unknown: string[]): ApiError {
  return new ApiError(
    400,
    'BadRequest',
    `${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: ${strictError(unknown)}`,
  );
}

/** Merge and JSON patches with Strict: the patched object is invalid. */
export function strictPatchError(patched: KubeObject, unknown: string[]): ApiError {
  const message = `Invalid value: ${JSON.stringify(JSON.stringify(patched))}: ${strictError(unknown)}`;
  return new ApiError(422, 'Invalid', ` "" is invalid: patch: ${message}`, {
    causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }],
  });
}

/** Server-side apply of unknown fields: structured-merge-diff's error, a 500 without reason. */
export function typedPatchError(t: ResourceType, applied: KubeObject, unknown: string[]): ApiError {
  const errors = unknown.map((p) => `.${goPath(p)}: field not declared in schema`);
  const text = errors.length === 1 ? (errors[0] ?? '') : ['errors:', ...errors].join('\n  ');
  const gvk = `${t.group}/${t.version}, Kind=${t.kind}`;
  const nn = `${applied.metadata.namespace ?? ''}/${applied.metadata.name}`;
  return new ApiError(500, '', `failed to create typed patch object (${nn}; ${gvk}): ${text}`);
}

/** The 422 of schema validation (types, enums, required, patterns). */
export function invalidError(t: ResourceType, obj: KubeObject, errors: SchemaError[]): ApiError {
  const causes = errors.map((e) => ({
    reason: 'FieldValueInvalid',
    message: `Invalid value: ${e.message}`,
    field: goPath(e.path),
  }));
  const list = errors.map((e) => `${goPath(e.path)}: Invalid value: ${e.message}`).join(', ');
  return new ApiError(
    422,
    'Invalid',
    `${t.kind}.${t.group} "${obj.metadata.name}" is invalid: ${list}`,
    { name: obj.metadata.name, group: t.group, kind: t.kind, causes },
  );
}
