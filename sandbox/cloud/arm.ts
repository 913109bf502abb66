// Azure Resource Manager for one subscription, as far as pgha calls it: the AKS managed
// cluster (GET, listClusterUserCredential, listClusterAdminCredential) and user-assigned
// managed identities with their federated identity credentials (PUT, GET, DELETE, list).
// Requests need an Entra ID token for the ARM audience and a role assignment whose scope
// covers the resource; errors carry ARM's codes and messages. A federated credential written
// here becomes a trust of the identity's application in Entra ID, as in Azure. Data-plane
// roles (Storage Blob Data *) are kept apart from the control-plane assignments, as Azure
// keeps them apart: a subscription Owner may not read blobs without one.
import { randomUUID } from 'node:crypto';
import { dump } from 'js-yaml';
import type { Application, EntraId } from './entra.ts';
import { bearer, json, type Reply, type Request } from './http.ts';

export const AKS_API_VERSIONS = new Set(['2025-10-01', '2025-08-01', '2024-09-01']);
export const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';
/** Azure allows at most 20 federated identity credentials per managed identity. */
export const MAX_FEDERATED_CREDENTIALS = 20;

export interface ManagedCluster {
  resourceGroup: string;
  name: string;
  location: string;
  oidcIssuerUrl: string;
  disableLocalAccounts: boolean;
  /** The API server the credentials point at. */
  server?: { url: string; caPem: string; adminToken: string };
}

/** The built-in roles that authorise Blob data access with an Entra ID token. */
export type StorageDataRole =
  'Storage Blob Data Reader' | 'Storage Blob Data Contributor' | 'Storage Blob Data Owner';

/** What a Blob request does, as the data actions of the roles distinguish it. */
export type BlobDataAction = 'read' | 'write' | 'delete';

const ROLE_ACTIONS: Readonly<Record<StorageDataRole, readonly BlobDataAction[]>> = {
  'Storage Blob Data Reader': ['read'],
  'Storage Blob Data Contributor': ['read', 'write', 'delete'],
  'Storage Blob Data Owner': ['read', 'write', 'delete'],
};

export interface ManagedIdentity {
  resourceGroup: string;
  name: string;
  location: string;
  app: Application;
}

export class AzureResourceManager {
  readonly subscriptionId = randomUUID();
  readonly resourceGroups = new Set<string>();
  readonly clusters = new Map<string, ManagedCluster>();
  readonly identities = new Map<string, ManagedIdentity>();
  /** Role assignments: object id of the principal -> scopes it may act on. */
  readonly roleAssignments = new Map<string, string[]>();
  /** Data-plane role assignments: object id of the principal -> role and scope. */
  readonly dataRoleAssignments = new Map<string, { role: StorageDataRole; scope: string }[]>();
  /** Every authenticated request, as "METHOD path" (no query, no headers). */
  readonly requests: string[] = [];
  armEndpoint = '';

  readonly entra: EntraId;

  constructor(entra: EntraId) {
    this.entra = entra;
  }

  get subscriptionScope(): string {
    return `/subscriptions/${this.subscriptionId}`;
  }

  addCluster(cluster: ManagedCluster): void {
    this.resourceGroups.add(cluster.resourceGroup.toLowerCase());
    this.clusters.set(key(cluster.resourceGroup, cluster.name), cluster);
  }

  addIdentity(resourceGroup: string, name: string, location: string): ManagedIdentity {
    this.resourceGroups.add(resourceGroup.toLowerCase());
    const identity = { resourceGroup, name, location, app: this.entra.addApplication(name) };
    this.identities.set(key(resourceGroup, name), identity);
    return identity;
  }

  grant(objectId: string, scope: string): void {
    this.roleAssignments.set(objectId, [...(this.roleAssignments.get(objectId) ?? []), scope]);
  }

  /** Assigns a Storage Blob Data role (default Contributor) at a scope, e.g. the subscription. */
  grantStorageData(
    principalId: string,
    scope: string,
    role: StorageDataRole = 'Storage Blob Data Contributor',
  ): void {
    const assignments = this.dataRoleAssignments.get(principalId) ?? [];
    this.dataRoleAssignments.set(principalId, [...assignments, { role, scope }]);
  }

  /** The resource ID of a storage account (sandbox accounts live in `resourceGroup`). */
  storageAccountId(resourceGroup: string, account: string): string {
    return `${this.subscriptionScope}/resourceGroups/${resourceGroup}/providers/Microsoft.Storage/storageAccounts/${account}`;
  }

  /** Whether a data role of the principal at or above `resource` allows `action`. */
  mayUseBlobData(principalId: string, resource: string, action: BlobDataAction): boolean {
    return (this.dataRoleAssignments.get(principalId) ?? []).some(
      (a) => ROLE_ACTIONS[a.role].includes(action) && covers(a.scope, resource),
    );
  }

  handle(req: Request): Reply {
    const token = bearer(req);
    if (!token)
      return armError(
        401,
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is missing.",
      );
    const checked = this.entra.verifyAccessToken(token, this.armEndpoint);
    if (!checked.ok)
      return armError(
        401,
        'InvalidAuthenticationToken',
        `The access token is invalid (${checked.problem}).`,
      );
    const apiVersion = req.url.searchParams.get('api-version');
    if (!apiVersion)
      return armError(
        400,
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.',
      );
    const path = req.url.pathname.replace(/\/$/, '');
    this.requests.push(`${req.method} ${path}`);
    const m =
      /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/([^/]+\/[^/]+)\/([^/]+)(?:\/(.*))?$/i.exec(
        path,
      );
    if (!m)
      return armError(
        404,
        'InvalidResourceType',
        `The resource path '${path}' is not served here.`,
      );
    const [, sub = '', rg = '', provider = '', name = '', rest = ''] = [...m].map((s) =>
      decodeURIComponent((s as string | undefined) ?? ''),
    );
    if (sub !== this.subscriptionId)
      return armError(404, 'SubscriptionNotFound', `The subscription '${sub}' could not be found.`);
    const objectId = String(checked.claims.oid);
    const action = actionOf(provider, rest, req.method);
    if (!this.#allowed(objectId, path))
      return armError(
        403,
        'AuthorizationFailed',
        `The client '${objectId}' with object id '${objectId}' does not have authorization to perform action '${action}' over scope '${path}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      );
    if (!this.resourceGroups.has(rg.toLowerCase()))
      return armError(404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
    if (provider.toLowerCase() === 'microsoft.containerservice/managedclusters')
      return this.#cluster(req, rg, name, rest, apiVersion);
    if (provider.toLowerCase() === 'microsoft.managedidentity/userassignedidentities')
      return this.#identity(req, rg, name, rest);
    return armError(
      400,
      'InvalidResourceNamespace',
      `The resource namespace '${provider.split('/')[0] ?? ''}' is invalid.`,
    );
  }

  #allowed(objectId: string, path: string): boolean {
    return (this.roleAssignments.get(objectId) ?? []).some((scope) => covers(scope, path));
  }

  #cluster(req: Request, rg: string, name: string, rest: string, apiVersion: string): Reply {
    if (!AKS_API_VERSIONS.has(apiVersion))
      return armError(
        400,
        'NoRegisteredProviderFound',
        `No registered resource provider found for location and API version '${apiVersion}' and type 'managedClusters'. The supported api-versions are '${[...AKS_API_VERSIONS].join(', ')}'.`,
      );
    const cluster = this.clusters.get(key(rg, name));
    if (!cluster) return notFound('Microsoft.ContainerService/managedClusters', name, rg);
    if (rest === '' && req.method === 'GET') return json(200, this.#clusterBody(cluster));
    if (
      req.method !== 'POST' ||
      (rest !== 'listClusterUserCredential' && rest !== 'listClusterAdminCredential')
    )
      return armError(
        405,
        'MethodNotAllowed',
        `${req.method} ${rest || 'managedClusters'} is not supported here.`,
      );
    if (!cluster.server)
      return armError(409, 'OperationNotAllowed', `The cluster '${name}' has no API server yet.`);
    const admin = rest === 'listClusterAdminCredential';
    if (admin && cluster.disableLocalAccounts)
      return armError(
        400,
        'BadRequest',
        'Getting static credential is not allowed because this cluster is set to disable local accounts.',
      );
    const kubeconfig = admin
      ? adminKubeconfig(cluster)
      : userKubeconfig(cluster, this.entra.tenantId);
    return json(200, {
      kubeconfigs: [
        {
          name: admin ? 'clusterAdmin' : 'clusterUser',
          value: Buffer.from(kubeconfig).toString('base64'),
        },
      ],
    });
  }

  #clusterBody(c: ManagedCluster): unknown {
    const fqdn = `${c.name}-dns-sandbox.hcp.${c.location}.azmk8s.io`;
    return {
      id: `${this.subscriptionScope}/resourcegroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${c.name}`,
      location: c.location,
      name: c.name,
      type: 'Microsoft.ContainerService/ManagedClusters',
      properties: {
        provisioningState: 'Succeeded',
        powerState: { code: 'Running' },
        kubernetesVersion: '1.33.3',
        dnsPrefix: `${c.name}-dns`,
        fqdn,
        azurePortalFQDN: fqdn.replace('.hcp.', '.portal.hcp.'),
        aadProfile: { managed: true, enableAzureRBAC: true, tenantID: this.entra.tenantId },
        disableLocalAccounts: c.disableLocalAccounts,
        oidcIssuerProfile: { enabled: true, issuerURL: c.oidcIssuerUrl },
        securityProfile: { workloadIdentity: { enabled: true } },
      },
    };
  }

  #identity(req: Request, rg: string, name: string, rest: string): Reply {
    const identity = this.identities.get(key(rg, name));
    if (!identity) return notFound('Microsoft.ManagedIdentity/userAssignedIdentities', name, rg);
    const id = `${this.subscriptionScope}/resourcegroups/${identity.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${identity.name}`;
    if (rest === '' && req.method === 'GET')
      return json(200, {
        id,
        name: identity.name,
        location: identity.location,
        type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
        properties: {
          tenantId: this.entra.tenantId,
          principalId: identity.app.objectId,
          clientId: identity.app.clientId,
        },
      });
    const fic = /^federatedIdentityCredentials(?:\/([^/]+))?$/i.exec(rest);
    if (!fic)
      return armError(
        404,
        'InvalidResourceType',
        `The resource type '${rest}' is not served here.`,
      );
    const creds = identity.app.federatedCredentials;
    const ficName = fic[1];
    const body = (c: (typeof creds)[number]) => ({
      id: `${id}/federatedIdentityCredentials/${c.name}`,
      name: c.name,
      type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
      properties: { issuer: c.issuer, subject: c.subject, audiences: c.audiences },
    });
    if (ficName === undefined)
      return req.method === 'GET'
        ? json(200, { value: creds.map(body) })
        : armError(405, 'MethodNotAllowed', `${req.method} is not allowed on the collection.`);
    const index = creds.findIndex((c) => c.name === ficName);
    if (req.method === 'GET')
      return index < 0
        ? armError(404, 'NotFound', `Federated Identity Credential '${ficName}' not found.`)
        : json(200, body(creds[index] as (typeof creds)[number]));
    if (req.method === 'DELETE') {
      if (index < 0) return json(204);
      creds.splice(index, 1);
      return json(200);
    }
    if (req.method !== 'PUT')
      return armError(405, 'MethodNotAllowed', `${req.method} is not allowed.`);
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/.test(ficName))
      return armError(
        400,
        'BadRequest',
        `Invalid federated identity credential name '${ficName}': 3 to 120 characters, letters, digits, '-' or '_', starting with a letter or digit.`,
      );
    const props = (
      parse(req.body) as
        | { properties?: Partial<Record<'issuer' | 'subject', unknown>> & { audiences?: unknown } }
        | undefined
    )?.properties;
    const issuer = typeof props?.issuer === 'string' ? props.issuer : '';
    const subject = typeof props?.subject === 'string' ? props.subject : '';
    const audiences = Array.isArray(props?.audiences) ? props.audiences.map(String) : [];
    if (!issuer.startsWith('https://') || !subject || audiences.length !== 1)
      return armError(
        400,
        'BadRequest',
        'A federated identity credential needs properties.issuer (an https URL), properties.subject and exactly one audience.',
      );
    const twin = creds.find(
      (c) => c.name !== ficName && c.issuer === issuer && c.subject === subject,
    );
    if (twin)
      return armError(
        400,
        'BadRequest',
        `FederatedIdentityCredential with issuer '${issuer}' and subject '${subject}' already exists (${twin.name}).`,
      );
    const record = { name: ficName, issuer, subject, audiences };
    if (index >= 0) {
      creds[index] = record;
      return json(200, body(record));
    }
    if (creds.length >= MAX_FEDERATED_CREDENTIALS)
      return armError(
        400,
        'BadRequest',
        `Too many Federated Identity Credentials are written to the managed identity '${identity.name}': at most ${MAX_FEDERATED_CREDENTIALS} are allowed.`,
      );
    creds.push(record);
    return json(201, body(record));
  }
}

const key = (rg: string, name: string): string => `${rg.toLowerCase()}/${name.toLowerCase()}`;

/** Whether a role assignment's scope is `resource` or one of its parents (case-insensitive). */
function covers(scope: string, resource: string): boolean {
  const [s, r] = [scope.toLowerCase().replace(/\/$/, ''), resource.toLowerCase()];
  return r === s || r.startsWith(`${s}/`);
}

function actionOf(provider: string, rest: string, method: string): string {
  if (rest.startsWith('list')) return `${provider}/${rest}/action`;
  const base = rest ? `${provider}/${rest.split('/')[0] ?? ''}` : provider;
  return `${base}/${method === 'GET' ? 'read' : method === 'DELETE' ? 'delete' : 'write'}`;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function notFound(type: string, name: string, rg: string): Reply {
  return armError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

export function armError(status: number, code: string, message: string): Reply {
  return json(
    status,
    { error: { code, message } },
    { 'x-ms-request-id': randomUUID(), 'x-ms-correlation-request-id': randomUUID() },
  );
}

function clusterEntry(c: ManagedCluster) {
  const server = c.server;
  if (!server) throw new Error('cluster without server');
  return {
    name: c.name,
    cluster: {
      'certificate-authority-data': Buffer.from(server.caPem).toString('base64'),
      server: server.url,
    },
  };
}

/** As AKS returns it for clusters with Entra ID integration: kubelogin in an exec block. */
function userKubeconfig(c: ManagedCluster, tenantId: string): string {
  const user = `clusterUser_${c.resourceGroup}_${c.name}`;
  return dump({
    apiVersion: 'v1',
    clusters: [clusterEntry(c)],
    contexts: [{ context: { cluster: c.name, user }, name: c.name }],
    'current-context': c.name,
    kind: 'Config',
    preferences: {},
    users: [
      {
        name: user,
        user: {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1beta1',
            args: [
              'get-token',
              '--environment',
              'AzurePublicCloud',
              '--server-id',
              AKS_SERVER_APP_ID,
              '--client-id',
              '80faf920-1908-4b52-b5ef-a8e7bedfc67a',
              '--tenant-id',
              tenantId,
              '--login',
              'devicecode',
            ],
            command: 'kubelogin',
            env: null,
            installHint:
              '\nkubelogin is not installed which is required to connect to AAD enabled cluster.\n\nTo learn more, please go to https://aka.ms/aks/kubelogin\n',
            provideClusterInfo: false,
          },
        },
      },
    ],
  });
}

/** Local account credentials: a static token that bypasses Entra ID. */
function adminKubeconfig(c: ManagedCluster): string {
  const user = `clusterAdmin_${c.resourceGroup}_${c.name}`;
  return dump({
    apiVersion: 'v1',
    clusters: [clusterEntry(c)],
    contexts: [{ context: { cluster: c.name, user }, name: `${c.name}-admin` }],
    'current-context': `${c.name}-admin`,
    kind: 'Config',
    preferences: {},
    users: [{ name: user, user: { token: c.server?.adminToken ?? '' } }],
  });
}
