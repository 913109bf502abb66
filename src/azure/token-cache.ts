// A token source for one scope: asks the credential only when the cached token is within a
// minute of expiry. ClientAssertionCredential fetches a GitHub token for every getToken call,
// even when MSAL then answers from its cache, so callers go through this instead.
import type { AccessToken, TokenCredential } from '@azure/identity';

export interface TokenSourceOptions {
  readonly setSecret: (secret: string) => void;
  readonly now?: () => number;
  /** Refresh this long before expiry. Default: one minute. */
  readonly refreshMarginMs?: number;
}

/** Returns a function that yields a valid bearer token for `scope`, masking every new one. */
export function tokenSource(
  credential: TokenCredential,
  scope: string,
  options: TokenSourceOptions,
): () => Promise<string> {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 60_000;
  let cached: AccessToken | undefined;
  let pending: Promise<AccessToken> | undefined;
  const fresh = (token: AccessToken | undefined): token is AccessToken =>
    token !== undefined && token.expiresOnTimestamp - margin > now();
  return async () => {
    if (fresh(cached)) return cached.token;
    pending ??= request(credential, scope, options.setSecret).finally(() => {
      pending = undefined;
    });
    cached = await pending;
    return cached.token;
  };
}

async function request(
  credential: TokenCredential,
  scope: string,
  setSecret: (secret: string) => void,
): Promise<AccessToken> {
  const token = await credential.getToken(scope);
  if (!token) throw new Error(`the Azure credential returned no token for scope ${scope}`);
  setSecret(token.token);
  return token;
}
