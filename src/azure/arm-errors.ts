// ARM error responses ({ "error": { "code", "message", "details" } }) as errors that carry
// the operation ("getting AKS cluster aks-pg in rg-pg: ResourceNotFound: ...") and, for the
// mistakes a user fixes in Azure or in the inputs, what to do, as a ConfigurationError.
import { ConfigurationError, ServiceError } from '../errors.ts';

/** An Azure request (ARM, Blob) that failed with an HTTP status and the service's error code. */
export class AzureHttpError extends ServiceError {}

/** An ARM request that failed for a reason that is not the user's to fix (or not known to be). */
export class ArmError extends AzureHttpError {
  override readonly name = 'ArmError';
}

export interface ArmErrorBody {
  readonly code: string;
  readonly message: string;
}

/** Code and message of an ARM error body (standard or top-level form), with details appended. */
export function parseArmError(status: number, body: unknown): ArmErrorBody {
  const outer = asRecord(body);
  const inner = asRecord(outer?.error) ?? outer;
  const code = typeof inner?.code === 'string' ? inner.code : `HTTP ${status}`;
  const message =
    typeof inner?.message === 'string' ? inner.message : typeof body === 'string' ? body : '';
  const details = Array.isArray(inner?.details) ? inner.details.map(asRecord) : [];
  const extra = details.flatMap((d) =>
    typeof d?.message === 'string'
      ? [`${typeof d.code === 'string' ? d.code : 'detail'}: ${d.message}`]
      : [],
  );
  return { code, message: [message.trim(), ...extra].filter(Boolean).join(' | ') };
}

/** Codes Azure returns under conflict or load that a later attempt can get past. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  // Writes of federated credentials of one identity must not overlap; Azure rejects the later ones.
  'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity',
  'OperationNotAllowed_ConcurrentOperation',
]);

export function isRetryable(status: number, code: string): boolean {
  return status === 429 || status >= 500 || RETRYABLE_CODES.has(code);
}

/** The error to throw for a failed ARM request made for `context`. */
export function armError(
  context: string,
  status: number,
  body: unknown,
  requestId?: string,
): Error {
  const parsed = parseArmError(status, body);
  const text = `${context}: ${parsed.code}: ${parsed.message || `HTTP ${status}`}`;
  const hint = userHint(parsed, status);
  if (hint !== undefined) return new ConfigurationError(`${text}. ${hint}`);
  const id = requestId ? ` (x-ms-request-id ${requestId})` : '';
  return new ArmError(`${text}${id}`, status, parsed.code);
}

const NOT_FOUND = new Set(['ResourceNotFound', 'ResourceGroupNotFound', 'ParentResourceNotFound']);

function userHint(error: ArmErrorBody, status: number): string | undefined {
  if (error.code === 'AuthorizationFailed' || error.code === 'LinkedAuthorizationFailed') {
    return roleHint(error.message);
  }
  if (NOT_FOUND.has(error.code) || (status === 404 && error.code === 'NotFound')) {
    return 'Check azure-subscription-id, resource-group and the resource name; the identity must be able to read it.';
  }
  if (error.code === 'SubscriptionNotFound' || error.code === 'InvalidSubscriptionId') {
    return 'Check azure-subscription-id, and that the identity has a role in that subscription.';
  }
  if (error.code === 'InvalidAuthenticationTokenTenant') {
    return 'The subscription belongs to another tenant than azure-tenant-id: use the tenant of the subscription.';
  }
  if (/local accounts/i.test(error.message)) {
    return 'The cluster disables local accounts: set aks-admin: false to use Entra ID user credentials, and give the identity an AKS RBAC role (e.g. Azure Kubernetes Service RBAC Cluster Admin).';
  }
  return undefined;
}

const ROLES: readonly [RegExp, string][] = [
  [/listClusterUserCredential/i, 'Azure Kubernetes Service Cluster User Role on the AKS cluster'],
  [/listClusterAdminCredential/i, 'Azure Kubernetes Service Cluster Admin Role on the AKS cluster'],
  [/federatedIdentityCredentials/i, 'Managed Identity Contributor on the managed identity'],
  [/managedClusters\/read/i, 'Reader on the AKS cluster or its resource group'],
];

function roleHint(message: string): string {
  const role = ROLES.find(([pattern]) => pattern.test(message))?.[1];
  const grant = role
    ? `Grant the identity ${role}`
    : 'Grant the identity a role that allows this action';
  return `${grant} (az role assignment create --assignee <client id> --role ... --scope ...). A role assigned in the last minutes may not be effective yet: re-run the job.`;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
