// The application user's credentials (bootstrap.initdb): from the user's secret when
// bootstrap.initdb.secret.name names one, else from `<cluster>-app`, which the operator
// creates with a random password (type kubernetes.io/basic-auth, keys as facts §6). The
// superuser's `<cluster>-superuser` has the same keys for user postgres and dbname `*`
// ([C] internal/controller/cluster_create.go reconcileSuperuserSecret, pkg/specs/secrets.go).
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../kube/types.ts';
import type { ApplicationDatabase } from '../postgres/bootstrap.ts';
import type { ClusterView } from './cluster-spec.ts';
import { LABEL, POSTGRES_PORT, SECRETS, ownerReference } from './resources.ts';
import type { ControllerContext } from './runtime.ts';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomPassword(length = 64): string {
  return [...randomBytes(length)].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}

/** A key of a Secret, from data (base64) or from stringData if the store kept it. */
export function secretValue(secret: KubeObject, key: string): string | undefined {
  const data = secret.data as Record<string, string> | undefined;
  const encoded = data?.[key];
  if (encoded !== undefined) return Buffer.from(encoded, 'base64').toString('utf8');
  return (secret.stringData as Record<string, string> | undefined)?.[key];
}

export function appSecretData(cl: ClusterView, app: ApplicationDatabase): Record<string, string> {
  const { owner: user, password, database: db } = app;
  const host = `${cl.name}-rw`;
  const fqdn = `${host}.${cl.namespace}.svc.cluster.local`;
  const auth = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
  const jdbcQuery = `?password=${encodeURIComponent(password)}&user=${encodeURIComponent(user)}`;
  return {
    username: user,
    user,
    password,
    dbname: db,
    host,
    port: String(POSTGRES_PORT),
    pgpass: `${host}:${POSTGRES_PORT}:${db}:${user}:${password}\n`,
    uri: `postgresql://${auth}@${host}.${cl.namespace}:${POSTGRES_PORT}/${db}`,
    'jdbc-uri': `jdbc:postgresql://${host}.${cl.namespace}:${POSTGRES_PORT}/${db}${jdbcQuery}`,
    'fqdn-uri': `postgresql://${auth}@${fqdn}:${POSTGRES_PORT}/${db}`,
    'fqdn-jdbc-uri': `jdbc:postgresql://${fqdn}:${POSTGRES_PORT}/${db}${jdbcQuery}`,
  };
}

/** A credential Secret as the operator writes it (type basic-auth, owned by the Cluster). */
export function buildCredentialSecret(
  cluster: KubeObject,
  cl: ClusterView,
  app: ApplicationDatabase,
  userType: 'app' | 'superuser',
): KubeObject {
  const data = Object.fromEntries(
    Object.entries(appSecretData(cl, app)).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  );
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/basic-auth',
    metadata: {
      name: `${cl.name}-${userType}`,
      namespace: cl.namespace,
      labels: { [LABEL.cluster]: cl.name, [LABEL.userType]: userType, [LABEL.reload]: 'true' },
      ownerReferences: [ownerReference(cluster)],
    },
    data,
  };
}

/**
 * The application database, owner and password; a string when the user's secret does not
 * exist yet (the operator waits for it, as CNPG does).
 */
export function resolveApplication(
  ctx: ControllerContext,
  cluster: KubeObject,
  cl: ClusterView,
): ApplicationDatabase | string {
  const { database, secretName } = cl.initdb;
  if (secretName) {
    const secret = ctx.store.get(SECRETS, cl.namespace, secretName);
    if (!secret)
      return `waiting for Secret ${cl.namespace}/${secretName} (bootstrap.initdb.secret)`;
    const owner = cl.initdb.owner ?? secretValue(secret, 'username') ?? database;
    const password = secretValue(secret, 'password');
    if (!password) return `Secret ${cl.namespace}/${secretName} has no "password" key`;
    return { database, owner, password };
  }
  const owner = cl.initdb.owner ?? database;
  const existing = ctx.store.get(SECRETS, cl.namespace, `${cl.name}-app`);
  const password = existing ? secretValue(existing, 'password') : undefined;
  if (password) return { database, owner, password };
  const app = { database, owner, password: randomPassword() };
  ctx.store.create(SECRETS, buildCredentialSecret(cluster, cl, app, 'app'));
  return app;
}
