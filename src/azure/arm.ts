// A minimal Azure Resource Manager client: the four operations pgha needs (AKS cluster,
// its credentials, federated identity credentials of a managed identity) over fetch,
// with the bearer token of the OIDC login.
import type { TokenCredential } from '@azure/identity';
import { ConfigurationError } from '../errors.ts';
import { isLoopback } from '../http/loopback.ts';
import type { Logger } from '../logging.ts';
import { ArmError } from './arm-errors.ts';
import { armHttp, type ArmHttp, type ArmHttpOptions } from './arm-http.ts';
import {
  deleteFederatedCredential,
  ensureFederatedCredential,
  type FederatedCredentialChange,
  type FederatedCredentialRef,
  type FederatedCredentialSpec,
} from './federated-credential.ts';
import { tokenSource } from './token-cache.ts';

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
/** Microsoft.ContainerService managedClusters. */
export const AKS_API_VERSION = '2025-10-01';

export interface ManagedClusterInfo {
  readonly id: string;
  readonly location: string;
  /** oidcIssuerProfile.issuerUrl, when the OIDC issuer is enabled. */
  readonly oidcIssuerUrl?: string;
  /** Public FQDN of the API server, or the private one for private clusters. */
  readonly fqdn?: string;
}

export interface ArmClient {
  getManagedCluster(
    subscriptionId: string,
    resourceGroup: string,
    name: string,
  ): Promise<ManagedClusterInfo>;
  /** Kubeconfig YAML of listClusterUserCredential, or listClusterAdminCredential when admin. */
  listClusterCredentials(
    subscriptionId: string,
    resourceGroup: string,
    name: string,
    admin: boolean,
  ): Promise<string>;
  ensureFederatedCredential(spec: FederatedCredentialSpec): Promise<FederatedCredentialChange>;
  deleteFederatedCredential(ref: FederatedCredentialRef): Promise<'deleted' | 'absent'>;
}

export interface ArmClientOptions extends Pick<
  ArmHttpOptions,
  'fetch' | 'sleep' | 'random' | 'maxAttempts' | 'maxRetryAfterMs' | 'requestTimeoutMs'
> {
  readonly credential: TokenCredential;
  /** Input arm-endpoint. Default https://management.azure.com. */
  readonly endpoint?: string;
  readonly logger: Logger;
  readonly setSecret: (secret: string) => void;
}

export function createArmClient(options: ArmClientOptions): ArmClient {
  const endpoint = armEndpointOf(options.endpoint);
  const getToken = tokenSource(options.credential, armScope(endpoint), {
    setSecret: options.setSecret,
  });
  const http = armHttp({ ...options, endpoint, getToken });
  return {
    getManagedCluster: (sub, rg, name) => getManagedCluster(http, sub, rg, name),
    listClusterCredentials: (sub, rg, name, admin) =>
      listClusterCredentials(http, sub, rg, name, admin),
    ensureFederatedCredential: (spec) => ensureFederatedCredential(http, options.logger, spec),
    deleteFederatedCredential: (ref) => deleteFederatedCredential(http, ref),
  };
}

/** The token scope of an ARM endpoint: https://management.azure.com/.default in the public cloud. */
export function armScope(endpoint: string): string {
  return `${new URL(endpoint).origin}/.default`;
}

/** The ARM endpoint as an origin; https, or http on loopback only (the sandbox). */
export function armEndpointOf(input: string | undefined): string {
  if (!input) return DEFAULT_ARM_ENDPOINT;
  let url: URL | undefined;
  try {
    url = new URL(input);
  } catch {
    url = undefined;
  }
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url)))) {
    throw new ConfigurationError(
      `input 'arm-endpoint': '${input}' is not an https URL (example: https://management.usgovcloudapi.net)`,
    );
  }
  return url.origin;
}

export function clusterPath(subscriptionId: string, resourceGroup: string, name: string): string {
  return (
    `/subscriptions/${encodeURIComponent(subscriptionId)}/resourceGroups/${encodeURIComponent(resourceGroup)}` +
    `/providers/Microsoft.ContainerService/managedClusters/${encodeURIComponent(name)}`
  );
}

async function getManagedCluster(
  http: ArmHttp,
  sub: string,
  rg: string,
  name: string,
): Promise<ManagedClusterInfo> {
  const context = `getting AKS cluster ${name} in ${rg}`;
  const { body } = await http({
    method: 'GET',
    path: clusterPath(sub, rg, name),
    apiVersion: AKS_API_VERSION,
    context,
  });
  const cluster = body as {
    id?: string;
    location?: string;
    properties?: {
      fqdn?: string;
      privateFQDN?: string;
      /** The REST property is issuerURL; the az CLI shows it as issuerUrl. */
      oidcIssuerProfile?: { issuerURL?: string; issuerUrl?: string };
    };
  };
  if (typeof cluster.id !== 'string')
    throw new ArmError(`${context}: the response has no id`, 200, 'InvalidResponse');
  return {
    id: cluster.id,
    location: cluster.location ?? '',
    oidcIssuerUrl:
      cluster.properties?.oidcIssuerProfile?.issuerURL ||
      cluster.properties?.oidcIssuerProfile?.issuerUrl ||
      undefined,
    fqdn: cluster.properties?.fqdn ?? cluster.properties?.privateFQDN,
  };
}

async function listClusterCredentials(
  http: ArmHttp,
  sub: string,
  rg: string,
  name: string,
  admin: boolean,
): Promise<string> {
  const action = admin ? 'listClusterAdminCredential' : 'listClusterUserCredential';
  const context = `fetching ${admin ? 'admin' : 'user'} credentials of AKS cluster ${name} in ${rg} (${action})`;
  const path = `${clusterPath(sub, rg, name)}/${action}`;
  const { body } = await http({ method: 'POST', path, apiVersion: AKS_API_VERSION, context });
  const value = (body as { kubeconfigs?: { value?: unknown }[] } | undefined)?.kubeconfigs?.[0]
    ?.value;
  if (typeof value !== 'string' || !value) {
    throw new ArmError(`${context}: the response holds no kubeconfig`, 200, 'InvalidResponse');
  }
  return Buffer.from(value, 'base64').toString('utf8');
}

export {
  FIC_API_VERSION,
  federatedCredentialName,
  type FederatedCredentialChange,
  type FederatedCredentialRef,
  type FederatedCredentialSpec,
} from './federated-credential.ts';
