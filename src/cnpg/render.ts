// deploy's renderer: typed inputs in, objects and one multi-document YAML out. Objects are
// built as data and serialised with js-yaml, so no input can inject YAML. The application
// Secret is never rendered: it is created at apply time, with a random password, when absent.
import { dump } from 'js-yaml';
import type { BackupMethod, DeployInputs, RunOrigin } from '../inputs/types.ts';
import { objectStore, scheduledBackup } from './backup.ts';
import { cluster } from './cluster.ts';
import { exposure, podMonitors, pooler } from './extras.ts';
import { pghaLabels, type RenderedObject } from './objects.ts';
import { checkOverriddenSpec } from './overrides.ts';
import { effectiveParameters, sizingNote } from './parameters.ts';

export type { RenderedObject } from './objects.ts';

export interface RenderOptions {
  readonly backupMethod: BackupMethod;
  readonly origin: RunOrigin;
}

export interface Rendered {
  readonly objects: RenderedObject[];
  readonly yaml: string;
  readonly parameters: Record<string, string>;
  readonly sizingNote: string;
}

/**
 * Objects in apply order: the ObjectStore before the Cluster that archives into it. With
 * overrides, the Cluster spec is checked against the CRD schema first (async: the schema and
 * ajv load only then).
 */
export async function renderDeploy(
  inputs: DeployInputs,
  options: RenderOptions,
): Promise<Rendered> {
  const { backupMethod: method, origin } = options;
  const parameters = effectiveParameters(inputs);
  const b = inputs.backup;
  const theCluster = cluster(inputs, method, parameters, origin);
  if (inputs.overrides) await checkOverriddenSpec(theCluster.spec);
  const objects = [
    ...(b && method === 'plugin' ? [objectStore(inputs, b, origin)] : []),
    theCluster,
    ...(b?.schedule ? [scheduledBackup(inputs, b.schedule, method, origin)] : []),
    ...podMonitors(inputs, origin),
    ...pooler(inputs, origin),
    ...exposure(inputs, origin),
  ].map((o) => withLabels(o, pghaLabels(inputs.clusterName, 'deploy', origin)));
  return { objects, yaml: toYaml(objects), parameters, sizingNote: sizingNote(inputs) };
}

function withLabels(o: RenderedObject, labels: Record<string, string>): RenderedObject {
  return { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, ...labels } } };
}

export function toYaml(objects: readonly RenderedObject[]): string {
  return objects.map((o) => dump(o, { noRefs: true, lineWidth: -1 })).join('---\n');
}
