// What `overrides` may not do to the rendered Cluster spec, checked on the merged result:
// set PostgreSQL parameters that CloudNativePG manages (as postgresql-parameters may not),
// make synchronous replication wait for standbys that do not exist (CloudNativePG's webhook
// rules, and pgha's sync-replicas < instances), or take away the WAL archiver that
// backup-destination configured.
import { PARAMETER_NAME } from '../inputs/parse-deploy.ts';
import { PLUGIN_NAME } from './objects.ts';
import { managedByCnpg } from './parameters.ts';

type Plain = Record<string, unknown>;

const isMap = (v: unknown): v is Plain => v !== null && typeof v === 'object' && !Array.isArray(v);
const numberOf = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const lengthOf = (v: unknown): number => (Array.isArray(v) ? v.length : 0);

function mapAt(value: unknown, ...path: string[]): Plain | undefined {
  let at = value;
  for (const key of path) at = isMap(at) ? at[key] : undefined;
  return isMap(at) ? at : undefined;
}

export function parameterProblems(merged: Plain): string[] {
  const names = Object.keys(mapAt(merged, 'postgresql', 'parameters') ?? {});
  const invalid = names.filter((n) => !PARAMETER_NAME.test(n));
  const managed = managedByCnpg(names);
  return [
    ...invalid.map((n) => `'${n}' is not a parameter name (postgresql.parameters)`),
    ...(managed.length > 0
      ? [
          `${managed.join(', ')} ${managed.length === 1 ? 'is' : 'are'} managed by CloudNativePG and cannot be set (postgresql.parameters)`,
        ]
      : []),
  ];
}

/**
 * CloudNativePG refuses synchronous.number >= instances + standby names, failoverQuorum with
 * number <= standby names, maxSyncReplicas >= instances, minSyncReplicas > maxSyncReplicas, and
 * the legacy min/maxSyncReplicas together with postgresql.synchronous.
 */
export function synchronousProblems(merged: Plain): string[] {
  const instances = numberOf(merged.instances);
  if (instances === undefined) return [];
  const min = numberOf(merged.minSyncReplicas) ?? 0;
  const max = numberOf(merged.maxSyncReplicas) ?? 0;
  const sync = mapAt(merged, 'postgresql', 'synchronous');
  const out: string[] = [];
  if (sync) out.push(...synchronousStanzaProblems(sync, instances, min > 0 || max > 0));
  if (max >= instances)
    out.push(`maxSyncReplicas ${max} must be less than instances (${instances})`);
  if (min > max) out.push(`minSyncReplicas ${min} cannot be greater than maxSyncReplicas ${max}`);
  return out;
}

function synchronousStanzaProblems(sync: Plain, instances: number, legacy: boolean): string[] {
  const out: string[] = [];
  const number = numberOf(sync.number);
  const names = lengthOf(sync.standbyNamesPre) + lengthOf(sync.standbyNamesPost);
  if (number !== undefined && number >= instances + names) {
    const named = names > 0 ? ` plus ${names} standby names` : '';
    out.push(
      `postgresql.synchronous.number ${number} must be less than instances (${instances})${named}: a commit would wait for standbys that do not exist`,
    );
  }
  if (sync.failoverQuorum === true && number !== undefined && number <= names)
    out.push(
      `postgresql.synchronous.failoverQuorum needs number (${number}) above the ${names} standby names`,
    );
  if (legacy)
    out.push(
      'minSyncReplicas / maxSyncReplicas cannot be combined with postgresql.synchronous (set sync-replicas: 0 to use them)',
    );
  return out;
}

/** What archives WAL in a spec: the Barman Cloud plugin's object store, or the in-core path. */
function archiverOf(spec: Plain): string | undefined {
  const plugins: unknown[] = Array.isArray(spec.plugins) ? spec.plugins : [];
  const plugin = plugins
    .filter(isMap)
    .find((p) => p.name === PLUGIN_NAME && p.isWALArchiver === true && p.enabled !== false);
  if (plugin) return `plugin ${String(mapAt(plugin, 'parameters')?.barmanObjectName)}`;
  const path = mapAt(spec, 'backup', 'barmanObjectStore')?.destinationPath;
  return typeof path === 'string' ? `in-core ${path}` : undefined;
}

/** The archiver rendered for backup-destination must survive the merge unchanged. */
export function archiverProblems(rendered: Plain, merged: Plain): string[] {
  const before = archiverOf(rendered);
  if (before === undefined || archiverOf(merged) === before) return [];
  return [
    'it would remove or redirect the WAL archiver that backup-destination configures, so nothing would archive there: keep spec.plugins and spec.backup.barmanObjectStore.destinationPath as rendered (change backup-destination or backup-method instead)',
  ];
}
