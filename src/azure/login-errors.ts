// Turns failures of the OIDC login into messages that say the likely cause and what to do.
// Entra ID answers a failed exchange with an AADSTS code inside the OAuth error description;
// @azure/identity and MSAL wrap it in different error classes, so the code is found in the text.
import { ConfigurationError } from '../errors.ts';
import type { FederatedTokenClaims } from './jwt.ts';

export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

export interface LoginErrorContext {
  readonly tenantId: string;
  readonly clientId: string;
  readonly authorityHost: string;
  /** Claims of the last token presented to Entra ID, when one was obtained. */
  readonly presented?: FederatedTokenClaims;
}

/** A failure of core.getIDToken (GitHub's token endpoint), in user terms. */
export function idTokenError(error: unknown): Error {
  const message = errorText(error);
  if (/ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN)/.test(message)) {
    return new ConfigurationError(
      'cannot get a GitHub OIDC token: the workflow lacks `permissions: id-token: write` ' +
        '(ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN are not set). Add to the job or workflow:\n' +
        '  permissions:\n    id-token: write\n    contents: read\n' +
        'Jobs triggered by pull_request from a fork get no OIDC token (GitHub withholds it from forks): ' +
        'skip the Azure steps there, e.g. if: github.event.pull_request.head.repo.full_name == github.repository. ' +
        'Outside GitHub Actions, set AZURE_FEDERATED_TOKEN_FILE to a file that holds the federated token.',
    );
  }
  return new Error(
    `requesting a GitHub OIDC token (audience ${TOKEN_EXCHANGE_AUDIENCE}): ${message}`,
    {
      cause: error,
    },
  );
}

/** The AADSTS code in an error's text or cause chain, e.g. '70021'. */
export function aadstsCode(error: unknown): string | undefined {
  return /AADSTS(\d+)/.exec(errorText(error))?.[1];
}

/** A failed token exchange with Entra ID, explained. */
export function loginError(error: unknown, ctx: LoginErrorContext): Error {
  const code = aadstsCode(error);
  const who = `logging in to Azure as client ${ctx.clientId} in tenant ${ctx.tenantId}`;
  const explain = code === undefined ? undefined : EXPLANATIONS[code];
  if (explain)
    return new ConfigurationError(`${who}: ${explain(ctx, errorText(error))}`, { cause: error });
  if (isUnreachable(error)) {
    const tls = /certificate/i.test(errorText(error))
      ? " A TLS error: trust the host's CA with NODE_EXTRA_CA_CERTS."
      : '';
    return new Error(
      `${who}: cannot reach the authority host ${ctx.authorityHost} or read ` +
        `${ctx.authorityHost}/${ctx.tenantId}/v2.0/.well-known/openid-configuration (${firstLine(error)}). ` +
        'Check azure-authority-host (sovereign clouds: https://login.microsoftonline.us, https://login.chinacloudapi.cn) ' +
        `and azure-tenant-id.${tls}`,
      { cause: error },
    );
  }
  return new Error(`${who}: ${firstLine(error)}`, { cause: error });
}

type Explanation = (ctx: LoginErrorContext, text: string) => string;

const noMatchingCredential: Explanation = (ctx, text) => {
  const issuer = quoted(text, 'Assertion Issuer') ?? ctx.presented?.iss ?? '(unknown)';
  const subject =
    quoted(text, 'Assertion Subject') ??
    quoted(text, 'assertion subject') ??
    ctx.presented?.sub ??
    '(unknown)';
  const caseOnly = /case-insensitive comparison/i.test(text)
    ? ' One matches except for letter case: make the letters equal.'
    : '';
  return [
    `no federated identity credential matches the presented token.${caseOnly}`,
    `  issuer:   ${issuer}`,
    `  subject:  ${subject}`,
    `  audience: ${TOKEN_EXCHANGE_AUDIENCE}`,
    `Add a federated credential with exactly these values (case-sensitive) to the application or managed identity with client ID ${ctx.clientId}, e.g.`,
    `  az identity federated-credential create --identity-name <identity> --resource-group <rg> --name github-pgha --issuer '${issuer}' --subject '${subject}' --audiences ${TOKEN_EXCHANGE_AUDIENCE}`,
    'The subject differs per trigger (ref:refs/heads/<branch>, environment:<name>, pull_request); repositories with ' +
      'customised or immutable subject claims present other forms (e.g. repo:octo-org-123456/octo-repo-456789:ref:refs/heads/main).',
    `Entra ID: ${aadstsLine(text)}`,
  ].join('\n');
};

const EXPLANATIONS: Readonly<Record<string, Explanation>> = {
  '70021': noMatchingCredential,
  '700211': noMatchingCredential,
  '700212': noMatchingCredential,
  '700213': noMatchingCredential,
  '7002137': noMatchingCredential,
  '7002138': noMatchingCredential,
  '700016': (ctx, text) =>
    `no application with client ID ${ctx.clientId} exists in tenant ${ctx.tenantId}. Check azure-client-id ` +
    '(the application (client) ID or the managed identity client ID, not an object ID) and azure-tenant-id, ' +
    `and that the application is in that tenant. Entra ID details: ${aadstsLine(text)}`,
  '700024': (_ctx, text) =>
    'the federated token presented as client assertion is expired or not yet valid. pgha asks for a fresh ' +
    "token for every exchange, so the runner's clock is probably off, or AZURE_FEDERATED_TOKEN_FILE holds a " +
    `token that is no longer refreshed. Entra ID details: ${aadstsLine(text)}`,
  '90002': (ctx, text) =>
    `tenant ${ctx.tenantId} was not found at ${ctx.authorityHost}. Check azure-tenant-id (the directory ID) and, ` +
    `for sovereign clouds, azure-authority-host. Entra ID details: ${aadstsLine(text)}`,
  '700027': (_ctx, text) =>
    "Entra ID could not verify the federated token's signature: the issuer's signing keys were not reachable " +
    `or the token was altered. Entra ID details: ${aadstsLine(text)}`,
};

/** The value after `label` in Entra's description, e.g. Assertion Subject: 'repo:o/r:ref:x'. */
function quoted(text: string, label: string): string | undefined {
  const match = new RegExp(`${label}:? '([^']*)'`).exec(text);
  return match?.[1];
}

/** The first sentence of Entra's description: 'AADSTS70021: No matching ... assertion.' */
function aadstsLine(text: string): string {
  const start = text.indexOf('AADSTS');
  const rest = start < 0 ? text : text.slice(start);
  const line = rest.split(/\\r\\n|\r?\n| Trace ID:/)[0] ?? rest;
  return (/^.*?\.(?=\s|$)/.exec(line)?.[0] ?? line).trim();
}

function isUnreachable(error: unknown): boolean {
  return /endpoints_resolution_error|network_error|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|certificate|self-signed/i.test(
    errorText(error),
  );
}

function firstLine(error: unknown): string {
  return errorText(error).split('\n')[0] ?? '';
}

/** Message, error code and description of an error and its causes, joined. */
export function errorText(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return String(error);
  const parts = [error.message];
  const response = (error as { errorResponse?: { errorDescription?: unknown } }).errorResponse;
  if (typeof response?.errorDescription === 'string') parts.push(response.errorDescription);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') parts.push(code);
  if (error.cause !== undefined && depth < 5) parts.push(errorText(error.cause, depth + 1));
  return parts.join('\n');
}
