// The sandbox's wal-archive answers as CNPG's instance manager does, from its cached copy of
// the Cluster: once the Cluster object is deleted, the pods that are still shutting down keep
// archiving as it was configured (here: not at all, successfully). PostgreSQL's archiver
// retries a failed archive_command during a fast shutdown, so a failure here made every
// deleted instance wait seconds before it stopped.
import { describe, expect, test } from 'vitest';
import { WalArchiver } from '../../sandbox/backup/archiver.ts';
import { CLUSTERS } from '../../sandbox/cnpg/resources.ts';
import { Faults } from '../../sandbox/faults.ts';
import { MemoryStore } from '../../sandbox/kube/store.ts';

const NS = 'arch';
const SEGMENT = '000000010000000000000002';

/** The archiver as the sandbox wires it: the operator's bookkeeping names the pod's Cluster and
 * hands over the instance manager's cached copy, read while the Cluster existed. */
function archiver(
  store: MemoryStore,
  owner: string | undefined,
  log: (line: string) => void = () => undefined,
) {
  const cached = owner === undefined ? undefined : store.get(CLUSTERS, NS, owner);
  return new WalArchiver({
    store,
    objectStore: undefined,
    s3: undefined,
    faults: new Faults(),
    user: undefined,
    log,
    clusterOf: () =>
      owner === undefined ? undefined : { name: owner, ...(cached ? { cached } : {}) },
    dataDirOf: () => undefined,
    recoverySource: () => {
      throw new Error('no recovery here');
    },
  });
}

function storeWithCluster(): MemoryStore {
  const store = new MemoryStore();
  store.create(
    { group: '', version: 'v1', plural: 'namespaces' },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
  );
  store.create(CLUSTERS, {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'pg', namespace: NS },
    spec: { instances: 1 },
  });
  return store;
}

const request = { namespace: NS, pod: 'pg-1', name: SEGMENT, path: `/nowhere/${SEGMENT}` };

describe('wal-archive after the Cluster was deleted', () => {
  test('archives as the Cluster was configured while its pods shut down', async () => {
    const store = storeWithCluster();
    const wal = archiver(store, 'pg');
    await wal.archive(request);
    store.delete(CLUSTERS, NS, 'pg');
    expect(store.get(CLUSTERS, NS, 'pg')).toBeUndefined();
    await expect(wal.archive(request)).resolves.toBeUndefined();
  });

  test('archives with the cached configuration, not as if the Cluster had no backups', async () => {
    const store = storeWithCluster();
    store.mutate(CLUSTERS, NS, 'pg', (c) => {
      c.spec = {
        ...c.spec,
        backup: {
          barmanObjectStore: { destinationPath: 'https://sandbox.blob.core.windows.net/b' },
        },
      };
    });
    const lines: string[] = [];
    const wal = archiver(store, 'pg', (l) => lines.push(l));
    store.delete(CLUSTERS, NS, 'pg');
    // The cached Cluster archives to Blob storage, which this sandbox has none of: the attempt
    // fails as the configured one would, instead of succeeding with nothing archived.
    await expect(wal.archive(request)).rejects.toThrow();
    expect(lines.join('\n')).not.toContain('never seen');
  });

  test('an instance the operator does not know still fails, as before', async () => {
    const wal = archiver(storeWithCluster(), undefined);
    await expect(wal.archive(request)).rejects.toThrow('belongs to no Cluster');
  });
});
