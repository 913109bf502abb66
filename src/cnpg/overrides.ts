// The `overrides` input: a YAML map deep-merged into the Cluster spec (maps merge, lists and
// scalars replace), checked against the Cluster spec's fields and against pgha's choices.
import { ConfigurationError } from '../errors.ts';
import type { BackupMethod, YamlMap, YamlValue } from '../inputs/types.ts';
import { CLUSTER_SPEC_FIELDS } from './cluster-spec-fields.ts';

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
  return deepMerge(spec, overrides);
}
