// Writes src/cnpg/cluster-spec-schema.json: the Cluster CRD's schema of `spec`, as the JSON
// Schema that ajv checks the `overrides` result against before anything is written. From the
// Kubernetes structural schema: descriptions, defaults and formats dropped (not validated),
// x-kubernetes-int-or-string as integer-or-string, unknown fields refused except below
// x-kubernetes-preserve-unknown-fields (Kubernetes would prune them silently). CEL rules
// (x-kubernetes-validations) are not kept: ajv cannot evaluate them. npm run build runs this;
// test/cnpg/cluster-spec-schema.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCrds } from '../sandbox/kube/crd-schema.ts';

type Schema = Record<string, unknown>;

export const SCHEMA_FILE = join(
  import.meta.dirname,
  '..',
  'src',
  'cnpg',
  'cluster-spec-schema.json',
);

/** JSON Schema keywords that carry over unchanged. */
const KEPT = new Set([
  'type',
  'enum',
  'required',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'nullable',
]);

function convert(node: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (KEPT.has(key)) out[key] = value;
    else if (key === 'properties') out.properties = mapValues(value as Record<string, Schema>);
    else if (key === 'items' || key === 'not') out[key] = convert(value as Schema);
    else if (key === 'additionalProperties')
      out[key] = typeof value === 'object' ? convert(value as Schema) : value;
    else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf')
      out[key] = (value as Schema[]).map(convert);
  }
  if (node['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (node.properties && !preserve && node.additionalProperties === undefined)
    out.additionalProperties = false;
  return out;
}

function mapValues(properties: Record<string, Schema>): Record<string, Schema> {
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, convert(v)]));
}

export function clusterSpecSchemaText(): string {
  const crd = loadCrds().find((c) => c.group === 'postgresql.cnpg.io' && c.kind === 'Cluster');
  const schema = crd?.schema as { properties?: { spec?: Schema } } | undefined;
  if (!schema?.properties?.spec) throw new Error('no Cluster CRD with a spec schema');
  return `${JSON.stringify(convert(schema.properties.spec))}\n`;
}

if (import.meta.main) writeFileSync(SCHEMA_FILE, clusterSpecSchemaText());
