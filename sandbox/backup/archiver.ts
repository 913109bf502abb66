// What CNPG's `wal-archive` / `wal-restore` do for an instance, on the sandbox's object store:
// archive a segment of the current primary to <serverName>/wals/…, setting the Cluster's
// ContinuousArchiving condition from the real result of every attempt (facts §1.2), and
// restore WAL from a recovery source into a recovering instance's pg_wal.
import { chown, readFile, writeFile } from 'node:fs/promises';
import { RestError } from '@azure/storage-blob';
import { CLUSTERS } from '../cnpg/resources.ts';
import { setClusterCondition } from '../cnpg/status.ts';
import type { Condition } from '../cnpg/status.ts';
import type { KubeObject } from '../kube/types.ts';
import type { ServerUser } from '../users.ts';
import { openArchive } from './access.ts';
import type { AccessDeps } from './access.ts';
import { clusterArchive } from './config.ts';
import type { ArchiveConfig } from './config.ts';
import { isWalName, walBlobName } from './layout.ts';
import type { WalHandler, WalRequest } from './wal-service.ts';

export interface ArchiverDeps extends AccessDeps {
  user: ServerUser | undefined;
  log: (line: string) => void;
  /** The Cluster an instance pod belongs to (the operator's own bookkeeping). */
  clusterOf: (namespace: string, pod: string) => string | undefined;
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

function isNotFound(error: unknown): boolean {
  return error instanceof RestError && error.statusCode === 404;
}

export class WalArchiver implements WalHandler {
  readonly #deps: ArchiverDeps;
  constructor(deps: ArchiverDeps) {
    this.#deps = deps;
  }

  #cluster(req: WalRequest): KubeObject {
    const name = this.#deps.clusterOf(req.namespace, req.pod);
    const cluster = name ? this.#deps.store.get(CLUSTERS, req.namespace, name) : undefined;
    if (!cluster) throw new Error(`instance ${req.namespace}/${req.pod} belongs to no Cluster`);
    if (!isWalName(req.name)) throw new Error(`${req.name} is not a WAL file name`);
    return cluster;
  }

  #setCondition(cluster: KubeObject, condition: Condition): void {
    setClusterCondition(
      this.#deps.store,
      cluster.metadata.namespace,
      cluster.metadata.name,
      condition,
    );
  }

  async archive(req: WalRequest): Promise<void> {
    const cluster = this.#cluster(req);
    try {
      await this.#archive(cluster, req);
      this.#setCondition(cluster, archivingCondition());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#setCondition(cluster, archivingCondition(message));
      this.#deps.log(`${req.namespace}/${req.pod}: wal-archive ${req.name} failed: ${message}`);
      throw error;
    }
  }

  async #archive(cluster: KubeObject, req: WalRequest): Promise<void> {
    if (this.#deps.faults.get().walArchiveFailing)
      throw new Error('barman-cloud-wal-archive failed (injected: faults.walArchiveFailing)');
    const config = clusterArchive(this.#deps.store, cluster);
    // CNPG's wrapper succeeds without archiving when nothing is configured (facts §1.2).
    if (!config) return;
    const { currentPrimary, targetPrimary } = cluster.status ?? {};
    const bootstrapping = currentPrimary === undefined && targetPrimary === req.pod;
    if (currentPrimary !== req.pod && !bootstrapping)
      throw new Error(`instance ${req.pod} is not the current primary, not archiving ${req.name}`);
    const at = openArchive(this.#deps, config);
    const data = await readFile(req.path);
    await at.container.getBlockBlobClient(walBlobName(at.root, req.name)).uploadData(data);
  }

  async restore(req: WalRequest): Promise<boolean> {
    const cluster = this.#cluster(req);
    const at = openArchive(this.#deps, this.#deps.recoverySource(cluster));
    const blob = at.container.getBlobClient(walBlobName(at.root, req.name));
    let data: Buffer;
    try {
      data = await blob.downloadToBuffer();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
    await writeFile(req.path, data, { mode: 0o600 });
    const { user } = this.#deps;
    if (user) await chown(req.path, user.uid, user.gid);
    return true;
  }
}
