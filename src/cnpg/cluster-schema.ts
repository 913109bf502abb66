// The rendered Cluster spec checked against the CNPG Cluster CRD's schema (generated into
// cluster-spec-schema.json by scripts/gen-cluster-spec-schema.ts). ajv and the schema load
// only when a run has overrides to check, so the cold start of the action does not grow.
import type { Ajv as AjvClass, ValidateFunction } from 'ajv';

let validator: Promise<ValidateFunction> | undefined;

/**
 * ajv is CommonJS whose module.exports is the class: Node's ESM loader also offers the named
 * export, the bundle's interop only the default. Either way, the class.
 */
type AjvModule = { Ajv?: typeof AjvClass; default?: typeof AjvClass | { Ajv?: typeof AjvClass } };

function ajvClass(mod: AjvModule): typeof AjvClass {
  const found = mod.Ajv ?? (typeof mod.default === 'function' ? mod.default : mod.default?.Ajv);
  if (!found) throw new Error('ajv does not export its class');
  return found;
}

async function compile(): Promise<ValidateFunction> {
  const [mod, schema] = await Promise.all([
    import('ajv') as Promise<unknown> as Promise<AjvModule>,
    import('./cluster-spec-schema.json', { with: { type: 'json' } }),
  ]);
  const Ajv = ajvClass(mod);
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  return ajv.compile(schema.default);
}

/** Loads and compiles the schema ahead of its first use (e.g. while waiting on the cluster). */
export function warmClusterSchema(): void {
  validator ??= compile();
  validator.catch(() => undefined);
}

/** spec.a.b[0].c from a JSON pointer /a/b/0/c. */
function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, p) => (/^\d+$/.test(p) ? `${path}[${p}]` : `${path}.${p}`), 'spec');
}

/** What the CRD schema refuses in a Cluster spec, one line per problem (none when valid). */
export async function clusterSpecSchemaProblems(spec: unknown, limit = 10): Promise<string[]> {
  validator ??= compile();
  const validate = await validator;
  if (validate(spec)) return [];
  return (validate.errors ?? []).slice(0, limit).map((e) => {
    const path = fieldPath(e.instancePath);
    const params = e.params as {
      additionalProperty?: string;
      missingProperty?: string;
      allowedValues?: unknown[];
    };
    if (params.additionalProperty)
      return `${path}.${params.additionalProperty} is not a field of the Cluster CRD`;
    if (params.missingProperty) return `${path}.${params.missingProperty} is required`;
    const allowed = params.allowedValues ? ` (${params.allowedValues.join(', ')})` : '';
    return `${path} ${e.message ?? 'is not valid'}${allowed}`;
  });
}
