// The credentials a kubeconfig carries, to mask the moment it is read: for every user the
// token, password, client key (and the lines of its decoded PEM) and client certificate, the
// secret-looking fields of an auth-provider's config (access, id and refresh tokens, client
// secrets), the values of exec env variables and arguments whose name says they are secret;
// and the password of a server or proxy URL. Read from the file form (YAML keys) and from
// client-node's loaded users, which also hold the content of each user's token-file.
import type { KubeConfig } from '@kubernetes/client-node';

type Plain = Record<string, unknown>;

/** Names of config keys, env variables and flags whose value is a credential. */
const SECRET_NAME = /token|secret|password|passwd|credential|key/i;

const isMap = (v: unknown): v is Plain => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string[] => (typeof v === 'string' && v !== '' ? [v] : []);

/** The lines of a base64 PEM's body, long enough not to mask ordinary words. */
function pemBodyLines(base64: string): string[] {
  const pem = Buffer.from(base64, 'base64').toString('utf8');
  return pem.split(/\r?\n/).filter((line) => line.length >= 16 && !line.startsWith('-----'));
}

function providerSecrets(config: unknown): string[] {
  if (!isMap(config)) return [];
  return Object.entries(config)
    .filter(([key]) => SECRET_NAME.test(key))
    .flatMap(([, value]) => text(value));
}

/** `--token value`, `--client-secret=value` and env entries named like secrets. */
function execSecrets(exec: unknown): string[] {
  if (!isMap(exec)) return [];
  const out: string[] = [];
  const args: unknown[] = Array.isArray(exec.args) ? exec.args : [];
  args.forEach((arg, i) => {
    if (typeof arg !== 'string' || !arg.startsWith('-')) return;
    const [flag = '', inline] = arg.split(/=(.*)/s);
    if (!SECRET_NAME.test(flag)) return;
    out.push(...text(inline ?? args[i + 1]));
  });
  const env: unknown[] = Array.isArray(exec.env) ? exec.env : [];
  for (const entry of env.filter(isMap))
    if (typeof entry.name === 'string' && SECRET_NAME.test(entry.name))
      out.push(...text(entry.value));
  return out;
}

function keySecrets(keyData: unknown, certData: unknown): string[] {
  return [...text(keyData), ...text(keyData).flatMap(pemBodyLines), ...text(certData)];
}

function urlPassword(value: unknown): string[] {
  if (typeof value !== 'string' || !value.includes('@')) return [];
  try {
    return text(decodeURIComponent(new URL(value).password));
  } catch {
    return [];
  }
}

/** Credentials in a parsed kubeconfig document (its file form). */
export function documentSecrets(doc: unknown): string[] {
  if (!isMap(doc)) return [];
  const users: unknown[] = Array.isArray(doc.users) ? doc.users : [];
  const clusters: unknown[] = Array.isArray(doc.clusters) ? doc.clusters : [];
  const fromUsers = users.filter(isMap).flatMap((entry) => {
    const u = isMap(entry.user) ? entry.user : {};
    return [
      ...text(u.token),
      ...text(u.password),
      ...keySecrets(u['client-key-data'], u['client-certificate-data']),
      ...providerSecrets(isMap(u['auth-provider']) ? u['auth-provider'].config : undefined),
      ...execSecrets(u.exec),
    ];
  });
  const fromClusters = clusters.filter(isMap).flatMap((entry) => {
    const c = isMap(entry.cluster) ? entry.cluster : {};
    return [...urlPassword(c.server), ...urlPassword(c['proxy-url'])];
  });
  return unique([...fromUsers, ...fromClusters]);
}

/** Credentials of client-node's loaded users and clusters (token-file content included). */
export function loadedSecrets(kc: KubeConfig): string[] {
  const fromUsers = kc.users.flatMap((u) => [
    ...text(u.token),
    ...text(u.password),
    ...keySecrets(u.keyData, u.certData),
    ...providerSecrets((u.authProvider as Plain | undefined)?.config),
    ...execSecrets(u.exec),
  ]);
  const fromClusters = kc.clusters.flatMap((c) => [
    ...urlPassword(c.server),
    ...urlPassword(c.proxyUrl),
  ]);
  return unique([...fromUsers, ...fromClusters]);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
