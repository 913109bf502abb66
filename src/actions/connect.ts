// Every action reaches its cluster the same way: with the Azure inputs, an OIDC login and the
// AKS cluster's credentials through ARM; else the kubeconfig input; else KUBECONFIG or
// ~/.kube/config. Azure libraries load only when the Azure inputs are given. With
// write-kubeconfig, the configuration is written for later steps at once, so that it is
// there for an `if: failure()` kubectl step too.
import type { TokenCredential } from '@azure/identity';
import type { ArmClient } from '../azure/arm.ts';
import type { SharedOutputName } from '../inputs/spec.ts';
import type { SharedInputs } from '../inputs/types.ts';
import {
  defaultKubeconfigSource,
  loadKubeConfig,
  writeKubeconfigFile,
  type LoadedConfig,
} from '../kube/config.ts';
import { KubeHttp } from '../kube/http.ts';
import type { ActionContext } from './context.ts';
import type { OutputSink } from './step.ts';

export interface Azure {
  readonly credential: TokenCredential;
  readonly arm: ArmClient;
}

export interface Connection {
  readonly config: LoadedConfig;
  readonly http: KubeHttp;
  readonly azure?: Azure;
}

/** The connect phase of every action: connect, then write-kubeconfig (output kubeconfig-path). */
export async function connectCluster(
  inputs: SharedInputs,
  ctx: ActionContext,
  outputs: OutputSink<SharedOutputName>,
): Promise<Connection> {
  const conn = await connect(inputs, ctx);
  if (inputs.writeKubeconfig) {
    const path = await writeKubeconfigFile(conn.config, ctx.env.RUNNER_TEMP ?? '/tmp');
    outputs.output('kubeconfig-path', path);
    ctx.logger.info(`Wrote the kubeconfig for later steps to ${path}`);
  }
  return conn;
}

export async function connect(inputs: SharedInputs, ctx: ActionContext): Promise<Connection> {
  const azure = inputs.azure ? await loginToAzure(inputs, ctx) : undefined;
  const source = await kubeSource(inputs, ctx, azure);
  const config = await loadKubeConfig(source, inputs.context, ctx.setSecret);
  ctx.logger.info(
    `Kubernetes API ${config.server} (context ${config.context}, from ${config.description})`,
  );
  const http = new KubeHttp(config.kc, {
    userAgent: `pgha/${ctx.env.GITHUB_ACTION_REF ?? 'dev'}`,
    onRetry: (what, attempt, delay) => {
      ctx.logger.info(
        `Retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1}) after: ${what}`,
      );
    },
  });
  return { config, http, ...(azure ? { azure } : {}) };
}

async function loginToAzure(inputs: SharedInputs, ctx: ActionContext): Promise<Azure> {
  const login = inputs.azure;
  if (!login) throw new Error('loginToAzure without Azure inputs');
  const [{ azureCredential }, { createArmClient }] = await Promise.all([
    import('../azure/login.ts'),
    import('../azure/arm.ts'),
  ]);
  const federatedTokenFile = ctx.env.ACTIONS_ID_TOKEN_REQUEST_URL
    ? undefined
    : ctx.env.AZURE_FEDERATED_TOKEN_FILE;
  const credential = await azureCredential({
    tenantId: login.tenantId,
    clientId: login.clientId,
    authorityHost: inputs.authorityHost,
    getIdToken: ctx.getIdToken,
    ...(federatedTokenFile ? { federatedTokenFile } : {}),
    logger: ctx.logger,
    setSecret: ctx.setSecret,
  });
  const arm = createArmClient({
    credential,
    endpoint: inputs.armEndpoint,
    logger: ctx.logger,
    setSecret: ctx.setSecret,
  });
  return { credential, arm };
}

async function kubeSource(inputs: SharedInputs, ctx: ActionContext, azure: Azure | undefined) {
  if (inputs.kubeconfig !== undefined) return { kind: 'input' as const, yaml: inputs.kubeconfig };
  if (azure && inputs.azure && inputs.aks) {
    const { aksKubeconfig } = await import('../azure/aks.ts');
    const aks = await aksKubeconfig({
      credential: azure.credential,
      arm: azure.arm,
      subscriptionId: inputs.azure.subscriptionId,
      resourceGroup: inputs.aks.resourceGroup,
      cluster: inputs.aks.cluster,
      admin: inputs.aks.admin,
      logger: ctx.logger,
      setSecret: ctx.setSecret,
    });
    return {
      kind: 'aks' as const,
      yaml: aks.kubeconfig,
      ...(aks.tokenProvider ? { tokenProvider: aks.tokenProvider } : {}),
      description: `AKS cluster ${inputs.aks.cluster} (${aks.user === 'token-provider' ? 'Entra ID user credentials' : `${aks.user} credentials`})`,
    };
  }
  return defaultKubeconfigSource(ctx.env);
}
