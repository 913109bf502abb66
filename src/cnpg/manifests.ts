// The rendered manifests as one multi-document YAML file (the output `manifests`), under
// manifests-dir or RUNNER_TEMP. A directory that cannot be written is the user's to fix.
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../errors.ts';
import type { DeployInputs, RunOrigin } from '../inputs/types.ts';
import type { BackupMethod } from '../inputs/types.ts';
import { renderDeploy, toYaml, type Rendered } from './render.ts';

/** Renders every object; kinds in `skip` (`<apiVersion>/<kind>`) are left out. */
export async function renderManifests(
  inputs: DeployInputs,
  backupMethod: BackupMethod,
  origin: RunOrigin,
  skip: ReadonlySet<string> = new Set(),
): Promise<Rendered> {
  const all = await renderDeploy(inputs, { backupMethod, origin });
  const objects = all.objects.filter((o) => !skip.has(`${o.apiVersion}/${o.kind}`));
  return { ...all, objects, yaml: toYaml(objects) };
}

export async function writeManifests(
  inputs: DeployInputs,
  yaml: string,
  runnerTemp: string | undefined,
): Promise<string> {
  const dir = inputs.manifestsDir ?? join(runnerTemp ?? tmpdir(), 'pgha');
  const file = join(dir, `${inputs.namespace}-${inputs.clusterName}.yaml`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(file, yaml, 'utf8');
  } catch (error) {
    if (inputs.manifestsDir === undefined) throw error;
    const code = (error as { code?: string }).code ?? (error as Error).message;
    throw new ConfigurationError(
      `input 'manifests-dir': cannot write ${file} (${code}); give a directory the job can write (example: manifests-dir: \${{ runner.temp }}/manifests)`,
    );
  }
  return file;
}
