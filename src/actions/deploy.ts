// deploy: read and validate every input, render the CNPG manifests, write them, report.
// Applying them to a cluster (OIDC login, AKS credentials, server-side apply, wait) is the
// next step of this action; until then deploy needs render-only: true.
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../errors.ts';
import { readDeployInputs } from '../inputs/read-deploy.ts';
import type { BackupMethod, DeployInputs, RunOrigin } from '../inputs/types.ts';
import { renderDeploy } from '../cnpg/render.ts';
import { deploySummary, type BackupChoice } from '../report/deploy-summary.ts';
import type { ActionContext } from './context.ts';

export async function run(ctx: ActionContext): Promise<void> {
  const inputs = readDeployInputs(ctx.getInput);
  if (!inputs.renderOnly) {
    throw new ConfigurationError(
      "input 'render-only': applying to a cluster is not available in this version of pgha yet; set render-only: true to write the manifests (example: render-only: true)",
    );
  }
  const backup = chooseBackupMethod(inputs);
  const rendered = await ctx.logger.group('Render manifests', () =>
    Promise.resolve(
      renderDeploy(inputs, { backupMethod: backup.method, origin: runOrigin(ctx.env) }),
    ),
  );
  const file = await writeManifests(inputs, rendered.yaml, ctx.env);
  ctx.logger.info(`Wrote ${rendered.objects.length} objects to ${file}`);
  ctx.setOutput('manifests', file);
  ctx.setOutput('cluster-name', inputs.clusterName);
  ctx.setOutput('namespace', inputs.namespace);
  ctx.setOutput('backup-method', inputs.backup ? backup.method : 'none');
  await ctx.writeSummary(deploySummary({ inputs, rendered, backup, file }));
}

/** backup-method auto: the plugin when rendering only (no cluster to ask which CRDs it serves). */
export function chooseBackupMethod(inputs: DeployInputs): BackupChoice {
  if (inputs.backupMethod !== 'auto') {
    return {
      method: inputs.backupMethod,
      reason: `backup-method: ${inputs.backupMethod} was requested`,
    };
  }
  const method: BackupMethod = 'plugin';
  return {
    method,
    reason:
      'backup-method: auto with render-only: the Barman Cloud plugin, the supported path (the in-core barmanObjectStore is removed in CNPG 1.31)',
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
