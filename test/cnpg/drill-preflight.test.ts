// The drill's safety checks and what it reads from the Cluster, as pure functions: the
// refusal reasons, the durability mode and lease settings, the replication rows psql prints,
// CNPG's order of failover candidates, the -rw endpoints, and the promote patch.
import { describe, expect, test } from 'vitest';
import type { ClusterObject } from '../../src/cnpg/clusters.ts';
import { preflightReasons } from '../../src/cnpg/drill-preflight.ts';
import { durabilityOf, durabilityText, leaseSettingsOf } from '../../src/cnpg/durability.ts';
import type { PodView } from '../../src/cnpg/instances.ts';
import { rwPodsOf } from '../../src/cnpg/primary-tracker.ts';
import { notReadyConditions, promotePatch, rfc3339Micro } from '../../src/cnpg/switchover.ts';
import { appDatabase, appSecretName } from '../../src/cnpg/app-credentials.ts';
import { deleteOptions } from '../../src/cnpg/drill-fault.ts';
import {
  lsnValue,
  mostAdvanced,
  parseReplication,
  type Replication,
} from '../../src/postgres/replication.ts';

const HEALTHY = 'Cluster in healthy state';

function cluster(
  over: { spec?: object; status?: object; annotations?: Record<string, string> } = {},
) {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'pg', namespace: 'db', annotations: over.annotations ?? {} },
    spec: { instances: 2, ...over.spec },
    status: {
      phase: HEALTHY,
      readyInstances: 2,
      currentPrimary: 'pg-1',
      targetPrimary: 'pg-1',
      ...over.status,
    },
  } as unknown as ClusterObject;
}

const pod = (name: string): PodView => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name } });
const PODS = [pod('pg-1'), pod('pg-2')];
const streaming = (...names: string[]): Replication => ({
  standbys: names.map((name) => ({ name, state: 'streaming', syncState: 'quorum' })),
  standbyNames: '',
});

describe('preflight', () => {
  test('a healthy Cluster with a streaming standby may be drilled', () => {
    expect(
      preflightReasons({
        cluster: cluster(),
        pods: PODS,
        replication: streaming('pg-2'),
        mode: 'kill',
      }),
    ).toEqual([]);
  });

  test.each([
    [
      'one instance',
      cluster({ spec: { instances: 1 }, status: { readyInstances: 1 } }),
      [pod('pg-1')],
      /has 1 instance: a failover needs a standby/,
    ],
    [
      'a switchover',
      cluster({ status: { targetPrimary: 'pg-2', phase: 'Switchover in progress' } }),
      PODS,
      /a switchover or failover is in progress \(currentPrimary pg-1, targetPrimary pg-2\)/,
    ],
    [
      'a failover',
      cluster({ status: { targetPrimary: 'pending', phase: 'Failing over' } }),
      PODS,
      /in progress/,
    ],
    [
      'not healthy',
      cluster({
        status: { phase: 'Waiting for the instances to become active', readyInstances: 1 },
      }),
      PODS,
      /not healthy: phase 'Waiting for the instances to become active', 1 of 2 instances ready/,
    ],
    [
      'paused',
      cluster({ annotations: { 'cnpg.io/reconciliationLoop': 'disabled' } }),
      PODS,
      /reconciliation is paused/,
    ],
  ])('refused: %s', (_what, c, pods, reason) => {
    const reasons = preflightReasons({
      cluster: c,
      pods,
      replication: streaming('pg-2'),
      mode: 'kill',
    });
    expect(reasons.join('\n')).toMatch(reason);
  });

  test('every standby must stream from the primary', () => {
    const pods = [...PODS, pod('pg-3')];
    const replication: Replication = {
      standbys: [{ name: 'pg-2', state: 'catchup', syncState: 'async' }],
      standbyNames: '',
    };
    const c = cluster({ spec: { instances: 3 }, status: { readyInstances: 3 } });
    expect(preflightReasons({ cluster: c, pods, replication, mode: 'kill' })).toEqual([
      'standby pg-2 is not streaming from pg-1 (state catchup)',
      'standby pg-3 is not streaming from pg-1 (not connected)',
    ]);
  });

  test('a switchover target must be a standby of the Cluster', () => {
    const r = streaming('pg-2');
    expect(
      preflightReasons({
        cluster: cluster(),
        pods: PODS,
        replication: r,
        mode: 'switchover',
        target: 'pg-1',
      }),
    ).toEqual(['the switchover target pg-1 is the primary already']);
    expect(
      preflightReasons({
        cluster: cluster(),
        pods: PODS,
        replication: r,
        mode: 'switchover',
        target: 'pg-9',
      }),
    ).toEqual(['the switchover target pg-9 is not an instance of the Cluster']);
  });
});

describe('durability and lease', () => {
  test.each([
    [{}, {}, 'async'],
    [
      { postgresql: { synchronous: { method: 'any', number: 1, failoverQuorum: true } } },
      {},
      'sync any 1 required, failoverQuorum',
    ],
    [
      { postgresql: { synchronous: { method: 'first', number: 2, dataDurability: 'preferred' } } },
      {},
      'sync first 2 preferred',
    ],
    // The deprecated annotation overrides the spec when it parses as a Go bool.
    [
      { postgresql: { synchronous: { method: 'any', number: 1 } } },
      { 'alpha.cnpg.io/failoverQuorum': 't' },
      'sync any 1 required, failoverQuorum',
    ],
    [
      { postgresql: { synchronous: { method: 'any', number: 1, failoverQuorum: true } } },
      { 'alpha.cnpg.io/failoverQuorum': 'false' },
      'sync any 1 required',
    ],
    [
      { minSyncReplicas: 1, maxSyncReplicas: 2 },
      {},
      'sync (legacy minSyncReplicas 1, maxSyncReplicas 2)',
    ],
  ])('%j %j -> %s', (spec, annotations, text) => {
    expect(durabilityText(durabilityOf(cluster({ spec, annotations })))).toBe(text);
  });

  test("CNPG's lease defaults unless the spec sets them", () => {
    expect(leaseSettingsOf(cluster())).toEqual({
      leaseDurationSeconds: 15,
      renewDeadlineSeconds: 10,
      retryPeriodSeconds: 2,
      releasedLeaseDurationSeconds: 1,
    });
    const short = { leaseDurationSeconds: 3, renewDeadlineSeconds: 2, retryPeriodSeconds: 1 };
    expect(leaseSettingsOf(cluster({ spec: { primaryLease: short } }))).toMatchObject(short);
  });
});

describe('replication', () => {
  test('parses the rows psql prints', () => {
    const r = parseReplication([
      'standby|pg-3|streaming|quorum|0/5000148|0/5000148',
      'standby|pg-2|catchup|async|0/4000000|',
      'names|||||ANY 1 ("pg-2", "pg-3")',
    ]);
    expect(r.standbyNames).toBe('ANY 1 ("pg-2", "pg-3")');
    expect(r.standbys).toEqual([
      { name: 'pg-2', state: 'catchup', syncState: 'async', flushLsn: '0/4000000' },
      {
        name: 'pg-3',
        state: 'streaming',
        syncState: 'quorum',
        flushLsn: '0/5000148',
        replayLsn: '0/5000148',
      },
    ]);
  });

  test('candidates in CNPG order: received LSN, replayed LSN, then name; streaming only', () => {
    const s = (name: string, flush: string, replay: string, state = 'streaming') => ({
      name,
      state,
      syncState: 'async',
      flushLsn: flush,
      replayLsn: replay,
    });
    const order = mostAdvanced([
      s('pg-10', '0/5000000', '0/4000000'),
      s('pg-2', '0/5000000', '0/4000000'),
      s('pg-3', '1/0', '0/1'),
      s('pg-4', '0/5000000', '0/5000000'),
      s('pg-5', '2/0', '2/0', 'catchup'),
    ]).map((x) => x.name);
    expect(order).toEqual(['pg-3', 'pg-4', 'pg-10', 'pg-2']);
    expect(lsnValue('1/0') > lsnValue('0/FFFFFFFF')).toBe(true);
  });
});

describe('objects', () => {
  test('the -rw endpoints are the ready addresses only', () => {
    const ep = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'pg-rw' },
      subsets: [
        {
          addresses: [{ targetRef: { name: 'pg-2' } }],
          notReadyAddresses: [{ targetRef: { name: 'pg-1' } }],
        },
      ],
    };
    expect(rwPodsOf(ep)).toEqual(['pg-2']);
    expect(rwPodsOf(undefined)).toEqual([]);
  });

  test('the promote patch is what kubectl cnpg promote writes', () => {
    const c = cluster();
    (c.metadata as { resourceVersion?: string }).resourceVersion = '42';
    (c.status as { conditions?: unknown }).conditions = [
      {
        type: 'Ready',
        status: 'True',
        reason: 'ClusterIsReady',
        message: 'Cluster is Ready',
        lastTransitionTime: '2026-01-01T00:00:00Z',
        observedGeneration: 3,
      },
      { type: 'Initialized', status: 'True', reason: 'BootstrapCompleted' },
    ];
    const at = Date.parse('2026-05-04T03:02:01.234Z');
    expect(promotePatch(c, 'pg-2', at)).toEqual({
      metadata: { resourceVersion: '42' },
      status: {
        targetPrimary: 'pg-2',
        targetPrimaryTimestamp: '2026-05-04T03:02:01.234000Z',
        phase: 'Switchover in progress',
        phaseReason: 'Switching over to pg-2',
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'ClusterIsNotReady',
            message: 'Cluster Is Not Ready',
            lastTransitionTime: '2026-05-04T03:02:01Z',
          },
          { type: 'Initialized', status: 'True', reason: 'BootstrapCompleted' },
        ],
      },
    });
    expect(rfc3339Micro(0)).toBe('1970-01-01T00:00:00.000000Z');
    const already = [
      { type: 'Ready', status: 'False', lastTransitionTime: '2026-01-01T00:00:00Z' },
    ];
    expect(notReadyConditions(already, at)[0]?.lastTransitionTime).toBe('2026-01-01T00:00:00Z');
  });

  test('delete options as kubectl sends them, with the pod uid as precondition', () => {
    expect(deleteOptions(1, 'u-1')).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      gracePeriodSeconds: 1,
      preconditions: { uid: 'u-1' },
    });
    expect(deleteOptions(0)).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      gracePeriodSeconds: 0,
    });
    expect(deleteOptions('default')).toEqual({ apiVersion: 'v1', kind: 'DeleteOptions' });
  });

  test("the application login is found where CNPG's helpers look", () => {
    const base = { metadata: { name: 'pg' } };
    expect(appSecretName(base)).toBe('pg-app');
    expect(appDatabase(base)).toBe('app');
    const initdb = {
      ...base,
      spec: { bootstrap: { initdb: { database: 'appdb', secret: { name: 'db-user-pass' } } } },
    };
    expect([appSecretName(initdb), appDatabase(initdb)]).toEqual(['db-user-pass', 'appdb']);
    const recovery = {
      ...base,
      spec: {
        bootstrap: {
          recovery: { database: 'orders', secret: { name: 'rec' } },
          initdb: { database: 'x' },
        },
      },
    };
    expect([appSecretName(recovery), appDatabase(recovery)]).toEqual(['rec', 'orders']);
  });
});
