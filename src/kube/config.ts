// Which cluster pgha talks to, as a client-node KubeConfig: an AKS cluster's credentials
// fetched after the OIDC login (Entra ID tokens supplied by a client-node authenticator, no
// kubelogin), the `kubeconfig` input, or KUBECONFIG / ~/.kube/config. client-node is imported
// only here and only when a run contacts a cluster. A supplied kubeconfig's credentials are
// masked as soon as it is read; one that does not parse is reported without quoting it.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { YAMLException, dump, load } from 'js-yaml';
import { ConfigurationError } from '../errors.ts';
import { documentSecrets, loadedSecrets } from './kubeconfig-secrets.ts';

export type KubeSource =
  | { kind: 'aks'; yaml: string; tokenProvider?: () => Promise<string>; description: string }
  | { kind: 'input'; yaml: string }
  | { kind: 'file'; paths: readonly string[] };

export interface LoadedConfig {
  readonly kc: KubeConfig;
  readonly server: string;
  readonly context: string;
  /** Where the configuration came from, for the log and summary. */
  readonly description: string;
  readonly tokenProvider?: () => Promise<string>;
}

/** KUBECONFIG's files, or ~/.kube/config; an error when none exists. */
export function defaultKubeconfigSource(
  env: Readonly<Record<string, string | undefined>>,
): KubeSource {
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  const paths = fromEnv.length > 0 ? fromEnv : [join(env.HOME ?? homedir(), '.kube', 'config')];
  const present = paths.filter((p) => existsSync(p));
  if (present.length === 0)
    throw new ConfigurationError(
      `input 'kubeconfig': no cluster to talk to: ${fromEnv.length > 0 ? `KUBECONFIG names ${paths.join(', ')}, which do not exist` : `${paths[0] ?? '~/.kube/config'} does not exist`}. ` +
        'Give the AKS inputs (azure-client-id, azure-tenant-id, azure-subscription-id, resource-group, aks-cluster), the kubeconfig input, or a KUBECONFIG file (example: kubeconfig: ${{ secrets.KUBECONFIG }})',
    );
  return { kind: 'file', paths: present };
}

const EXAMPLE = 'the output of az aks get-credentials --file -';

/** Parses each supplied document and masks its credentials before client-node sees it. */
async function maskSupplied(
  source: KubeSource,
  setSecret: (secret: string) => void,
): Promise<void> {
  if (source.kind === 'aks') return; // aks.ts masked the static credentials it fetched
  const documents =
    source.kind === 'input'
      ? [{ where: 'the kubeconfig input', text: source.yaml }]
      : await Promise.all(
          source.paths.map(async (p) => ({ where: p, text: await readFile(p, 'utf8') })),
        );
  for (const { where, text } of documents) {
    let doc: unknown;
    try {
      doc = load(text);
    } catch (error) {
      throw notValid(where, `valid YAML (${yamlProblem(error)})`);
    }
    for (const secret of documentSecrets(doc)) setSecret(secret);
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      // A lone scalar is most likely a token pasted in place of a kubeconfig.
      if (typeof doc === 'string' && doc.trim()) setSecret(doc.trim());
      throw notValid(where, 'a YAML mapping with clusters, users and contexts');
    }
  }
}

function notValid(where: string, what: string): ConfigurationError {
  return new ConfigurationError(
    `input 'kubeconfig': ${where} is not ${what} (example: ${EXAMPLE})`,
  );
}

/** js-yaml's reason and position; its message would quote the offending lines. */
function yamlProblem(error: unknown): string {
  if (!(error instanceof YAMLException)) return 'it cannot be parsed';
  const at = error.mark ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}` : '';
  return `${error.reason}${at}`;
}

/** client-node's own shape errors name a field, never a value; anything else is not repeated. */
function shapeProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  return /^(clusters|users|contexts)\[\d+\](\.[\w.]+)? is missing$/.test(message)
    ? message
    : 'it does not have the shape of a kubeconfig';
}

export async function loadKubeConfig(
  source: KubeSource,
  context: string | undefined,
  setSecret: (secret: string) => void,
): Promise<LoadedConfig> {
  await maskSupplied(source, setSecret);
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  const tokenProvider = source.kind === 'aks' ? source.tokenProvider : undefined;
  if (tokenProvider) {
    kc.addAuthenticator({
      // Built-in authenticators (exec, oidc, ...) are asked first; the stripped AKS user has none.
      isAuthProvider: () => true,
      applyAuthentication: async (_user, opts) => {
        const token = await tokenProvider();
        opts.headers = {
          ...(opts.headers as Record<string, string> | undefined),
          Authorization: `Bearer ${token}`,
        };
      },
    });
  }
  try {
    if (source.kind === 'file') {
      if (source.paths.length === 1) kc.loadFromFile(source.paths[0] ?? '');
      else kc.loadFromDefault({}, false);
    } else {
      kc.loadFromString(source.yaml);
    }
  } catch (error) {
    throw notValid(describeSource(source), `a valid kubeconfig: ${shapeProblem(error)}`);
  }
  // The users as client-node resolved them: token-file contents, every file of KUBECONFIG.
  if (source.kind !== 'aks') for (const secret of loadedSecrets(kc)) setSecret(secret);
  selectContext(kc, context);
  const server = kc.getCurrentCluster()?.server;
  if (!server)
    throw new ConfigurationError(
      `input 'context': context '${kc.getCurrentContext()}' of ${describeSource(source)} names no cluster with a server (example: context: aks-pg)`,
    );
  return {
    kc,
    server,
    context: kc.getCurrentContext(),
    description: describeSource(source),
    ...(tokenProvider ? { tokenProvider } : {}),
  };
}

function selectContext(kc: KubeConfig, context: string | undefined): void {
  const names = kc.getContexts().map((c) => c.name);
  if (context !== undefined) {
    if (!names.includes(context))
      throw new ConfigurationError(
        `input 'context': '${context}' is not a context of the kubeconfig; it has ${names.join(', ') || 'none'} (example: context: ${names[0] ?? 'aks-pg'})`,
      );
    kc.setCurrentContext(context);
  } else if (!kc.getCurrentContext() && names[0]) {
    kc.setCurrentContext(names[0]);
  }
}

function describeSource(source: KubeSource): string {
  if (source.kind === 'aks') return source.description;
  if (source.kind === 'input') return 'the kubeconfig input';
  return source.paths.join(delimiter);
}

/**
 * Writes the configuration pgha used, mode 600, for later kubectl steps. Users served by the
 * token provider get its current token as a static one (valid until it expires, about 1 h).
 */
export async function writeKubeconfigFile(loaded: LoadedConfig, dir: string): Promise<string> {
  const config = load(loaded.kc.exportConfig()) as {
    users?: { name: string; user?: Record<string, unknown> }[];
  };
  if (loaded.tokenProvider) {
    const token = await loaded.tokenProvider();
    for (const u of config.users ?? []) u.user = { ...u.user, token };
  }
  await mkdir(dir, { recursive: true });
  const file = join(dir, `kubeconfig-${process.pid}-${Date.now().toString(36)}`);
  await writeFile(file, dump(config), { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}
