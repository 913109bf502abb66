// Objects pgha creates only when absent and never changes: the namespace, and the bootstrap
// Secret of the application owner, whose random password is masked the moment it exists.
import { randomBytes } from 'node:crypto';
import { ConfigurationError } from '../errors.ts';
import { KubeApiError } from './errors.ts';
import type { KubeHttp } from './http.ts';
import { collectionPath, type KubeObject } from './resources.ts';

export type EnsureAction = 'created' | 'unchanged' | 'would create';

export async function ensureNamespace(
  http: KubeHttp,
  name: string,
  labels: Record<string, string>,
  dryRun: boolean,
): Promise<EnsureAction> {
  const path = `/api/v1/namespaces/${name}`;
  const live = await http.json({
    method: 'GET',
    path,
    allowNotFound: true,
    context: `reading namespace ${name}`,
  });
  if (live.status !== 404) return 'unchanged';
  if (dryRun) return 'would create';
  const body = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
  return create(http, '/api/v1/namespaces', body, `creating namespace ${name}`);
}

export interface AppSecretSpec {
  readonly namespace: string;
  readonly name: string;
  readonly username: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/**
 * Creates the basic-auth Secret with a random password when absent; an existing Secret is
 * never read for its password nor overwritten, only checked for the keys CNPG needs.
 */
export async function ensureAppSecret(
  http: KubeHttp,
  spec: AppSecretSpec,
  setSecret: (value: string) => void,
  dryRun: boolean,
): Promise<EnsureAction> {
  const path = `${collectionPath('v1', 'Secret', spec.namespace)}/${spec.name}`;
  const what = `Secret ${spec.name} in ${spec.namespace}`;
  const live = await http.json<KubeObject | undefined>({
    method: 'GET',
    path,
    allowNotFound: true,
    context: `reading ${what}`,
  });
  if (live.body) {
    checkKeys(live.body, what, spec.username);
    return 'unchanged';
  }
  if (dryRun) return 'would create';
  const password = randomBytes(24).toString('base64url');
  setSecret(password);
  const body = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/basic-auth',
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: spec.labels,
      annotations: spec.annotations,
    },
    data: {
      username: Buffer.from(spec.username).toString('base64'),
      password: Buffer.from(password).toString('base64'),
    },
  };
  return create(http, collectionPath('v1', 'Secret', spec.namespace), body, `creating ${what}`);
}

function checkKeys(secret: KubeObject, what: string, username: string): void {
  const data = (secret.data ?? {}) as Record<string, string>;
  const missing = ['username', 'password'].filter((k) => !data[k]);
  if (missing.length > 0)
    throw new ConfigurationError(
      `input 'app-secret': ${what} exists but lacks the key(s) ${missing.join(', ')} that CNPG reads; ` +
        `add them (username ${username}) or name another secret (example: app-secret: db-user-pass)`,
    );
  const stored = Buffer.from(data.username ?? '', 'base64').toString('utf8');
  if (stored !== username)
    throw new ConfigurationError(
      `input 'owner': ${what} holds username '${stored}', not '${username}'; CNPG needs them equal (example: owner: ${stored})`,
    );
}

/** POST; a 409 AlreadyExists (a concurrent run created it first) counts as unchanged. */
async function create(
  http: KubeHttp,
  path: string,
  body: unknown,
  context: string,
): Promise<EnsureAction> {
  try {
    await http.json({ method: 'POST', path, body, context });
    return 'created';
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 409) return 'unchanged';
    throw error;
  }
}
