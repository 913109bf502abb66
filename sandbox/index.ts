// The sandbox: an in-memory Kubernetes API (store + HTTPS server serving the CNPG CRDs) and
// the CNPG operator emulation whose instances are real PostgreSQL 18 servers. startSandbox
// writes DIR/kubeconfig, DIR/objectstore.json (Azurite's URL, accounts, keys, connection
// strings; with S3, its endpoint, keys and Secret manifest under `s3`), DIR/cloud.json (the OIDC login settings and, with an object store, the Blob
// front's endpoint), then DIR/ready; stop() leaves no process behind.
import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startBackupSystem } from './backup/index.ts';
import { startCloud, type Cloud, type CloudOptions } from './cloud/index.ts';
import { CnpgController, operatorLog } from './cnpg/controller.ts';
import { instanceExec } from './cnpg/exec-env.ts';
import type { ForwardTarget } from './cnpg/controller.ts';
import { Faults } from './faults.ts';
import {
  objectStoreSettings,
  startObjectStore,
  type ObjectStore,
  type StorageAccountConfig,
} from './objectstore/azurite.ts';
import { s3Settings, startS3, type S3Service } from './objectstore/s3.ts';
import type { FaultConfig } from './faults.ts';
import { loadCrds } from './kube/crd-schema.ts';
import { startApiServer, writeKubeconfig } from './kube/server.ts';
import { MemoryStore } from './kube/store.ts';
import { resolveTimings, type SandboxTimings } from './timings.ts';
import { assertTraversable, chownToServer, serverUser } from './users.ts';

export interface SandboxOptions {
  /** Created if missing; holds kubeconfig, ready, cnpg.log and instances/. */
  dir: string;
  faults?: Partial<FaultConfig>;
  /** Extra sink for the operator's log lines (the CLI's --verbose). */
  onLog?: (line: string) => void;
  /** Called for every API request answered, "METHOD path status ms" (the CLI's --verbose). */
  onRequest?: (line: string) => void;
  /** kubectl exec runs the sandbox's psql stand-in even when this machine has a psql. */
  psqlStandIn?: boolean;
  /** The GitHub OIDC, Entra ID and ARM stand-ins (default: on); false leaves them out. */
  cloud?: CloudOptions | false;
  /** Storage accounts and containers in Azurite (default: account sandbox, container backups); false: no object store. */
  objectStore?: readonly StorageAccountConfig[] | false;
  /** The S3-compatible store (default: on, bucket backups, region us-east-1); false leaves it out. */
  s3?: { buckets?: readonly string[]; region?: string } | false;
  /** CNPG's and Kubernetes' waits (backup retries, WAL archive check, Job backoff); default: the real ones. */
  timings?: Partial<SandboxTimings>;
}

export interface Sandbox {
  dir: string;
  kubeconfigPath: string;
  url: string;
  token: string;
  caPem: string;
  /** GitHub OIDC, Entra ID and ARM with the AKS cluster whose API server this is. */
  cloud?: Cloud;
  /** DIR/cloud-ca.pem: the CA of the cloud's HTTPS endpoints, for NODE_EXTRA_CA_CERTS. */
  cloudCaPath?: string;
  /** Azurite's Blob service behind https://<account>.blob.core.windows.net URLs. */
  objectStore?: ObjectStore;
  /** s3rver behind a SigV4-checking front, for s3://<bucket> destinations with an endpointURL. */
  s3?: S3Service;
  store: MemoryStore;
  faults: Faults;
  cnpg: CnpgController;
  /** What `kubectl port-forward pod/<pod> 5432` reaches: the instance's real address. */
  portForward: (namespace: string, pod: string, port: number) => ForwardTarget | undefined;
  stop(): Promise<void>;
}

/** Longest unix socket path PostgreSQL can use is 107 bytes: `<dir>/.s.PGSQL.65535.lock`. */
const MAX_SOCKET_DIR = 107 - '/.s.PGSQL.65535.lock'.length;

async function prepareDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const user = serverUser();
  if (user && statSync(dir).uid === process.getuid?.()) await chmod(dir, 0o711);
  assertTraversable(join(dir, 'instances'), user);
  await mkdir(join(dir, 'instances'), { recursive: true, mode: 0o711 });
  await rm(join(dir, 'ready'), { force: true });
}

/** DIR/run when short enough for socket paths, else a fresh directory under /tmp. */
async function socketDirFor(dir: string): Promise<{ path: string; temporary: boolean }> {
  const inDir = join(dir, 'run');
  const temporary = inDir.length > MAX_SOCKET_DIR;
  const path = temporary ? await mkdtemp('/tmp/pgha-') : inDir;
  if (!temporary) await mkdir(path, { recursive: true, mode: 0o700 });
  await chmod(path, 0o700);
  await chownToServer(path, serverUser());
  return { path, temporary };
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const dir = resolve(options.dir);
  await prepareDir(dir);
  const faults = new Faults(options.faults);
  const timings = resolveTimings(options.timings);
  const store = new MemoryStore();
  const socket = await socketDirFor(dir);
  const started = await Promise.allSettled([
    options.cloud === false ? Promise.resolve(undefined) : startCloud(options.cloud),
    options.objectStore === false
      ? Promise.resolve(undefined)
      : startObjectStore({
          dir,
          ...(options.objectStore ? { accounts: options.objectStore } : {}),
        }),
    options.s3 === false ? Promise.resolve(undefined) : startS3({ dir, ...options.s3 }),
  ] as const);
  const [cloudStart, objectStoreStart, s3Start] = started;
  const cloud = cloudStart.status === 'fulfilled' ? cloudStart.value : undefined;
  const objectStore = objectStoreStart.status === 'fulfilled' ? objectStoreStart.value : undefined;
  const s3 = s3Start.status === 'fulfilled' ? s3Start.value : undefined;
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all([cloud?.stop(), objectStore?.stop(), s3?.stop()]);
    throw failed.reason;
  }
  // What has started so far is stopped again when a later part fails to start.
  const running: (() => Promise<unknown>)[] = [
    async () => cloud?.stop(),
    async () => objectStore?.stop(),
    async () => s3?.stop(),
  ];
  try {
    // The backup system and the operator know each other: instances archive through the one,
    // backups run on the servers of the other.
    const operator: { cnpg?: CnpgController } = {};
    const backup = await startBackupSystem({
      store,
      objectStore,
      s3,
      faults,
      user: serverUser(),
      log: operatorLog(dir, options.onLog),
      lookup: (ns, pod) => operator.cnpg?.owner(ns, pod),
      timings,
    });
    running.push(() => backup.stop());
    const cnpg = new CnpgController({
      store,
      faults,
      dir,
      socketDir: socket.path,
      backup,
      timings,
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
    operator.cnpg = cnpg;
    running.push(() => cnpg.stop());
    cnpg.start();
    backup.start();
    const portForward = cnpg.portForward;
    const server = await startApiServer({
      store,
      faults,
      crds: loadCrds(),
      portForward,
      exec: instanceExec({
        store,
        instance: (ns, pod) => cnpg.instance(ns, pod),
        dir,
        ...(options.psqlStandIn ? { psqlStandIn: true } : {}),
      }),
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
      ...(cloud ? { authenticate: cloud.authenticateKube } : {}),
    });
    running.push(() => server.close());
    const cloudCaPath = join(dir, 'cloud-ca.pem');
    if (cloud) {
      cloud.attachCluster({ url: server.url, caPem: server.caPem, adminToken: server.token });
      if (objectStore) cloud.attachObjectStore(objectStore);
      await writeFile(cloudCaPath, cloud.caPem);
      await writeFile(join(dir, 'cloud.json'), `${JSON.stringify(cloud.settings, null, 2)}\n`, {
        mode: 0o600,
      });
    }
    if (objectStore || s3)
      await writeFile(
        join(dir, 'objectstore.json'),
        `${JSON.stringify(
          {
            ...(objectStore ? objectStoreSettings(objectStore) : {}),
            ...(s3 ? { s3: s3Settings(s3) } : {}),
          },
          null,
          2,
        )}\n`,
        { mode: 0o600 },
      );
    const kubeconfigPath = join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfigPath, {
      url: server.url,
      caPem: server.caPem,
      token: server.token,
    });
    await writeFile(join(dir, 'ready'), `${server.url}\n`);
    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopped ??= (async () => {
        await rm(join(dir, 'ready'), { force: true });
        await server.close();
        await backup.stop();
        await cnpg.stop();
        await cloud?.stop();
        await objectStore?.stop();
        await s3?.stop();
        if (socket.temporary && existsSync(socket.path)) await rm(socket.path, { recursive: true });
      })();
      return stopped;
    };
    return {
      dir,
      kubeconfigPath,
      url: server.url,
      token: server.token,
      caPem: server.caPem,
      ...(cloud ? { cloud, cloudCaPath } : {}),
      ...(objectStore ? { objectStore } : {}),
      ...(s3 ? { s3 } : {}),
      store,
      faults,
      cnpg,
      portForward,
      stop,
    };
  } catch (error) {
    for (const undo of running.reverse()) await undo().catch(() => undefined);
    throw error;
  }
}
