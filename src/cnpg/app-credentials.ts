// The application user's login, found as CNPG finds it (api/v1/cluster_funcs.go
// GetApplicationSecretName, GetApplicationDatabaseName): the secret named by the bootstrap
// method (recovery, pg_basebackup, then initdb), else `<cluster>-app`; the database of the same
// bootstrap, else `app` (the webhook's default). The password is masked as soon as it is read.
import { ConfigurationError } from '../errors.ts';
import type { KubeHttp } from '../kube/http.ts';
import type { Credentials } from '../postgres/session.ts';

interface BootstrapMethod {
  readonly database?: string;
  readonly owner?: string;
  readonly secret?: { readonly name?: string };
}

export interface BootstrapView {
  readonly metadata: { readonly name: string };
  readonly spec?: {
    readonly instances?: number;
    readonly bootstrap?: {
      readonly recovery?: BootstrapMethod;
      readonly pg_basebackup?: BootstrapMethod;
      readonly initdb?: BootstrapMethod;
    };
  };
}

export interface AppLogin extends Credentials {
  readonly secret: string;
}

function methods(c: BootstrapView): BootstrapMethod[] {
  const b = c.spec?.bootstrap;
  return [b?.recovery, b?.pg_basebackup, b?.initdb].filter((m) => m !== undefined);
}

export function appSecretName(c: BootstrapView): string {
  return methods(c).find((m) => m.secret?.name)?.secret?.name ?? `${c.metadata.name}-app`;
}

export function appDatabase(c: BootstrapView): string {
  return methods(c).find((m) => m.database)?.database ?? 'app';
}

export function appOwner(c: BootstrapView): string {
  const m = methods(c).find((x) => x.owner ?? x.database);
  return m?.owner ?? m?.database ?? 'app';
}

export async function appLogin(
  http: KubeHttp,
  namespace: string,
  cluster: BootstrapView,
  setSecret: (value: string) => void,
): Promise<AppLogin> {
  const secret = appSecretName(cluster);
  const { status, body } = await http.json<{ data?: Record<string, string> } | undefined>({
    method: 'GET',
    path: `/api/v1/namespaces/${namespace}/secrets/${secret}`,
    allowNotFound: true,
    context: `reading the application secret ${secret}`,
  });
  const data = status === 404 ? undefined : body?.data;
  const decode = (key: string) =>
    data?.[key] === undefined ? undefined : Buffer.from(data[key], 'base64').toString('utf8');
  const password = decode('password');
  if (password === undefined)
    throw new ConfigurationError(
      `Cluster ${cluster.metadata.name}: its application secret ${secret} in namespace ${namespace} ${data ? 'has no key password' : 'does not exist'}; pgha connects to the database as that user`,
    );
  setSecret(password);
  return {
    secret,
    user: decode('username') ?? appOwner(cluster),
    password,
    database: appDatabase(cluster),
  };
}
