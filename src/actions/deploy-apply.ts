// deploy against a cluster: connect (OIDC login and AKS credentials, or a kubeconfig), find
// what the cluster serves, ensure the backup identity's federated credential, create the
// namespace and bootstrap Secret when absent, server-side apply every object, watch the
// Cluster until healthy, then set the outputs and write the summary.
import { federatedCredentialName } from '../azure/federated-credential.ts';
import { HEALTHY_PHASE, ProgressTracker, isHealthy, type ClusterView } from '../cnpg/health.ts';
import { traceAnnotations } from '../cnpg/objects.ts';
import type { DeployInputs } from '../inputs/types.ts';
import { applyObjects, type ApplyResult } from '../kube/apply.ts';
import { writeKubeconfigFile } from '../kube/config.ts';
import { gatherDiagnostics, listInstancePods, type InstancePod } from '../kube/diagnostics.ts';
import { ensureAppSecret, ensureNamespace, type EnsureAction } from '../kube/ensure.ts';
import type { KubeHttp } from '../kube/http.ts';
import { CNPG_CLUSTER, collectionPath, type KubeObject } from '../kube/resources.ts';
import { WatchTimeout, waitFor } from '../kube/watch.ts';
import { appliedSummary, type Timing } from '../report/deploy-applied-summary.ts';
import { connect, type Connection } from './connect.ts';
import type { ActionContext } from './context.ts';
import { chooseBackupMethod, renderAndWrite, runOrigin } from './deploy.ts';
import { ConfigurationError } from '../errors.ts';

export async function applyDeploy(inputs: DeployInputs, ctx: ActionContext): Promise<void> {
  const started = ctx.now();
  const deadline = started + inputs.timeoutMs;
  const timings: Timing[] = [];
  const lap = (step: string, since: number) => {
    timings.push({ step, ms: ctx.now() - since });
  };

  let t = ctx.now();
  const conn = await ctx.logger.group('Connect', () => connect(inputs, ctx));
  // Before anything can fail, so that a later `if: failure()` kubectl step can look around.
  if (inputs.writeKubeconfig)
    ctx.setOutput('kubeconfig-path', await writeKubeconfigFile(conn.config, ctx.env.RUNNER_TEMP ?? '/tmp'));
  const served = await servedGroupVersions(conn.http);
  lap('connect', t);
  requireCnpg(served, conn);
  const backup = chooseBackupMethod(inputs, served.has('barmancloud.cnpg.io/v1'));
  const skipped = unservedMonitoring(inputs, served);
  for (const s of skipped)
    ctx.logger.warning(`The cluster does not serve ${s}: no PodMonitor applied for it (install its CRD to get metrics scraped)`);
  const { rendered, file } = await renderAndWrite(inputs, backup, ctx, new Set(skipped));

  t = ctx.now();
  const identity = await ensureIdentityTrust(inputs, conn, ctx);
  const { namespace, secret, results } = await ctx.logger.group('Apply', async () => {
    const labels = { 'app.kubernetes.io/managed-by': 'pgha' };
    const ns = await ensureNamespace(conn.http, inputs.namespace, labels, inputs.dryRun);
    ctx.logger.info(`Namespace ${inputs.namespace}: ${ns}`);
    const sec = await ensureAppSecret(
      conn.http,
      {
        namespace: inputs.namespace,
        name: inputs.appSecret,
        username: inputs.owner,
        labels: { ...labels, 'cnpg.io/reload': 'true' },
        annotations: traceAnnotations(runOrigin(ctx.env)),
      },
      ctx.setSecret,
      inputs.dryRun,
    );
    ctx.logger.info(`Secret ${inputs.appSecret}: ${sec}${sec === 'unchanged' ? ' (kept, password not read)' : ''}`);
    const objects = rendered.objects as unknown as KubeObject[];
    const res = await applyObjects(
      conn.http,
      objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: inputs.namespace } })),
      { force: inputs.forceConflicts, dryRun: inputs.dryRun },
      (r) => {
        ctx.logger.info(`${r.kind} ${r.name}: ${r.action}${r.changedPaths.length > 0 ? ` (${r.changedPaths.join(', ')})` : ''}`);
      },
    );
    return { namespace: ns, secret: sec, results: res };
  });
  lap(inputs.dryRun ? 'dry-run apply' : 'apply', t);

  const base = { inputs, backup, file, results, namespace, secret, identity, timings, server: conn.config.server };
  ctx.setOutput('backup-method', inputs.backup ? backup.method : 'none');
  ctx.setOutput('app-secret', inputs.appSecret);
  ctx.setOutput('rw-service', `${inputs.clusterName}-rw`);
  ctx.setOutput('ro-service', `${inputs.clusterName}-ro`);
  if (inputs.dryRun) {
    await ctx.writeSummary(appliedSummary({ ...base, pods: [], requests: conn.http.requests }));
    return;
  }

  t = ctx.now();
  const cluster = await ctx.logger.group('Wait for the Cluster to be healthy', () =>
    waitHealthy(conn.http, inputs, deadline, ctx),
  );
  lap('wait until healthy', t);
  const readySeconds = (ctx.now() - started) / 1000;
  const pods = await withZones(conn.http, await listInstancePods(conn.http, inputs.namespace, inputs.clusterName));
  const primary = cluster.status?.currentPrimary ?? '';
  ctx.setOutput('primary', primary);
  ctx.setOutput('ready-seconds', readySeconds.toFixed(1));
  ctx.logger.info(`Cluster ${inputs.clusterName} is healthy: primary ${primary}, ${pods.length} instances, ${readySeconds.toFixed(1)} s after the first request (${conn.http.requests} API requests)`);
  await ctx.writeSummary(
    appliedSummary({ ...base, pods, primary, readySeconds, requests: conn.http.requests }),
  );
}

async function servedGroupVersions(http: KubeHttp): Promise<Set<string>> {
  const { body } = await http.json<{ groups?: { versions?: { groupVersion: string }[] }[] }>({
    method: 'GET',
    path: '/apis',
    context: 'discovering the API groups the cluster serves',
  });
  return new Set((body.groups ?? []).flatMap((g) => (g.versions ?? []).map((v) => v.groupVersion)));
}

function requireCnpg(served: Set<string>, conn: Connection): void {
  if (!served.has('postgresql.cnpg.io/v1'))
    throw new ConfigurationError(
      `the cluster at ${conn.config.server} does not serve postgresql.cnpg.io/v1: the CloudNativePG operator is not installed. ` +
        'Install it first, e.g. kubectl apply --server-side -f https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/release-1.30/releases/cnpg-1.30.0.yaml, or with its Helm chart.',
    );
}

function unservedMonitoring(inputs: DeployInputs, served: Set<string>): string[] {
  const wanted: string[] = [];
  if (inputs.monitoring === 'podmonitor' || inputs.monitoring === 'both') wanted.push('monitoring.coreos.com/v1');
  if (inputs.monitoring === 'managed-prometheus' || inputs.monitoring === 'both') wanted.push('azmonitoring.coreos.com/v1');
  return wanted.filter((gv) => !served.has(gv)).map((gv) => `${gv}/PodMonitor`);
}

/** The backup identity trusts the cluster's service account through the AKS OIDC issuer. */
async function ensureIdentityTrust(inputs: DeployInputs, conn: Connection, ctx: ActionContext) {
  if (!inputs.identity || !conn.azure || !inputs.azure || !inputs.aks) return undefined;
  const aks = await conn.azure.arm.getManagedCluster(inputs.azure.subscriptionId, inputs.aks.resourceGroup, inputs.aks.cluster);
  if (!aks.oidcIssuerUrl)
    throw new ConfigurationError(
      `input 'identity-name': AKS cluster ${inputs.aks.cluster} has no OIDC issuer, so no workload can federate with ${inputs.identity.name}. Enable it: az aks update -g ${inputs.aks.resourceGroup} -n ${inputs.aks.cluster} --enable-oidc-issuer --enable-workload-identity`,
    );
  const spec = {
    subscriptionId: inputs.azure.subscriptionId,
    resourceGroup: inputs.identity.resourceGroup,
    identity: inputs.identity.name,
    name: federatedCredentialName(inputs.namespace, inputs.clusterName),
    issuer: aks.oidcIssuerUrl,
    subject: `system:serviceaccount:${inputs.namespace}:${inputs.clusterName}`,
  };
  const change = inputs.dryRun ? 'not checked (dry run)' : await conn.azure.arm.ensureFederatedCredential(spec);
  ctx.logger.info(`Federated credential ${spec.name} of ${spec.identity} for ${spec.subject}: ${change}`);
  return { name: spec.name, identity: spec.identity, subject: spec.subject, change };
}

async function waitHealthy(
  http: KubeHttp,
  inputs: DeployInputs,
  deadline: number,
  ctx: ActionContext,
): Promise<ClusterView & KubeObject> {
  const progress = new ProgressTracker();
  const collection = collectionPath(CNPG_CLUSTER.apiVersion, CNPG_CLUSTER.kind, inputs.namespace);
  try {
    return await waitFor(
      http,
      { collection, name: inputs.clusterName, what: `Cluster ${inputs.clusterName} to be healthy` },
      {
        deadline,
        now: ctx.now,
        check: (obj) => {
          const view = obj;
          for (const line of progress.update(view)) ctx.logger.info(line);
          return isHealthy(view) ? view : undefined;
        },
        onReconnect: (reason) => {
          ctx.logger.info(`Watch interrupted (${reason}); resuming`);
        },
      },
    );
  } catch (error) {
    if (!(error instanceof WatchTimeout)) throw error;
    const report = await gatherDiagnostics(http, inputs.namespace, inputs.clusterName, error.last);
    throw new Error(
      `Cluster ${inputs.clusterName} did not reach '${HEALTHY_PHASE}' with ${inputs.instances} ready instances within timeout ${Math.round(inputs.timeoutMs / 1000)} s.\n${report}`,
      { cause: error },
    );
  }
}

/** Adds the zone of each pod's node when the identity may read nodes; else leaves it out. */
async function withZones(http: KubeHttp, pods: InstancePod[]): Promise<(InstancePod & { zone?: string })[]> {
  if (!pods.some((p) => p.node)) return pods;
  try {
    const { body } = await http.json<{ items: KubeObject[] }>({
      method: 'GET',
      path: '/api/v1/nodes',
      context: 'listing nodes for their zones',
    });
    const zones = new Map(body.items.map((n) => [n.metadata.name, n.metadata.labels?.['topology.kubernetes.io/zone']]));
    return pods.map((p) => {
      const zone = p.node ? zones.get(p.node) : undefined;
      return zone ? { ...p, zone } : p;
    });
  } catch {
    return pods;
  }
}

export type { ApplyResult, EnsureAction };
