// spec.enableSuperuserAccess as CNPG 1.30 does it. The operator creates `<cluster>-superuser`
// (user postgres, a random 64-character password) unless spec.superuserSecret names the
// user's own, and deletes an operator-owned one when access is off ([C]
// internal/controller/cluster_create.go reconcileSuperuserSecret). The primary's instance
// manager sets the postgres password from that secret, once per secret resourceVersion, or
// sets it to NULL when access is off ([C] internal/management/controller/
// instance_controller.go reconcileSuperuserPassword), so a password login over TCP works only
// while access is on. The local socket stays trust, as peer is in a CNPG pod.
import type { KubeObject } from '../kube/types.ts';
import { quoteLiteral } from '../postgres/sql.ts';
import type { ClusterView } from './cluster-spec.ts';
import { SECRETS } from './resources.ts';
import type { ClusterRuntime, ControllerContext } from './runtime.ts';
import { buildCredentialSecret, randomPassword, secretValue } from './secrets.ts';

/** What the primary last applied, per Cluster: a secret resourceVersion or 'disabled'. */
const applied = new WeakMap<ClusterRuntime, string>();

function enabled(cluster: KubeObject): boolean {
  return cluster.spec?.enableSuperuserAccess === true;
}

function secretName(cluster: KubeObject, cl: ClusterView): string {
  const own = (cluster.spec?.superuserSecret as { name?: string } | undefined)?.name;
  return own || `${cl.name}-superuser`;
}

/** The operator's part: the secret exists exactly while access is on (when it owns it). */
export function reconcileSuperuserSecret(
  ctx: ControllerContext,
  cluster: KubeObject,
  cl: ClusterView,
): void {
  const userSecret = (cluster.spec?.superuserSecret as { name?: string } | undefined)?.name;
  const name = `${cl.name}-superuser`;
  const existing = ctx.store.get(SECRETS, cl.namespace, name);
  if (enabled(cluster) && !userSecret) {
    if (existing) return;
    const su = { database: '*', owner: 'postgres', password: randomPassword() };
    ctx.store.create(SECRETS, buildCredentialSecret(cluster, cl, su, 'superuser'));
    ctx.log(`${cl.namespace}/${cl.name}: created Secret ${name} (enableSuperuserAccess)`);
    return;
  }
  const owned = existing?.metadata.ownerReferences?.some((o) => o.uid === cluster.metadata.uid);
  if (!enabled(cluster) && existing && owned) {
    ctx.store.delete(SECRETS, cl.namespace, name);
    ctx.log(`${cl.namespace}/${cl.name}: deleted Secret ${name} (superuser access is off)`);
  }
}

/** The instance manager's part, on the running primary. */
export async function reconcileSuperuserPassword(
  ctx: ControllerContext,
  rt: ClusterRuntime,
  cluster: KubeObject,
  cl: ClusterView,
): Promise<void> {
  const primary = rt.primary ? rt.instances.get(rt.primary)?.instance : undefined;
  if (!primary?.running) return;
  if (!enabled(cluster)) {
    if (applied.get(rt) === 'disabled') return;
    await primary.query('ALTER ROLE postgres WITH PASSWORD NULL');
    applied.set(rt, 'disabled');
    return;
  }
  const secret = ctx.store.get(SECRETS, cl.namespace, secretName(cluster, cl));
  const version = secret?.metadata.resourceVersion;
  if (!secret || !version || applied.get(rt) === version) return;
  const user = secretValue(secret, 'username');
  const password = secretValue(secret, 'password');
  if (user !== 'postgres' || !password) {
    ctx.log(
      `${cl.namespace}/${cl.name}: superuser secret: wrong username '${user ?? ''}' in secret, expected 'postgres'`,
    );
    return;
  }
  await primary.query(`ALTER ROLE postgres WITH PASSWORD ${quoteLiteral(password)}`);
  applied.set(rt, version);
}
