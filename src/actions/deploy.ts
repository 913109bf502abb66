// deploy: read and validate every input, render the CNPG manifests, then (unless render-only)
// connect, apply them by server-side apply, wait for the Cluster to be healthy, and report.
import { ensureIdentityTrust, type IdentityTrust } from '../azure/identity-trust.ts';
import { chooseBackupMethod, type BackupChoice } from '../cnpg/backup-method.ts';
import { checkBackupSecret } from '../cnpg/backup-secret.ts';
import { discoverCnpg, unservedMonitoring, type Served } from '../cnpg/discovery.ts';
import { install, type Installed } from '../cnpg/install.ts';
import { listInstances } from '../cnpg/instances.ts';
import { renderManifests, writeManifests } from '../cnpg/manifests.ts';
import { pghaLabels, traceAnnotations } from '../cnpg/objects.ts';
import type { Rendered } from '../cnpg/render.ts';
import { waitHealthy } from '../cnpg/wait.ts';
import { readDeployInputs } from '../inputs/read-deploy.ts';
import type { OutputName } from '../inputs/spec.ts';
import type { DeployInputs } from '../inputs/types.ts';
import type { Logger } from '../logging.ts';
import type { DeployFacts } from '../report/deploy-facts.ts';
import { deploySummary } from '../report/deploy-summary.ts';
import { defineAction } from './action.ts';
import { connectCluster, type Connection } from './connect.ts';
import { runOrigin, type ActionContext } from './context.ts';
import type { Step } from './step.ts';

type DeployStep = Step<OutputName<'deploy'>, DeployFacts>;

export const deploy = defineAction<'deploy', DeployFacts>({
  command: 'deploy',
  summary: deploySummary,
  async run(ctx, step) {
    const inputs = readDeployInputs(ctx.getInput);
    step.record({ inputs });
    if (inputs.renderOnly) {
      await render(inputs, chooseBackupMethod(inputs.backupMethod), ctx, step);
      return;
    }
    const started = ctx.now();
    const conn = await step.phase('Connect', () => connectCluster(inputs, ctx, step));
    const served = await step.phase('Discover CNPG', () => discoverCnpg(conn.http));
    const backup = chooseBackupMethod(inputs.backupMethod, served.barmanCloudPlugin);
    const skip = skippedMonitors(inputs, served, ctx.logger);
    const rendered = await render(inputs, backup, ctx, step, skip);
    const settings = inputs.backup;
    if (settings?.credentialsSecret)
      await step.phase('Check the backup credentials', () =>
        checkBackupSecret(conn.http, inputs.namespace, settings, ctx.logger),
      );
    await trustIdentity(inputs, conn, ctx, step);
    const origin = runOrigin(ctx.env);
    const annotations = traceAnnotations(origin);
    const labels = pghaLabels(inputs.clusterName, 'deploy', origin);
    const installed = await step.phase(inputs.dryRun ? 'Dry run' : 'Apply', () =>
      install(conn.http, inputs, rendered.objects, { ...ctx, annotations, labels }),
    );
    recordInstalled(inputs, conn, installed, step);
    if (inputs.dryRun) return;
    const { namespace, clusterName: name } = inputs;
    const deadline = started + inputs.timeoutMs;
    const cluster = await step.phase('Wait for the Cluster to be healthy', () =>
      waitHealthy(conn.http, { namespace, name, deadline, logger: ctx.logger, now: ctx.now }),
    );
    const ready = {
      primary: cluster.status?.currentPrimary ?? '',
      seconds: (ctx.now() - started) / 1000,
    };
    await reportHealthy(conn, inputs, ready, ctx, step);
  },
});

/** Renders the objects, writes them to one YAML file and sets the outputs that need no cluster. */
async function render(
  inputs: DeployInputs,
  backup: BackupChoice,
  ctx: ActionContext,
  step: DeployStep,
  skip?: ReadonlySet<string>,
): Promise<Rendered> {
  const rendered = await step.phase('Render manifests', async () => {
    const r = await renderManifests(inputs, backup.method, runOrigin(ctx.env), skip);
    const file = await writeManifests(inputs, r.yaml, ctx.env.RUNNER_TEMP);
    ctx.logger.info(`Wrote ${r.objects.length} objects to ${file}`);
    step.record({ rendered: r, file, backup });
    step.output('manifests', file);
    return r;
  });
  step.output('cluster-name', inputs.clusterName);
  step.output('namespace', inputs.namespace);
  step.output('backup-method', inputs.backup ? backup.method : 'none');
  return rendered;
}

async function trustIdentity(
  inputs: DeployInputs,
  conn: Connection,
  ctx: ActionContext,
  step: DeployStep,
): Promise<void> {
  const { identity, azure, aks } = inputs;
  if (!identity || !conn.azure || !azure || !aks) return;
  const arm = conn.azure.arm;
  const trust: IdentityTrust = await step.phase('Federated credential', () =>
    ensureIdentityTrust(
      arm,
      {
        subscriptionId: azure.subscriptionId,
        aksResourceGroup: aks.resourceGroup,
        aksCluster: aks.cluster,
        identity,
        namespace: inputs.namespace,
        serviceAccount: inputs.clusterName,
        dryRun: inputs.dryRun,
      },
      ctx.logger,
    ),
  );
  step.record({ identity: trust });
}

/** PodMonitor kinds the cluster does not serve: left out, with a warning each. */
function skippedMonitors(inputs: DeployInputs, served: Served, logger: Logger): Set<string> {
  const skip = unservedMonitoring(inputs.monitoring, served);
  for (const s of skip)
    logger.warning(
      `The cluster does not serve ${s}: no PodMonitor applied for it (install its CRD to get metrics scraped)`,
    );
  return new Set(skip);
}

/** The instances as they are now, the primary and how long it took. */
async function reportHealthy(
  conn: Connection,
  inputs: DeployInputs,
  ready: { readonly primary: string; readonly seconds: number },
  ctx: ActionContext,
  step: DeployStep,
): Promise<void> {
  const { namespace, clusterName } = inputs;
  const { primary, seconds: readySeconds } = ready;
  const pods = await listInstances(conn.http, namespace, clusterName, { zones: true });
  step.record({ pods, primary, readySeconds, requests: conn.http.requests });
  step.output('primary', primary);
  step.output('ready-seconds', readySeconds.toFixed(1));
  ctx.logger.info(
    `Cluster ${clusterName} is healthy: primary ${primary}, ${pods.length} instances, ${readySeconds.toFixed(1)} s after the first request (${conn.http.requests} API requests)`,
  );
}

/** What was applied, and the outputs that name the services and the secret. */
function recordInstalled(
  inputs: DeployInputs,
  conn: Connection,
  installed: Installed,
  step: DeployStep,
): void {
  step.record({ ...installed, server: conn.config.server, requests: conn.http.requests });
  step.output('app-secret', inputs.appSecret);
  step.output('rw-service', `${inputs.clusterName}-rw`);
  step.output('ro-service', `${inputs.clusterName}-ro`);
}
