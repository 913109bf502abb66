// Credentials of an AKS cluster for pgha's Kubernetes client, with no az and no kubelogin:
// user credentials lose their kubelogin exec block and get Entra ID tokens from the OIDC
// login instead; admin credentials (local accounts) are static and masked.
import type { TokenCredential } from '@azure/identity';
import type { Logger } from '../logging.ts';
import type { ArmClient } from './arm.ts';
import { AKS_SERVER_APP_ID, kubeconfigSecrets, stripExecAuth } from './kubeconfig.ts';
import { tokenSource } from './token-cache.ts';

export { AKS_SERVER_APP_ID } from './kubeconfig.ts';
/** Scope of tokens for the API server of an AKS cluster with Entra ID integration. */
export const AKS_SERVER_SCOPE = `${AKS_SERVER_APP_ID}/.default`;

export interface AksKubeconfigOptions {
  readonly credential: TokenCredential;
  readonly arm: ArmClient;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly cluster: string;
  /** listClusterAdminCredential instead of listClusterUserCredential (input aks-admin). */
  readonly admin: boolean;
  readonly logger: Logger;
  readonly setSecret: (secret: string) => void;
}

export interface AksKubeconfig {
  /** Kubeconfig YAML without any exec or auth-provider block. */
  readonly kubeconfig: string;
  /**
   * token-provider: Entra ID user credentials; send `Authorization: Bearer <tokenProvider()>`.
   * admin: static admin credentials (local accounts). static: user credentials of a cluster
   * without Entra ID integration, static like admin ones.
   */
  readonly user: 'token-provider' | 'admin' | 'static';
  /** A valid token for the API server each time it is called (cached until a minute before expiry). */
  readonly tokenProvider?: () => Promise<string>;
}

export async function aksKubeconfig(options: AksKubeconfigOptions): Promise<AksKubeconfig> {
  const { arm, subscriptionId, resourceGroup, cluster, admin, logger } = options;
  const yaml = await arm.listClusterCredentials(subscriptionId, resourceGroup, cluster, admin);
  if (admin) {
    maskStatic(yaml, options.setSecret);
    logger.info(`Using admin credentials of AKS cluster ${cluster} (local accounts)`);
    return { kubeconfig: yaml, user: 'admin' };
  }
  const stripped = stripExecAuth(yaml);
  if (stripped.strippedUsers.length === 0) {
    maskStatic(yaml, options.setSecret);
    logger.info(
      `AKS cluster ${cluster} has no Entra ID integration: using its static user credentials`,
    );
    return { kubeconfig: yaml, user: 'static' };
  }
  const scope = `${stripped.serverAppId ?? AKS_SERVER_APP_ID}/.default`;
  logger.info(
    `Using Entra ID user credentials of AKS cluster ${cluster}: tokens for ${scope} come from the OIDC login (no kubelogin)`,
  );
  return {
    kubeconfig: stripped.yaml,
    user: 'token-provider',
    tokenProvider: tokenSource(options.credential, scope, { setSecret: options.setSecret }),
  };
}

function maskStatic(yaml: string, setSecret: (secret: string) => void): void {
  for (const secret of kubeconfigSecrets(yaml)) setSecret(secret);
}
