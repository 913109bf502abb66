// Reads the claims of a federated token (GitHub OIDC or a projected service account token)
// without verifying it: Entra ID verifies it; pgha only shows what it presents, so that a
// subject mismatch can be diagnosed from the log. The token itself is never part of a message.

/** The claims that decide whether a federated identity credential matches. */
export interface FederatedTokenClaims {
  readonly iss?: string;
  readonly sub?: string;
  readonly aud?: string | readonly string[];
  readonly job_workflow_ref?: string;
  /** Seconds since the epoch. */
  readonly exp?: number;
  readonly nbf?: number;
}

/** Decodes the payload of a JWT (header.payload.signature); throws without quoting the token. */
export function decodeJwtClaims(token: string): FederatedTokenClaims {
  const parts = token.trim().split('.');
  const payload = parts[1];
  if (parts.length !== 3 || !payload) {
    throw new Error(`not a JWT: expected 3 dot-separated parts, found ${parts.length}`);
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new Error('not a JWT: the payload is not base64url-encoded JSON');
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new Error('not a JWT: the payload is not a JSON object');
  }
  return pickClaims(claims as Record<string, unknown>);
}

function pickClaims(raw: Record<string, unknown>): FederatedTokenClaims {
  const text = (key: string): string | undefined =>
    typeof raw[key] === 'string' ? raw[key] : undefined;
  const seconds = (key: string): number | undefined =>
    typeof raw[key] === 'number' ? raw[key] : undefined;
  const aud = raw.aud;
  const audiences = Array.isArray(aud) ? aud.filter((a) => typeof a === 'string') : undefined;
  return {
    iss: text('iss'),
    sub: text('sub'),
    aud: typeof aud === 'string' ? aud : audiences,
    job_workflow_ref: text('job_workflow_ref'),
    exp: seconds('exp'),
    nbf: seconds('nbf'),
  };
}

/** One line: iss, sub, aud, job_workflow_ref as the token carries them (absent ones left out). */
export function formatClaims(claims: FederatedTokenClaims): string {
  const aud = Array.isArray(claims.aud) ? claims.aud.join(',') : claims.aud;
  const pairs: [string, string | undefined][] = [
    ['iss', claims.iss],
    ['sub', claims.sub],
    ['aud', aud as string | undefined],
    ['job_workflow_ref', claims.job_workflow_ref],
  ];
  return pairs
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}
