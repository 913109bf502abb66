// The backup identity trusts the cluster's service account through the AKS OIDC issuer: a
// federated identity credential with subject system:serviceaccount:<namespace>:<cluster>.
import { ConfigurationError } from '../errors.ts';
import type { Logger } from '../logging.ts';
import type { ArmClient } from './arm.ts';
import { federatedCredentialName } from './federated-credential.ts';

export interface IdentityTrust {
  readonly name: string;
  readonly identity: string;
  readonly subject: string;
  readonly change: string;
}

export interface TrustRequest {
  readonly subscriptionId: string;
  readonly aksResourceGroup: string;
  readonly aksCluster: string;
  readonly identity: { readonly name: string; readonly resourceGroup: string };
  readonly namespace: string;
  /** The Kubernetes service account: the cluster's name, as CNPG names it. */
  readonly serviceAccount: string;
  readonly dryRun: boolean;
}

export async function ensureIdentityTrust(
  arm: ArmClient,
  r: TrustRequest,
  logger: Logger,
): Promise<IdentityTrust> {
  const aks = await arm.getManagedCluster(r.subscriptionId, r.aksResourceGroup, r.aksCluster);
  if (!aks.oidcIssuerUrl)
    throw new ConfigurationError(
      `input 'identity-name': AKS cluster ${r.aksCluster} has no OIDC issuer, so no workload can federate with ${r.identity.name}. Enable it: az aks update -g ${r.aksResourceGroup} -n ${r.aksCluster} --enable-oidc-issuer --enable-workload-identity`,
    );
  const spec = {
    subscriptionId: r.subscriptionId,
    resourceGroup: r.identity.resourceGroup,
    identity: r.identity.name,
    name: federatedCredentialName(r.namespace, r.serviceAccount),
    issuer: aks.oidcIssuerUrl,
    subject: `system:serviceaccount:${r.namespace}:${r.serviceAccount}`,
  };
  const change = r.dryRun ? 'not checked (dry run)' : await arm.ensureFederatedCredential(spec);
  logger.info(
    `Federated credential ${spec.name} of ${spec.identity} for ${spec.subject}: ${change}`,
  );
  return { name: spec.name, identity: spec.identity, subject: spec.subject, change };
}
