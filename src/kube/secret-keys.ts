// Values read from Secrets by SecretKeySelector ({name, key}), as CNPG reads the credentials it
// is given: each Secret read once, each value decoded and handed to `setSecret` the moment it is
// known (unless the caller says it is no secret, like a region). A missing Secret or key is the
// user's to fix and says which field named it.
import { ConfigurationError } from '../errors.ts';
import type { KubeHttp } from './http.ts';
import { readObject } from './read.ts';
import type { KubeObject } from './resources.ts';

export interface SecretKeyRef {
  readonly name: string;
  readonly key: string;
}

export interface SecretKeysOptions<F extends string> {
  /** Masks each value read (ctx.setSecret). */
  readonly setSecret: (value: string) => void;
  /** Fields whose values are not secret and are not masked. */
  readonly notSecret?: readonly NoInfer<F>[];
  /** Where the selectors are, for errors: "s3Credentials of ObjectStore pg-orders-store". */
  readonly from: string;
  /** Why pgha reads them, for errors: "to delete the backups". */
  readonly purpose: string;
}

interface SecretView extends KubeObject {
  readonly data?: Readonly<Record<string, string>>;
}

/** The value of every field's selector, read from the namespace's Secrets. */
export async function readSecretKeys<F extends string>(
  http: KubeHttp,
  namespace: string,
  refs: Readonly<Partial<Record<F, SecretKeyRef>>>,
  opts: SecretKeysOptions<F>,
): Promise<Partial<Record<F, string>>> {
  const secrets = new Map<string, SecretView | undefined>();
  const out: Partial<Record<F, string>> = {};
  for (const [field, ref] of Object.entries(refs) as [F, SecretKeyRef | undefined][]) {
    if (!ref) continue;
    if (!secrets.has(ref.name))
      secrets.set(
        ref.name,
        await readObject<SecretView>(http, {
          apiVersion: 'v1',
          kind: 'Secret',
          namespace,
          name: ref.name,
        }),
      );
    const secret = secrets.get(ref.name);
    const encoded = secret?.data?.[ref.key];
    if (encoded === undefined)
      throw new ConfigurationError(
        `${opts.from}: ${field} names key ${ref.key} of Secret ${ref.name} in namespace ${namespace}, ${secret ? `which has no key ${ref.key} (it has: ${Object.keys(secret.data ?? {}).join(', ') || 'no keys'})` : 'which does not exist'}; pgha reads it ${opts.purpose} (example: kubectl create secret generic ${ref.name} -n ${namespace} --from-literal=${ref.key}=<value>)`,
      );
    const value = Buffer.from(encoded, 'base64').toString('utf8');
    if (!opts.notSecret?.includes(field)) opts.setSecret(value);
    out[field] = value;
  }
  return out;
}

/** "keys A and B of Secret s" or "key A of Secret s and key B of Secret t", in namespace n. */
export function describeKeys(refs: readonly SecretKeyRef[], namespace: string): string {
  const bySecret = new Map<string, string[]>();
  for (const r of refs) bySecret.set(r.name, [...(bySecret.get(r.name) ?? []), r.key]);
  const parts = [...bySecret].map(
    ([name, keys]) =>
      `${keys.length === 1 ? 'key' : 'keys'} ${keys.join(keys.length === 2 ? ' and ' : ', ')} of Secret ${name}`,
  );
  return `${parts.join(' and ')} in namespace ${namespace}`;
}
