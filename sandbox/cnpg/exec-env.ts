// What `kubectl exec POD -c postgres -- CMD` runs in an instance pod of the sandbox: CMD on
// this machine as the server user, with the environment CNPG gives the postgres container
// ([C] pkg/specs/pods.go CreatePodEnvConfig: PGDATA, POD_NAME, NAMESPACE, CLUSTER_NAME,
// PSQL_HISTORY, PGPORT, PGHOST, TMPDIR, then spec.env) pointing at this instance: PGHOST is its
// unix socket directory and PGPORT its real port (the socket is named after it). PGUSER is
// postgres because the process runs as the server user, not as a `postgres` OS user as in
// CNPG's image, and psql would otherwise log in as that user's name. DIR/bin/psql runs the
// stand-in (postgres/psql-standin.ts); DIR/bin leads PATH when this machine has no psql.
import { accessSync, chmodSync, chownSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { ExecResolver } from '../kube/exec.ts';
import { ApiError, type KubeObject, type Store } from '../kube/types.ts';
import type { Instance } from '../postgres/instance.ts';
import { NODE24, ROOT } from '../runner.ts';
import { serverUser, wrapCommand } from '../users.ts';
import { CLUSTERS, LABEL } from './resources.ts';

export interface ExecEnvOptions {
  store: Store;
  instance: (namespace: string, pod: string) => Instance | undefined;
  /** Sandbox directory: DIR/bin holds the psql stand-in when needed. */
  dir: string;
  /** Use the stand-in even when a psql is on PATH (tests of the stand-in). */
  psqlStandIn?: boolean;
}

function onPath(program: string, path: string): boolean {
  return path.split(delimiter).some((d) => {
    try {
      accessSync(join(d, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Writes DIR/bin/psql (the stand-in); DIR/bin when this machine has no psql (or when forced). */
function standInBin(dir: string, force: boolean): string | undefined {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true, mode: 0o755 });
  const script = join(ROOT, 'sandbox', 'postgres', 'psql-standin.ts');
  writeFileSync(join(bin, 'psql'), `#!/bin/sh\nexec '${NODE24}' '${script}' "$@"\n`);
  chmodSync(join(bin, 'psql'), 0o755);
  return force || !onPath('psql', process.env.PATH ?? '') ? bin : undefined;
}

function clusterEnv(store: Store, pod: KubeObject): Record<string, string> {
  const name = pod.metadata.labels?.[LABEL.cluster] ?? '';
  const cluster = store.get(CLUSTERS, pod.metadata.namespace, name);
  const env = (cluster?.spec?.env ?? []) as { name: string; value?: string }[];
  return Object.fromEntries(
    env.filter((e) => e.value !== undefined).map((e) => [e.name, e.value ?? '']),
  );
}

export function instanceExec(o: ExecEnvOptions): ExecResolver {
  const bin = standInBin(o.dir, o.psqlStandIn === true);
  const user = serverUser();
  return (pod, _container, command) => {
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name;
    const inst =
      pod.metadata.labels?.[LABEL.podRole] === 'instance' ? o.instance(ns, name) : undefined;
    if (!inst)
      throw new ApiError(
        400,
        'BadRequest',
        `pod ${name} has no running container: the sandbox runs exec in CNPG instance pods only (container postgres)`,
      );
    const tmp = join(inst.dir, 'tmp');
    mkdirSync(tmp, { recursive: true, mode: 0o700 });
    if (user) chownSync(tmp, user.uid, user.gid);
    const env: Record<string, string> = {
      PGDATA: inst.dataDir,
      POD_NAME: name,
      NAMESPACE: ns,
      CLUSTER_NAME: pod.metadata.labels?.[LABEL.cluster] ?? '',
      PSQL_HISTORY: join(tmp, '.psql_history'),
      PGPORT: String(inst.port),
      PGHOST: inst.socketDir,
      TMPDIR: tmp,
      ...clusterEnv(o.store, pod),
      PGUSER: 'postgres',
      HOME: tmp,
      PATH: [bin, process.env.PATH ?? '/usr/bin:/bin'].filter(Boolean).join(delimiter),
    };
    const wrapped = wrapCommand(user, command[0] ?? '', command.slice(1));
    return {
      command: wrapped.command,
      args: wrapped.args,
      env,
      cwd: tmp,
      ...(wrapped.ids ? { ids: wrapped.ids } : {}),
    };
  };
}
