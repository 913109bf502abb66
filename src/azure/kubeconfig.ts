// The kubeconfig that AKS returns, made usable without az or kubelogin: user credentials of
// Entra ID clusters name kubelogin in an exec block (or the retired azure auth-provider); pgha
// removes it and supplies the token itself. Admin credentials hold static secrets to mask.
import { dump, load } from 'js-yaml';

/** AKS's Entra ID server application, the audience of tokens for the API server. */
export const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

interface NamedUser {
  name?: unknown;
  user?: Record<string, unknown> | null;
}

interface Kubeconfig {
  users?: NamedUser[] | null;
  [key: string]: unknown;
}

export interface StrippedKubeconfig {
  /** The kubeconfig without exec and auth-provider blocks. */
  readonly yaml: string;
  /** Users whose exec or auth-provider block was removed. */
  readonly strippedUsers: readonly string[];
  /** The Entra ID server application the removed blocks asked tokens for (--server-id, apiserver-id). */
  readonly serverAppId?: string;
}

export function parseKubeconfig(yaml: string): Kubeconfig {
  const parsed = load(yaml);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('the kubeconfig from AKS is not a YAML mapping');
  }
  return parsed as Kubeconfig;
}

/** Removes every user's exec and auth-provider block, keeping clusters, contexts and the rest. */
export function stripExecAuth(yaml: string): StrippedKubeconfig {
  const config = parseKubeconfig(yaml);
  const strippedUsers: string[] = [];
  let serverAppId: string | undefined;
  for (const entry of config.users ?? []) {
    const user = entry.user;
    if (!user || (user.exec === undefined && user['auth-provider'] === undefined)) continue;
    serverAppId ??= serverIdOf(user);
    delete user.exec;
    delete user['auth-provider'];
    strippedUsers.push(typeof entry.name === 'string' ? entry.name : '');
  }
  return { yaml: dump(config), strippedUsers, serverAppId };
}

/** --server-id of a kubelogin exec block, or apiserver-id of the azure auth-provider. */
function serverIdOf(user: Record<string, unknown>): string | undefined {
  const exec = user.exec as { args?: unknown } | undefined;
  const args = Array.isArray(exec?.args) ? exec.args.map(String) : [];
  const index = args.indexOf('--server-id');
  if (index >= 0 && args[index + 1]) return args[index + 1];
  const provider = user['auth-provider'] as { config?: Record<string, unknown> } | undefined;
  const apiserverId = provider?.config?.['apiserver-id'];
  return typeof apiserverId === 'string' && apiserverId ? apiserverId : undefined;
}

const SECRET_FIELDS = ['token', 'client-key-data', 'client-certificate-data', 'password'] as const;

/**
 * The static credentials in a kubeconfig (tokens, keys, certificates, passwords), to mask; for
 * the private key also the lines of its decoded PEM form, which a client may print.
 */
export function kubeconfigSecrets(yaml: string): string[] {
  const secrets: string[] = [];
  for (const entry of parseKubeconfig(yaml).users ?? []) {
    for (const field of SECRET_FIELDS) {
      const value = entry.user?.[field];
      if (typeof value !== 'string' || !value) continue;
      secrets.push(value);
      if (field === 'client-key-data') secrets.push(...pemBodyLines(value));
    }
  }
  return secrets;
}

function pemBodyLines(base64: string): string[] {
  const pem = Buffer.from(base64, 'base64').toString('utf8');
  return pem.split(/\r?\n/).filter((line) => line.length >= 16 && !line.startsWith('-----'));
}
