// The cloud around the sandbox's cluster: GitHub's OIDC token service, an Entra ID tenant and
// Azure Resource Manager, each on its own HTTPS port with a certificate from one private CA
// (NODE_EXTRA_CA_CERTS=<dir>/cloud-ca.pem lets a Node process trust it). Out of the box: an
// application `pgha-deployer` that trusts the GitHub subject of octo-org/pg-infra's main
// branch and may act on the subscription; the AKS cluster `aks-pg` in `rg-pg`, whose API
// server is the sandbox's and accepts Entra ID tokens for the AKS server application; and the
// managed identity `id-pg-backup` for workload identity. Once the sandbox attaches its
// object store, the Blob front (blob-front.ts) serves Azurite's accounts to Entra ID tokens
// at <blobEndpoint>/<account>; the deployer holds Storage Blob Data Contributor on the
// subscription.
import { randomUUID } from 'node:crypto';
import { makeTls } from '../tls.ts';
import {
  AKS_SERVER_APP_ID,
  AzureResourceManager,
  type ManagedCluster,
  type ManagedIdentity,
} from './arm.ts';
import type { ObjectStore } from '../objectstore/azurite.ts';
import { BlobFront, STORAGE_RESOURCE } from './blob-front.ts';
import { EntraId, TOKEN_EXCHANGE_AUDIENCE, type Application } from './entra.ts';
import { DEFAULT_WORKFLOW, GITHUB_ISSUER, GitHubOidc, subjectOf } from './github-oidc.ts';
import { listen, serve, type Listener } from './http.ts';

export { AKS_SERVER_APP_ID } from './arm.ts';
export { STORAGE_RESOURCE } from './blob-front.ts';
export { GITHUB_ISSUER, subjectOf } from './github-oidc.ts';

export interface CloudOptions {
  location?: string;
  resourceGroup?: string;
  aksCluster?: string;
  identity?: string;
  /** Subject the deployer application trusts (default: octo-org/pg-infra, main branch). */
  trustedSubject?: string;
}

/** What a workflow (or the demo) passes to pgha to use this cloud. */
export interface CloudSettings {
  tenantId: string;
  subscriptionId: string;
  clientId: string;
  resourceGroup: string;
  aksCluster: string;
  identityName: string;
  authorityHost: string;
  armEndpoint: string;
  idTokenRequestUrl: string;
  idTokenRequestToken: string;
  trustedSubject: string;
  /**
   * Base URL of the Blob front, https://127.0.0.1:<port>, once an object store is attached;
   * an account's Blob service URL is <blobEndpoint>/<account> (the teardown input blob-endpoint).
   */
  blobEndpoint?: string;
}

export interface Cloud {
  caPem: string;
  github: GitHubOidc;
  entra: EntraId;
  arm: AzureResourceManager;
  /** Azurite's Blob service behind Entra ID tokens and data-plane roles. */
  blob: BlobFront;
  deployer: Application;
  cluster: ManagedCluster;
  identity: ManagedIdentity;
  settings: CloudSettings;
  /** Points the AKS cluster's credentials at the sandbox's API server. */
  attachCluster(server: { url: string; caPem: string; adminToken: string }): void;
  /** Serves the object store's accounts at settings.blobEndpoint. */
  attachObjectStore(store: ObjectStore): void;
  /** The API server's check for bearer tokens: an Entra ID token for the AKS server app. */
  authenticateKube: (token: string) => boolean;
  /** Action inputs (azure-*, resource-group, aks-cluster, ...) for an OIDC login here. */
  inputs(): Record<string, string>;
  /** Environment of a job with `permissions: id-token: write` that trusts the cloud's CA. */
  env(caFile: string): Record<string, string>;
  stop(): Promise<void>;
}

export async function startCloud(options: CloudOptions = {}): Promise<Cloud> {
  const tls = makeTls('pgha-cloud');
  const github = new GitHubOidc();
  const entra = new EntraId();
  const arm = new AzureResourceManager(entra);
  const resourceGroup = options.resourceGroup ?? 'rg-pg';
  const blob = new BlobFront(entra, arm, resourceGroup);
  const listeners: Listener[] = [];
  try {
    const gh = await listen(tls, (r) => github.handle(r));
    listeners.push(gh);
    const login = await listen(tls, (r) => entra.handle(r));
    listeners.push(login);
    const mgmt = await listen(tls, (r) => arm.handle(r));
    listeners.push(mgmt);
    const storage = await serve(tls, (req, res) => {
      blob.handle(req, res);
    });
    listeners.push(storage);
    entra.url = login.url;
    arm.armEndpoint = mgmt.url;
    entra.issuers.set(GITHUB_ISSUER, () => github.jwks);
    for (const resource of [mgmt.url, AKS_SERVER_APP_ID, STORAGE_RESOURCE])
      entra.resources.add(resource);

    const location = options.location ?? 'westeurope';
    const trustedSubject = options.trustedSubject ?? subjectOf(DEFAULT_WORKFLOW);
    const deployer = entra.addApplication('pgha-deployer');
    deployer.federatedCredentials.push({
      name: 'github-main',
      issuer: GITHUB_ISSUER,
      subject: trustedSubject,
      audiences: [TOKEN_EXCHANGE_AUDIENCE],
    });
    arm.grant(deployer.objectId, arm.subscriptionScope);
    arm.grantStorageData(deployer.objectId, arm.subscriptionScope);
    const cluster: ManagedCluster = {
      resourceGroup,
      name: options.aksCluster ?? 'aks-pg',
      location,
      oidcIssuerUrl: `https://${location}.oic.prod-aks.azure.com/${entra.tenantId}/${randomUUID()}/`,
      disableLocalAccounts: false,
    };
    arm.addCluster(cluster);
    const identity = arm.addIdentity(resourceGroup, options.identity ?? 'id-pg-backup', location);

    const settings: CloudSettings = {
      tenantId: entra.tenantId,
      subscriptionId: arm.subscriptionId,
      clientId: deployer.clientId,
      resourceGroup,
      aksCluster: cluster.name,
      identityName: identity.name,
      authorityHost: login.url,
      armEndpoint: mgmt.url,
      idTokenRequestUrl: `${gh.url}/token?api-version=2.0`,
      idTokenRequestToken: github.requestToken,
      trustedSubject,
    };
    return {
      caPem: tls.caPem,
      github,
      entra,
      arm,
      blob,
      deployer,
      cluster,
      identity,
      settings,
      attachCluster: (server) => {
        cluster.server = server;
      },
      attachObjectStore: (store) => {
        blob.objectStore = store;
        settings.blobEndpoint = storage.url;
      },
      authenticateKube: (token) => entra.verifyAccessToken(token, AKS_SERVER_APP_ID).ok,
      inputs: () => ({
        'azure-client-id': settings.clientId,
        'azure-tenant-id': settings.tenantId,
        'azure-subscription-id': settings.subscriptionId,
        'resource-group': settings.resourceGroup,
        'aks-cluster': settings.aksCluster,
        'azure-authority-host': settings.authorityHost,
        'arm-endpoint': settings.armEndpoint,
      }),
      env: (caFile) => ({
        ACTIONS_ID_TOKEN_REQUEST_URL: settings.idTokenRequestUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: settings.idTokenRequestToken,
        NODE_EXTRA_CA_CERTS: caFile,
      }),
      stop: async () => {
        await Promise.all(listeners.map((l) => l.close()));
      },
    };
  } catch (error) {
    await Promise.all(listeners.map((l) => l.close()));
    throw error;
  }
}
