// Validates objects against the real CRD schemas in sandbox/crds/ with ajv. Unknown fields
// are errors (Kubernetes would prune them silently, which would hide a rendering bug),
// except below x-kubernetes-preserve-unknown-fields. CEL rules are not evaluated.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { load } from 'js-yaml';

export interface CrdInfo {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  scope: 'Namespaced' | 'Cluster';
  subresources: { status: boolean; scale: boolean };
  schema: unknown;
  /** additionalPrinterColumns: what `kubectl get` shows (as a Table from the API server). */
  printerColumns: PrinterColumn[];
}

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  format?: string;
  description?: string;
  priority?: number;
}

export interface SchemaError {
  path: string;
  message: string;
}

type Schema = Record<string, unknown>;

interface CrdDoc {
  spec: {
    group: string;
    scope: 'Namespaced' | 'Cluster';
    names: { kind: string; plural: string; singular: string; shortNames?: string[] };
    versions: {
      name: string;
      served: boolean;
      schema: { openAPIV3Schema: Schema };
      subresources?: Record<string, unknown>;
      additionalPrinterColumns?: PrinterColumn[];
    }[];
  };
}

const DEFAULT_DIR = join(import.meta.dirname, '..', 'crds');

export function loadCrds(dir: string = DEFAULT_DIR): CrdInfo[] {
  const crds = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => crdInfos(load(readFileSync(join(dir, f), 'utf8')) as CrdDoc));
  const podMonitor = crds.find(
    (c) => c.group === 'monitoring.coreos.com' && c.kind === 'PodMonitor',
  );
  if (podMonitor) crds.push({ ...podMonitor, group: 'azmonitoring.coreos.com' });
  return crds;
}

function crdInfos(doc: CrdDoc): CrdInfo[] {
  const { group, scope, names } = doc.spec;
  return doc.spec.versions
    .filter((v) => v.served)
    .map((v) => ({
      group,
      version: v.name,
      kind: names.kind,
      plural: names.plural,
      singular: names.singular,
      shortNames: names.shortNames ?? [],
      scope,
      subresources: {
        status: 'status' in (v.subresources ?? {}),
        scale: 'scale' in (v.subresources ?? {}),
      },
      schema: v.schema.openAPIV3Schema,
      printerColumns: v.additionalPrinterColumns ?? [],
    }));
}

export function findCrd(crds: CrdInfo[], apiVersion: string, kind: string): CrdInfo | undefined {
  return crds.find((c) => `${c.group}/${c.version}` === apiVersion && c.kind === kind);
}

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const compiled = new WeakMap<object, ValidateFunction>();

export function validateObject(crds: CrdInfo[], obj: unknown): SchemaError[] {
  const { apiVersion, kind } = (obj ?? {}) as { apiVersion?: unknown; kind?: unknown };
  const crd = findCrd(crds, String(apiVersion), String(kind));
  if (!crd)
    return [{ path: 'kind', message: `no CRD serves ${String(apiVersion)} ${String(kind)}` }];
  const validate = validatorFor(crd.schema as Schema);
  if (validate(obj)) return [];
  return (validate.errors ?? []).map(toSchemaError);
}

function validatorFor(schema: Schema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(structural(schema, true));
    compiled.set(schema, fn);
  }
  return fn;
}

/** Kubernetes structural schema -> JSON Schema for ajv. */
function structural(node: Schema, root = false): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-kubernetes-') || key === 'format') continue;
    out[key] = convertChild(key, value);
  }
  if (node['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (node.properties && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties =
      node.additionalProperties === undefined ? false : out.additionalProperties;
  }
  if (root) {
    out.properties = {
      ...(out.properties as Schema),
      metadata: { type: 'object', required: ['name'] },
    };
  }
  return out;
}

function convertChild(key: string, value: unknown): unknown {
  if (key === 'properties') {
    return Object.fromEntries(
      Object.entries(value as Schema).map(([k, v]) => [k, structural(v as Schema)]),
    );
  }
  if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object'))
    return structural(value as Schema);
  if (key === 'allOf' || key === 'anyOf' || key === 'oneOf')
    return (value as Schema[]).map((v) => structural(v));
  if (key === 'not') return structural(value as Schema);
  return value;
}

function toSchemaError(e: ErrorObject): SchemaError {
  const base = e.instancePath.slice(1).replaceAll('/', '.');
  const extra = e.params as { additionalProperty?: string; missingProperty?: string };
  const field = extra.additionalProperty ?? extra.missingProperty;
  const path = field ? [base, field].filter(Boolean).join('.') : base;
  const message = extra.additionalProperty
    ? 'field not declared in the schema'
    : (e.message ?? 'invalid');
  return { path, message };
}
