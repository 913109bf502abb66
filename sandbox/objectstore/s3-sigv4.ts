// The signature S3 expects of a request, computed with AWS's own signer library
// (@smithy/signature-v4: canonical request, string to sign, signing key) from what the request
// carries: its method, its path as sent, its query, the headers it lists as signed and its
// x-amz-content-sha256. Independent of the product's signer (src/).
import {
  ALGORITHM_IDENTIFIER,
  createScope,
  getCanonicalHeaders,
  getSigningKey,
  SignatureV4,
} from '@smithy/signature-v4';
import { Sha256 } from './sha256.ts';

export interface S3Identity {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** What the front knows of a request when it checks its signature. */
export interface SignedRequest {
  method: string;
  /** The path as sent, still percent-encoded. */
  rawPath: string;
  /** The query parameters as sent, decoded ('+' stays '+'), in order. */
  query: readonly (readonly [string, string])[];
  /** Lower-case names, each with its values (node's `headersDistinct`). */
  headers: Readonly<Partial<Record<string, readonly string[]>>>;
  body: Buffer;
}

export interface Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export function header(r: SignedRequest, name: string): string | undefined {
  return r.headers[name]?.join(',');
}

/** The signer of the one identity the front knows, used backwards: what should the signature be? */
export class Verifier extends SignatureV4 {
  readonly #id: S3Identity;

  constructor(id: S3Identity) {
    super({
      service: 's3',
      region: id.region,
      credentials: { accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey },
      sha256: Sha256,
      // S3 signs the path as sent (its keys are encoded once), unlike the other services.
      uriEscapePath: false,
      applyChecksum: false,
    });
    this.#id = id;
  }

  async expected(
    r: SignedRequest,
    auth: Authorization,
    amzDate: string,
    payloadHash: string,
  ): Promise<{ signature: string; stringToSign: string; canonicalRequest: string }> {
    const headers = Object.fromEntries(
      auth.signedHeaders.flatMap((name) => {
        const value = header(r, name);
        return value === undefined ? [] : [[name, value] as const];
      }),
    );
    const request = {
      method: r.method,
      protocol: 'http:',
      hostname: '',
      path: r.rawPath,
      query: queryBag(r.query),
      headers,
    };
    // The signed headers as listed, even those the signer never signs itself (user-agent...).
    const canonicalHeaders = getCanonicalHeaders(request, undefined, new Set(auth.signedHeaders));
    const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
    const shortDate = amzDate.slice(0, 8);
    const scope = createScope(shortDate, this.#id.region, 's3');
    const stringToSign = await this.createStringToSign(
      amzDate,
      scope,
      canonicalRequest,
      ALGORITHM_IDENTIFIER,
    );
    const key = await getSigningKey(Sha256, this.#id, shortDate, this.#id.region, 's3');
    const mac = new Sha256(key);
    mac.update(stringToSign);
    const signature = Buffer.from(await mac.digest()).toString('hex');
    return { signature, stringToSign, canonicalRequest };
  }
}

/** Repeated parameters as lists, as the signer takes them. */
function queryBag(query: SignedRequest['query']): Record<string, string | string[]> {
  const bag = new Map<string, string[]>();
  for (const [name, value] of query) bag.set(name, [...(bag.get(name) ?? []), value]);
  return Object.fromEntries(
    [...bag].map(([name, values]) => [name, values.length === 1 ? (values[0] ?? '') : values]),
  );
}
