// Pure parts of applying and waiting: apply order, what counts as a change, when a CNPG
// Cluster is healthy, and the progress lines a person sees while waiting.
import { describe, expect, test } from 'vitest';
import {
  HEALTHY_PHASE,
  ProgressTracker,
  isHealthy,
  type ClusterView,
} from '../../src/cnpg/health.ts';
import { differences, inApplyOrder } from '../../src/kube/apply.ts';

describe('inApplyOrder', () => {
  test('puts the ObjectStore before the Cluster and backups and monitors after it', () => {
    const kinds = ['PodMonitor', 'ScheduledBackup', 'Cluster', 'Service', 'ObjectStore', 'Pooler'];
    expect(inApplyOrder(kinds.map((kind) => ({ kind }))).map((o) => o.kind)).toEqual([
      'ObjectStore',
      'Cluster',
      'ScheduledBackup',
      'Pooler',
      'Service',
      'PodMonitor',
    ]);
  });
});

describe('differences', () => {
  const live = {
    metadata: { name: 'a', resourceVersion: '1', generation: 1, annotations: { x: '1' } },
    spec: { instances: 3, postgresql: { parameters: { 'pg_stat_statements.max': '10000' } } },
    status: { phase: 'healthy' },
  };
  test.each([
    ['identical', live, []],
    [
      'server-set fields and status only',
      { ...live, metadata: { ...live.metadata, resourceVersion: '9', generation: 2 }, status: {} },
      [],
    ],
    ['a spec value', { ...live, spec: { ...live.spec, instances: 2 } }, ['spec.instances']],
    [
      'a parameter deeper than three levels',
      {
        ...live,
        spec: { ...live.spec, postgresql: { parameters: { 'pg_stat_statements.max': '5' } } },
      },
      ['spec.postgresql.parameters'],
    ],
    [
      'an annotation',
      { ...live, metadata: { ...live.metadata, annotations: { x: '2' } } },
      ['metadata.annotations.x'],
    ],
  ])('%s', (_name, after, expected) => {
    expect(differences(live, after)).toEqual(expected);
  });
});

const healthy: ClusterView = {
  metadata: { generation: 2 },
  spec: { instances: 3 },
  status: {
    phase: HEALTHY_PHASE,
    readyInstances: 3,
    currentPrimary: 'pg-1',
    targetPrimary: 'pg-1',
    conditions: [{ type: 'Ready', status: 'True', observedGeneration: 2 }],
  },
};

describe('isHealthy', () => {
  const with_ = (
    status: Partial<NonNullable<ClusterView['status']>>,
    meta = healthy.metadata,
  ): ClusterView => ({
    ...healthy,
    metadata: meta,
    status: { ...healthy.status, ...status },
  });
  test.each([
    ['the healthy cluster', healthy, true],
    ['absent', undefined, false],
    ['another phase', with_({ phase: 'Failing over' }), false],
    ['fewer ready instances than spec.instances', with_({ readyInstances: 2 }), false],
    ['a failover under way (targetPrimary pending)', with_({ targetPrimary: 'pending' }), false],
    ['Ready=False', with_({ conditions: [{ type: 'Ready', status: 'False' }] }), false],
    ['a Ready condition of an older generation', with_({}, { generation: 3 }), false],
    [
      'no observedGeneration recorded',
      with_({ conditions: [{ type: 'Ready', status: 'True' }] }, { generation: 3 }),
      true,
    ],
  ])('%s', (_name, cluster, expected) => {
    expect(isHealthy(cluster)).toBe(expected);
  });
});

describe('ProgressTracker', () => {
  test('reports phase changes, newly ready instances and the primary once each', () => {
    const t = new ProgressTracker();
    const state = (phase: string, reason: string, ready: string[]): ClusterView => ({
      metadata: {},
      spec: { instances: 3 },
      status: {
        phase,
        phaseReason: reason,
        currentPrimary: 'pg-1',
        instancesStatus: { healthy: ready },
      },
    });
    expect(t.update(undefined)).toEqual(['Cluster not found yet']);
    expect(t.update(state('Setting up primary', 'initdb', []))).toEqual([
      'phase: Setting up primary (initdb)',
      'primary: pg-1',
    ]);
    expect(t.update(state('Setting up primary', 'initdb', ['pg-1']))).toEqual([
      'instance pg-1 ready (1/3)',
    ]);
    expect(t.update(state('Creating a new replica', 'pg-2', ['pg-1', 'pg-2']))).toEqual([
      'phase: Creating a new replica (pg-2)',
      'instance pg-2 ready (2/3)',
    ]);
    expect(t.update(state('Creating a new replica', 'pg-2', ['pg-1', 'pg-2']))).toEqual([]);
  });
});
