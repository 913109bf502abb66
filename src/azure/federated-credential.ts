// Federated identity credentials of a user-assigned managed identity: the trust that lets the
// CNPG cluster's service account (system:serviceaccount:<namespace>:<cluster>) act as the
// identity through the AKS OIDC issuer, for backups to Azure Blob Storage.
import { createHash } from 'node:crypto';
import type { Logger } from '../logging.ts';
import type { ArmHttp } from './arm-http.ts';
import { TOKEN_EXCHANGE_AUDIENCE } from './login-errors.ts';

/** Microsoft.ManagedIdentity, the current GA version (2023-01-31 is the previous one). */
export const FIC_API_VERSION = '2024-11-30';

export interface FederatedCredentialRef {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  /** Name of the user-assigned managed identity. */
  readonly identity: string;
  /** Name of the federated credential, see federatedCredentialName. */
  readonly name: string;
}

export interface FederatedCredentialSpec extends FederatedCredentialRef {
  readonly issuer: string;
  readonly subject: string;
}

export type FederatedCredentialChange = 'created' | 'updated' | 'unchanged';

const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/;
const KUBE_NAME = /^[a-z0-9-]+$/;

/**
 * pgha-<namespace>_<cluster>: deterministic, and unambiguous because Kubernetes names hold no
 * underscore. Names that would be too long or invalid end in a hash of both parts instead.
 */
export function federatedCredentialName(namespace: string, cluster: string): string {
  const plain = `pgha-${namespace}_${cluster}`;
  if (KUBE_NAME.test(namespace) && KUBE_NAME.test(cluster) && NAME_PATTERN.test(plain))
    return plain;
  const hash = createHash('sha256').update(`${namespace}\n${cluster}`).digest('hex').slice(0, 16);
  const readable = plain.replace(/[^a-zA-Z0-9_-]/g, '-').slice(0, 120 - hash.length - 1);
  return `${readable}-${hash}`;
}

function credentialPath(ref: FederatedCredentialRef): string {
  return (
    `/subscriptions/${encodeURIComponent(ref.subscriptionId)}/resourceGroups/${encodeURIComponent(ref.resourceGroup)}` +
    `/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${encodeURIComponent(ref.identity)}` +
    `/federatedIdentityCredentials/${encodeURIComponent(ref.name)}`
  );
}

function describe(ref: FederatedCredentialRef): string {
  return `federated credential ${ref.name} of managed identity ${ref.identity} in ${ref.resourceGroup}`;
}

interface StoredCredential {
  readonly issuer?: string;
  readonly subject?: string;
  readonly audiences?: readonly string[];
}

/**
 * Creates or updates the credential; reads it first and writes nothing when it already matches.
 * 'unchanged' too when another credential of the identity already holds this issuer and subject
 * (created by hand, e.g. following the AKS guide): Azure allows each pair once per identity.
 */
export async function ensureFederatedCredential(
  http: ArmHttp,
  logger: Logger,
  spec: FederatedCredentialSpec,
): Promise<FederatedCredentialChange> {
  const where = describe(spec);
  const current = await http({
    method: 'GET',
    path: credentialPath(spec),
    apiVersion: FIC_API_VERSION,
    context: `reading ${where}`,
    allowNotFound: true,
  });
  const stored = current.status === 404 ? undefined : propertiesOf(current.body);
  if (stored && matches(stored, spec)) return 'unchanged';
  if (stored?.issuer !== undefined && stored.issuer !== spec.issuer) {
    logger.warning(
      `${where} trusted issuer ${stored.issuer} (another AKS cluster?); it now trusts ${spec.issuer}`,
    );
  }
  const written = await writeCredential(http, logger, spec, stored ? 'updating' : 'creating');
  if (!written) return 'unchanged';
  return stored ? 'updated' : 'created';
}

/** PUTs the credential; false when another credential of the identity holds the same trust. */
async function writeCredential(
  http: ArmHttp,
  logger: Logger,
  spec: FederatedCredentialSpec,
  verb: 'creating' | 'updating',
): Promise<boolean> {
  const properties = {
    issuer: spec.issuer,
    subject: spec.subject,
    audiences: [TOKEN_EXCHANGE_AUDIENCE],
  };
  const context = `${verb} ${describe(spec)} (issuer ${spec.issuer}, subject ${spec.subject})`;
  try {
    const path = credentialPath(spec);
    await http({ method: 'PUT', path, apiVersion: FIC_API_VERSION, body: { properties }, context });
    return true;
  } catch (error) {
    const twin = isDuplicate(error) ? await sameTrust(http, spec) : undefined;
    if (twin === undefined) throw withLimitHint(error);
    logger.info(
      `${describe({ ...spec, name: twin })} already trusts ${spec.subject}; left as it is`,
    );
    return false;
  }
}

/** Name of another credential of the identity with the same issuer, subject and audience. */
async function sameTrust(
  http: ArmHttp,
  spec: FederatedCredentialSpec,
): Promise<string | undefined> {
  const path = credentialPath({ ...spec, name: '' }).replace(/\/$/, '');
  const context = `listing federated credentials of managed identity ${spec.identity} in ${spec.resourceGroup}`;
  const { body } = await http({ method: 'GET', path, apiVersion: FIC_API_VERSION, context });
  const items = (body as { value?: { name?: string; properties?: unknown }[] } | undefined)?.value;
  const twin = (items ?? []).find((item) => matches(propertiesOf(item), spec));
  return twin?.name;
}

function isDuplicate(error: unknown): boolean {
  return error instanceof Error && /already exists?/i.test(error.message);
}

/** Deletes the credential; 'absent' when there was none (already deleted, or never created). */
export async function deleteFederatedCredential(
  http: ArmHttp,
  ref: FederatedCredentialRef,
): Promise<'deleted' | 'absent'> {
  const context = `deleting ${describe(ref)}`;
  const result = await http({
    method: 'DELETE',
    path: credentialPath(ref),
    apiVersion: FIC_API_VERSION,
    context,
    allowNotFound: true,
  });
  // ARM's convention: 200 when deleted, 204 when there was nothing to delete.
  return result.status === 204 || result.status === 404 ? 'absent' : 'deleted';
}

function propertiesOf(resource: unknown): StoredCredential {
  const properties = (resource as { properties?: StoredCredential } | undefined)?.properties;
  return properties ?? {};
}

function matches(stored: StoredCredential, spec: FederatedCredentialSpec): boolean {
  const audiences = stored.audiences ?? [];
  return (
    stored.issuer === spec.issuer &&
    stored.subject === spec.subject &&
    audiences.length === 1 &&
    audiences[0] === TOKEN_EXCHANGE_AUDIENCE
  );
}

/** A managed identity holds at most 20 federated credentials: say what to do when a PUT hits it. */
function withLimitHint(error: unknown): unknown {
  if (error instanceof Error && /limit|maximum|exceed/i.test(error.message)) {
    error.message +=
      '. A managed identity holds at most 20 federated credentials: delete those of removed clusters (pgha teardown deletes the ones it created), or use another identity.';
  }
  return error;
}
