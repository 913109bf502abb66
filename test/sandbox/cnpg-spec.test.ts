// Pure parts of the CNPG emulation: reading a Cluster spec with CNPG's defaults,
// synchronous_standby_names, the app secret's keys, and the RFC3339Micro timestamps.
import { describe, expect, it } from 'vitest';
import { readCluster } from '../../sandbox/cnpg/cluster-spec.ts';
import { rfc3339Micro } from '../../sandbox/cnpg/resources.ts';
import { appSecretData } from '../../sandbox/cnpg/secrets.ts';
import { synchronousStandbyNames } from '../../sandbox/cnpg/sync-replication.ts';
import type { KubeObject } from '../../sandbox/kube/types.ts';

function cluster(spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'pg', namespace: 'db', uid: 'u' },
    spec,
  };
}

const members = { primary: 'pg-1', replicas: ['pg-3', 'pg-2'], readyReplicas: ['pg-2'] };

describe('readCluster', () => {
  it('applies CNPG defaults', () => {
    const c = readCluster(cluster({ instances: 3 }));
    expect(c.initdb).toMatchObject({ database: 'app', owner: undefined, secretName: undefined });
    expect(c.synchronous).toBeUndefined();
    expect(c.imageName).toBe('ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie');
  });
});

describe('synchronousStandbyNames', () => {
  it.each([
    [{}, ''],
    [
      { postgresql: { synchronous: { method: 'any', number: 1 } } },
      'ANY 1 ("pg-2", "pg-3", "pg-1")',
    ],
    [
      { postgresql: { synchronous: { method: 'first', number: 2 } } },
      'FIRST 2 ("pg-2", "pg-3", "pg-1")',
    ],
    [
      { postgresql: { synchronous: { method: 'any', number: 1, maxStandbyNamesFromCluster: 1 } } },
      'ANY 1 ("pg-2")',
    ],
    [
      { postgresql: { synchronous: { method: 'any', number: 1, standbyNamesPre: ['ext'] } } },
      'ANY 1 ("ext", "pg-2", "pg-3", "pg-1")',
    ],
    [
      { postgresql: { synchronous: { method: 'any', number: 2, dataDurability: 'preferred' } } },
      'ANY 1 ("pg-2")',
    ],
    [{ minSyncReplicas: 1, maxSyncReplicas: 2 }, 'ANY 1 ("pg-2", "pg-3")'],
    [{ minSyncReplicas: 0, maxSyncReplicas: 0 }, ''],
  ])('%j -> %s', (spec, expected) => {
    expect(synchronousStandbyNames(readCluster(cluster({ instances: 3, ...spec })), members)).toBe(
      expected,
    );
  });
});

describe('appSecretData', () => {
  it('builds the keys CNPG writes', () => {
    const data = appSecretData(readCluster(cluster({ instances: 1 })), {
      database: 'app',
      owner: 'app',
      password: 'p@ss',
    });
    expect(data).toEqual({
      username: 'app',
      user: 'app',
      password: 'p@ss',
      dbname: 'app',
      host: 'pg-rw',
      port: '5432',
      pgpass: 'pg-rw:5432:app:app:p@ss\n',
      uri: 'postgresql://app:p%40ss@pg-rw.db:5432/app',
      'jdbc-uri': 'jdbc:postgresql://pg-rw.db:5432/app?password=p%40ss&user=app',
      'fqdn-uri': 'postgresql://app:p%40ss@pg-rw.db.svc.cluster.local:5432/app',
      'fqdn-jdbc-uri':
        'jdbc:postgresql://pg-rw.db.svc.cluster.local:5432/app?password=p%40ss&user=app',
    });
  });
});

describe('rfc3339Micro', () => {
  it('has six fractional digits', () => {
    expect(rfc3339Micro(new Date('2026-07-01T10:00:00.123Z'))).toBe('2026-07-01T10:00:00.123000Z');
  });
});
