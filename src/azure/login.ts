// Logs in to Azure with GitHub OIDC federation: Entra ID exchanges a GitHub OIDC token (the
// client assertion) for Azure tokens, so no secret is stored anywhere. @azure/identity is
// imported only here and only when a run logs in, to keep the bundle's cold start small.
import { readFile } from 'node:fs/promises';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { ConfigurationError } from '../errors.ts';
import type { Logger } from '../logging.ts';
import { decodeJwtClaims, formatClaims, type FederatedTokenClaims } from './jwt.ts';
import { TOKEN_EXCHANGE_AUDIENCE, errorText, idTokenError, loginError } from './login-errors.ts';

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** Authority hosts of Microsoft's clouds, where Entra instance discovery works. */
const MICROSOFT_AUTHORITY_HOSTS: ReadonlySet<string> = new Set([
  'login.microsoftonline.com',
  'login.windows.net',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

export interface AzureLoginOptions {
  readonly tenantId: string;
  readonly clientId: string;
  /** Input azure-authority-host: sovereign clouds and the sandbox. Default: public cloud. */
  readonly authorityHost?: string;
  /** core.getIDToken: asks GitHub for an OIDC token with this audience. */
  readonly getIdToken: (audience: string) => Promise<string>;
  /** AZURE_FEDERATED_TOKEN_FILE: read the federated token from this file (runs outside GitHub). */
  readonly federatedTokenFile?: string;
  readonly logger: Logger;
  readonly setSecret: (secret: string) => void;
  /** Clock, for tests. */
  readonly now?: () => number;
}

/** What the assertion callback learnt, for the log line or the error of the exchange. */
interface LoginState {
  presented?: FederatedTokenClaims;
  /** Where the presented token came from, for the log line. */
  source?: string;
  assertionError?: Error;
  loggedIn?: boolean;
}

/**
 * A credential that exchanges a fresh federated token for every Entra ID token request.
 * Every access token it returns is masked; failures say the likely cause and what to do.
 */
export async function azureCredential(options: AzureLoginOptions): Promise<TokenCredential> {
  const authorityHost = authorityHostOf(options.authorityHost);
  requireIds(options);
  const state: LoginState = {};
  const { ClientAssertionCredential } = await import('@azure/identity');
  const inner = new ClientAssertionCredential(
    options.tenantId,
    options.clientId,
    assertionSource(options, state),
    { authorityHost, disableInstanceDiscovery: !isMicrosoftAuthorityHost(authorityHost) },
  );
  const context = { tenantId: options.tenantId, clientId: options.clientId, authorityHost };
  return {
    async getToken(
      scopes: string | string[],
      tokenOptions?: GetTokenOptions,
    ): Promise<AccessToken> {
      try {
        const token = await inner.getToken(scopes, tokenOptions);
        options.setSecret(token.token);
        logLoggedIn(options, state);
        return token;
      } catch (error) {
        const own = state.assertionError;
        state.assertionError = undefined;
        throw own ?? loginError(error, { ...context, presented: state.presented });
      }
    },
  };
}

/**
 * MSAL calls the assertion callback twice per exchange (client configuration, then request):
 * a token fetched this recently is reused, anything older is fetched anew.
 */
const ASSERTION_REUSE_MS = 10_000;

/** The assertion callback: a fresh token per exchange; its claims are logged before the first. */
function assertionSource(options: AzureLoginOptions, state: LoginState): () => Promise<string> {
  const now = options.now ?? Date.now;
  let recent: { token: string; at: number } | undefined;
  return async () => {
    if (recent && now() - recent.at < ASSERTION_REUSE_MS) return recent.token;
    try {
      const token = await federatedToken(options);
      options.setSecret(token);
      if (!state.presented) {
        state.source = tokenSource(options);
        state.presented = logPresented(token, state.source, options.logger);
      }
      recent = { token, at: now() };
      return token;
    } catch (error) {
      // MSAL rewraps callback errors into a generic class; keep ours to rethrow as thrown.
      state.assertionError = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
  };
}

async function federatedToken(options: AzureLoginOptions): Promise<string> {
  if (options.federatedTokenFile) return readTokenFile(options.federatedTokenFile);
  try {
    return await options.getIdToken(TOKEN_EXCHANGE_AUDIENCE);
  } catch (error) {
    throw idTokenError(error);
  }
}

async function readTokenFile(file: string): Promise<string> {
  let token: string;
  try {
    token = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    throw new ConfigurationError(
      `AZURE_FEDERATED_TOKEN_FILE is ${file}, which cannot be read: ${errorText(error).split('\n')[0] ?? ''}. ` +
        'Point it at the projected service account token, or unset it to use the GitHub OIDC token.',
    );
  }
  if (!token)
    throw new ConfigurationError(`AZURE_FEDERATED_TOKEN_FILE is ${file}, which is empty.`);
  return token;
}

function tokenSource(options: AzureLoginOptions): string {
  return options.federatedTokenFile
    ? `federated token from AZURE_FEDERATED_TOKEN_FILE (${options.federatedTokenFile})`
    : 'GitHub OIDC token';
}

/**
 * Reads who the token says the workflow is (never the token) for the success line and for the
 * error of a refused exchange, which explains federated subjects; here only a debug line.
 */
function logPresented(token: string, source: string, logger: Logger): FederatedTokenClaims {
  let claims: FederatedTokenClaims;
  try {
    claims = decodeJwtClaims(token);
  } catch (error) {
    logger.warning(`Cannot show the claims of the ${source}: ${errorText(error)}`);
    return {};
  }
  logger.debug(`Presenting the ${source} to Entra ID: ${formatClaims(claims)}`);
  return claims;
}

/** One line after the first exchange Entra ID accepted: who logged in, with which subject. */
function logLoggedIn(options: AzureLoginOptions, state: LoginState): void {
  if (state.loggedIn) return;
  state.loggedIn = true;
  const claims = state.presented ? formatClaims(state.presented) : '';
  options.logger.info(
    `Logged in to Azure as client ${options.clientId} with the ${state.source ?? 'federated token'}` +
      (claims ? `: ${claims}` : ''),
  );
}

/** The authority host as an https origin; a user mistake when it is not one. */
export function authorityHostOf(input: string | undefined): string {
  if (!input) return DEFAULT_AUTHORITY_HOST;
  let url: URL | undefined;
  try {
    url = new URL(input);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' || (url.pathname !== '/' && url.pathname !== '')) {
    throw new ConfigurationError(
      `input 'azure-authority-host': '${input}' is not an https origin (example: https://login.microsoftonline.us)`,
    );
  }
  return url.origin;
}

/** Microsoft's clouds support instance discovery; other hosts (the sandbox, ADFS) do not. */
export function isMicrosoftAuthorityHost(authorityHost: string): boolean {
  return MICROSOFT_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname.toLowerCase());
}

function requireIds(options: AzureLoginOptions): void {
  const missing = [
    ['azure-tenant-id', options.tenantId],
    ['azure-client-id', options.clientId],
  ].filter(([, value]) => !value);
  if (missing.length > 0) {
    const names = missing.map(([name]) => `'${name ?? ''}'`).join(' and ');
    throw new ConfigurationError(
      `input ${names}: required to log in to Azure with OIDC (example: 00000000-0000-0000-0000-000000000000)`,
    );
  }
}
