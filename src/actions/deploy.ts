// deploy: read and validate every input, render the CNPG manifests, then (unless render-only)
// connect, apply them by server-side apply, wait for the Cluster to be healthy, and report.
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDeploy, toYaml, type Rendered } from '../cnpg/render.ts';
import { ConfigurationError } from '../errors.ts';
import { readDeployInputs } from '../inputs/read-deploy.ts';
import type { BackupMethod, DeployInputs, RunOrigin } from '../inputs/types.ts';
import { deploySummary, type BackupChoice } from '../report/deploy-summary.ts';
import type { ActionContext } from './context.ts';

export async function run(ctx: ActionContext): Promise<void> {
  const inputs = readDeployInputs(ctx.getInput);
  if (!inputs.renderOnly) {
    const { applyDeploy } = await import('./deploy-apply.ts');
    await applyDeploy(inputs, ctx);
    return;
  }
  const backup = chooseBackupMethod(inputs);
  const rendered = await renderAndWrite(inputs, backup, ctx);
  ctx.setOutput('backup-method', inputs.backup ? backup.method : 'none');
  await ctx.writeSummary(deploySummary({ inputs, rendered: rendered.rendered, backup, file: rendered.file }));
}

/** Renders the objects, writes them to one YAML file and sets the outputs that need no cluster. */
export async function renderAndWrite(
  inputs: DeployInputs,
  backup: BackupChoice,
  ctx: ActionContext,
  skipKinds: ReadonlySet<string> = new Set(),
): Promise<{ rendered: Rendered; file: string }> {
  const all = await ctx.logger.group('Render manifests', () =>
    Promise.resolve(renderDeploy(inputs, { backupMethod: backup.method, origin: runOrigin(ctx.env) })),
  );
  const objects = all.objects.filter((o) => !skipKinds.has(`${o.apiVersion}/${o.kind}`));
  const rendered = { ...all, objects, yaml: toYaml(objects) };
  const file = await writeManifests(inputs, rendered.yaml, ctx.env);
  ctx.logger.info(`Wrote ${rendered.objects.length} objects to ${file}`);
  ctx.setOutput('manifests', file);
  ctx.setOutput('cluster-name', inputs.clusterName);
  ctx.setOutput('namespace', inputs.namespace);
  return { rendered, file };
}

/**
 * backup-method auto: the Barman Cloud plugin when the cluster serves its ObjectStore CRD (or
 * when rendering only, with no cluster to ask), else the in-core barmanObjectStore.
 */
export function chooseBackupMethod(inputs: DeployInputs, servesPlugin?: boolean): BackupChoice {
  if (inputs.backupMethod !== 'auto') {
    if (inputs.backupMethod === 'plugin' && servesPlugin === false)
      throw new ConfigurationError(
        "input 'backup-method': plugin, but the cluster does not serve barmancloud.cnpg.io/v1 ObjectStore: install the Barman Cloud plugin (https://github.com/cloudnative-pg/plugin-barman-cloud) or use the in-core method (example: backup-method: barman-object-store)",
      );
    return { method: inputs.backupMethod, reason: `backup-method: ${inputs.backupMethod} was requested` };
  }
  if (servesPlugin === undefined)
    return {
      method: 'plugin',
      reason:
        'backup-method: auto with render-only: the Barman Cloud plugin, the supported path (the in-core barmanObjectStore is removed in CNPG 1.31)',
    };
  const method: BackupMethod = servesPlugin ? 'plugin' : 'barman-object-store';
  return {
    method,
    reason: servesPlugin
      ? 'backup-method: auto and the cluster serves barmancloud.cnpg.io/v1 ObjectStore: the Barman Cloud plugin'
      : 'backup-method: auto and the cluster does not serve barmancloud.cnpg.io (no Barman Cloud plugin): the in-core barmanObjectStore, which CNPG 1.31 removes; install the plugin to move on',
  };
}

async function writeManifests(
  inputs: DeployInputs,
  yaml: string,
  env: ActionContext['env'],
): Promise<string> {
  const dir = inputs.manifestsDir ?? join(env.RUNNER_TEMP ?? tmpdir(), 'pgha');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${inputs.namespace}-${inputs.clusterName}.yaml`);
  await writeFile(file, yaml, 'utf8');
  return file;
}

export function runOrigin(env: ActionContext['env']): RunOrigin {
  return {
    repository: env.GITHUB_REPOSITORY,
    sha: env.GITHUB_SHA,
    runId: env.GITHUB_RUN_ID,
    runAttempt: env.GITHUB_RUN_ATTEMPT,
    actor: env.GITHUB_ACTOR,
    workflow: env.GITHUB_WORKFLOW,
    serverUrl: env.GITHUB_SERVER_URL,
  };
}
