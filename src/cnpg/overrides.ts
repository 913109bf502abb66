// The `overrides` input: a YAML map deep-merged into the Cluster spec (maps merge, lists and
// scalars replace), checked against the Cluster spec's fields, against pgha's choices and the
// checks of the inputs it could undo (overrides-checks.ts), and, before anything is written,
// against the Cluster CRD's schema.
import { ConfigurationError } from '../errors.ts';
import type { BackupMethod, YamlMap, YamlValue } from '../inputs/types.ts';
import { clusterSpecSchemaProblems } from './cluster-schema.ts';
import { CLUSTER_SPEC_FIELDS } from './cluster-spec-fields.ts';
import { archiverProblems, parameterProblems, synchronousProblems } from './overrides-checks.ts';

type Plain = Record<string, unknown>;

const isMap = (v: unknown): v is Plain => v !== null && typeof v === 'object' && !Array.isArray(v);

export function deepMerge(base: Plain, over: YamlMap): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isMap(current) && isMap(value) ? deepMerge(current, value) : clone(value);
  }
  return out;
}

function clone(value: YamlValue): unknown {
  return structuredClone(value);
}

function refuse(problem: string): never {
  throw new ConfigurationError(`input 'overrides': ${problem} (example: "enablePDB: false")`);
}

export function applyOverrides(spec: Plain, overrides: YamlMap, method: BackupMethod): Plain {
  const unknown = Object.keys(overrides).filter((k) => !CLUSTER_SPEC_FIELDS.has(k));
  if (unknown.length > 0)
    refuse(
      `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a field' : 'are not fields'} of the CNPG Cluster spec`,
    );
  if (method === 'plugin' && 'backup' in overrides && 'plugins' in spec) {
    refuse(
      'spec.backup cannot be combined with the Barman Cloud plugin as WAL archiver; use backup-method: barman-object-store',
    );
  }
  const merged = deepMerge(spec, overrides);
  const problems = [
    ...parameterProblems(merged),
    ...synchronousProblems(merged),
    ...archiverProblems(spec, merged),
  ];
  if (problems.length > 0) refuse(problems.join('; '));
  return merged;
}

/** The merged spec against the Cluster CRD's schema (loaded lazily, only for overrides). */
export async function checkOverriddenSpec(spec: unknown): Promise<void> {
  const problems = await clusterSpecSchemaProblems(spec);
  if (problems.length > 0)
    refuse(`the merged spec does not match the Cluster CRD: ${problems.join('; ')}`);
}
