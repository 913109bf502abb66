// What CNPG's `wal-archive` / `wal-restore` do for an instance, on the sandbox's object store:
// archive a segment of the current primary to every destination (each enabled Barman Cloud
// plugin, then the in-core barmanObjectStore unless a plugin is the WAL archiver), with
// wal.compression, checking first that a freshly bootstrapped server archives into an empty
// place (the `.check-empty-wal-archive` marker initdb and recovery leave in PGDATA, removed
// after the first success); set the Cluster's ContinuousArchiving condition from the real
// result of every attempt (facts §1.2); and restore WAL into a recovering instance's pg_wal.
import { access, chown, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLUSTERS } from '../cnpg/resources.ts';
import { setClusterCondition } from '../cnpg/status.ts';
import type { Condition } from '../cnpg/status.ts';
import type { KubeObject } from '../kube/types.ts';
import type { ServerUser } from '../users.ts';
import { openArchive } from './access.ts';
import type { AccessDeps, ArchiveLocation } from './access.ts';
import { firstObject } from './archive-store.ts';
import { compressWal, decompressWal, walSuffix, walSuffixOf } from './compression.ts';
import { walArchives } from './config.ts';
import type { ArchiveConfig } from './config.ts';
import { isWalName, walBlobName, walsPrefix } from './layout.ts';
import type { WalHandler, WalRequest } from './wal-service.ts';

/** Left in PGDATA by initdb and recovery: the first archive checks the destination is empty. */
export const CHECK_EMPTY_WAL_ARCHIVE_FILE = '.check-empty-wal-archive';

export interface ArchiverDeps extends AccessDeps {
  user: ServerUser | undefined;
  log: (line: string) => void;
  /**
   * The Cluster of an instance pod (the operator's own bookkeeping), with the instance
   * manager's cached copy of it (ClusterRuntime.lastSeen).
   */
  clusterOf: (namespace: string, pod: string) => { name: string; cached?: KubeObject } | undefined;
  /** The data directory of an instance pod. */
  dataDirOf: (namespace: string, pod: string) => string | undefined;
  /** Where a recovering Cluster reads its WAL from. */
  recoverySource: (cluster: KubeObject) => ArchiveConfig;
}

function archivingCondition(error?: string): Condition {
  return error === undefined
    ? {
        type: 'ContinuousArchiving',
        status: 'True',
        reason: 'ContinuousArchivingSuccess',
        message: 'Continuous archiving is working',
      }
    : {
        type: 'ContinuousArchiving',
        status: 'False',
        reason: 'ContinuousArchivingFailing',
        message: error,
      };
}

/**
 * barman-cloud-check-wal-archive (barman 3.16.1 and later): a missing bucket or container is
 * created (cloud.py setup_bucket; aws_s3.py _create_bucket logs "Bucket '%s' does not exist,
 * creating it"); then the server's wals/ must hold nothing yet. barman-cloud-wal-archive and
 * barman-cloud-backup create nothing: without this check a missing bucket fails them.
 */
export async function ensureEmptyArchive(
  at: ArchiveLocation,
  log: (line: string) => void,
): Promise<void> {
  if (!(await at.store.exists())) {
    log(`barman-cloud-check-wal-archive: ${at.store.what} does not exist, creating it`);
    await at.store.create();
    return;
  }
  if (await firstObject(at.store, walsPrefix(at.root)))
    throw new Error(
      'unexpected failure invoking barman-cloud-wal-archive: exit status 1 ' +
        `(barman-cloud-check-wal-archive: Expected empty archive for server ${at.config.serverName})`,
    );
}

/** The archived object of a WAL file, compressed or not, or undefined. */
export async function findWal(
  at: ArchiveLocation,
  walName: string,
): Promise<{ name: string; suffix: string } | undefined> {
  const bare = walBlobName(at.root, walName);
  for await (const o of at.store.list(bare)) {
    const suffix = walSuffixOf(o.name, walName);
    if (suffix !== undefined) return { name: o.name, suffix };
  }
  return undefined;
}

export class WalArchiver implements WalHandler {
  readonly #deps: ArchiverDeps;
  constructor(deps: ArchiverDeps) {
    this.#deps = deps;
  }

  /**
   * The instance manager archives with its cached copy of its Cluster (internal/management/
   * cache): while a deleted Cluster's pods shut down, their last segments go where the Cluster
   * said, and a Cluster without backups archives nothing, successfully. Without this, every
   * shutdown after a Cluster's deletion waited out PostgreSQL's archive retries.
   */
  #cluster(req: WalRequest): KubeObject | undefined {
    if (!isWalName(req.name)) throw new Error(`${req.name} is not a WAL file name`);
    const owner = this.#deps.clusterOf(req.namespace, req.pod);
    if (!owner) throw new Error(`instance ${req.namespace}/${req.pod} belongs to no Cluster`);
    const live = this.#deps.store.get(CLUSTERS, req.namespace, owner.name);
    if (!live && !owner.cached)
      this.#deps.log(
        `${req.namespace}/${req.pod}: wal-archive ${req.name}: Cluster ${owner.name} is gone and was never seen, nothing to do`,
      );
    return live ?? owner.cached;
  }

  async archive(req: WalRequest): Promise<void> {
    const cluster = this.#cluster(req);
    if (!cluster) return;
    try {
      await this.#archive(cluster, req);
      setClusterCondition(
        this.#deps.store,
        req.namespace,
        cluster.metadata.name,
        archivingCondition(),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const cond = archivingCondition(message);
      setClusterCondition(this.#deps.store, req.namespace, cluster.metadata.name, cond);
      this.#deps.log(`${req.namespace}/${req.pod}: wal-archive ${req.name} failed: ${message}`);
      throw error;
    }
  }

  async #archive(cluster: KubeObject, req: WalRequest): Promise<void> {
    if (this.#deps.faults.get().walArchiveFailing)
      throw new Error('barman-cloud-wal-archive failed (injected: faults.walArchiveFailing)');
    const configs = walArchives(this.#deps.store, cluster);
    if (configs.length === 0) return;
    const { currentPrimary, targetPrimary } = cluster.status ?? {};
    const bootstrapping = currentPrimary === undefined && targetPrimary === req.pod;
    if (currentPrimary !== req.pod && !bootstrapping)
      throw new Error(`instance ${req.pod} is not the current primary, not archiving ${req.name}`);
    const marker = this.#marker(cluster, req);
    const data = await readFile(req.path);
    for (const config of configs) {
      const suffix = walSuffix(config.configuration.walCompression);
      const at = openArchive(this.#deps, config);
      if (marker && (await exists(marker))) await ensureEmptyArchive(at, this.#deps.log);
      const body = await compressWal(data, suffix);
      await at.store.put(`${walBlobName(at.root, req.name)}${suffix}`, body);
    }
    if (marker) await rm(marker, { force: true });
  }

  /** The empty-archive marker to honour, unless the Cluster skips the check. */
  #marker(cluster: KubeObject, req: WalRequest): string | undefined {
    if (cluster.metadata.annotations?.['cnpg.io/skipEmptyWalArchiveCheck'] === 'enabled')
      return undefined;
    const dir = this.#deps.dataDirOf(req.namespace, req.pod);
    return dir ? join(dir, CHECK_EMPTY_WAL_ARCHIVE_FILE) : undefined;
  }

  async restore(req: WalRequest): Promise<boolean> {
    const cluster = this.#cluster(req);
    if (!cluster) return false;
    const at = openArchive(this.#deps, this.#deps.recoverySource(cluster));
    const found = await findWal(at, req.name);
    if (!found) return false;
    const raw = await at.store.get(found.name);
    const data = await decompressWal(raw, found.suffix, req.name);
    await writeFile(req.path, data, { mode: 0o600 });
    const { user } = this.#deps;
    if (user) await chown(req.path, user.uid, user.gid);
    return true;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
