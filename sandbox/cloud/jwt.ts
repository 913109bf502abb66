// RS256 JSON Web Tokens for the cloud stand-ins: each issuer signs with its own key and
// publishes the public half as a JWKS; verifiers look the key up by `kid`, as Entra ID does
// with GitHub's keys and as AKS does with Entra ID's.
import { createPublicKey, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';

export type Claims = Record<string, unknown>;

export interface Jwk extends JsonWebKey {
  kid: string;
  use: 'sig';
  alg: 'RS256';
}

export class SigningKey {
  readonly kid = randomUUID();
  readonly #privateKey: KeyObject;
  readonly jwk: Jwk;

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.#privateKey = pair.privateKey;
    this.jwk = {
      ...pair.publicKey.export({ format: 'jwk' }),
      kid: this.kid,
      use: 'sig',
      alg: 'RS256',
    };
  }

  sign(claims: Claims): string {
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const data = `${part({ alg: 'RS256', typ: 'JWT', kid: this.kid })}.${part(claims)}`;
    return `${data}.${sign('sha256', Buffer.from(data), this.#privateKey).toString('base64url')}`;
  }
}

export type Verified = { ok: true; claims: Claims } | { ok: false; problem: string };

/** Checks the token's structure and RS256 signature against a key of the JWKS. */
export function verifySignature(token: string, keys: readonly Jwk[]): Verified {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, problem: 'the token is not a JWT' };
  const [header = '', payload = '', signature = ''] = parts;
  let head: { alg?: string; kid?: string };
  let claims: Claims;
  try {
    head = JSON.parse(Buffer.from(header, 'base64url').toString()) as typeof head;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Claims;
  } catch {
    return { ok: false, problem: 'the token is not valid JSON' };
  }
  if (head.alg !== 'RS256') return { ok: false, problem: `unsupported alg ${String(head.alg)}` };
  const jwk = keys.find((k) => k.kid === head.kid);
  if (!jwk)
    return { ok: false, problem: `no key with kid ${String(head.kid)} in the issuer's JWKS` };
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const good = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    key,
    Buffer.from(signature, 'base64url'),
  );
  return good ? { ok: true, claims } : { ok: false, problem: 'the signature does not verify' };
}

/** Seconds since the epoch, as JWT time claims count. */
export const epoch = (ms = Date.now()): number => Math.floor(ms / 1000);
