// The ScheduledBackup controller on a bare MemoryStore: immediate backups with CNPG's name,
// labels and copied spec, owner references, real-time schedules with status times, waiting
// for a running child, suspend, and schedule errors in status.error.
import { describe, expect, test, type TestContext } from 'vitest';
import { BACKUPS, SCHEDULED_BACKUPS } from '../../sandbox/backup/config.ts';
import { ScheduledBackupController } from '../../sandbox/backup/scheduled.ts';
import { CLUSTERS, CNPG_API_VERSION } from '../../sandbox/cnpg/resources.ts';
import { MemoryStore } from '../../sandbox/kube/store.ts';
import type { KubeObject } from '../../sandbox/kube/types.ts';

const NS = 'default';
const FIXED = new Date('2026-12-01T10:00:00.250Z');
/** Starts a controller that stops when the test ends (ctx: concurrent tests need their own). */
function start(
  ctx: TestContext,
  store: MemoryStore,
  now?: () => Date,
): { controller: ScheduledBackupController; lines: string[] } {
  const lines: string[] = [];
  const controller = new ScheduledBackupController({ store, log: (l) => lines.push(l), now });
  controller.start();
  ctx.onTestFinished(() => {
    controller.stop();
  });
  return { controller, lines };
}

function scheduled(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: CNPG_API_VERSION,
    kind: 'ScheduledBackup',
    metadata: { name, namespace: NS },
    spec: { cluster: { name: 'pg' }, ...spec },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, fn: () => T | undefined, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const backups = (store: MemoryStore): KubeObject[] =>
  store.list(BACKUPS, NS).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
const status = (store: MemoryStore, name: string): Record<string, unknown> =>
  store.get(SCHEDULED_BACKUPS, NS, name)?.status ?? {};
const complete = (store: MemoryStore, b: KubeObject): void => {
  store.patchStatus(BACKUPS, NS, b.metadata.name, (s) => {
    s.phase = 'completed';
  });
};
const owner = (kind: string, name: string, uid: string | undefined): Record<string, unknown> => ({
  apiVersion: CNPG_API_VERSION,
  kind,
  name,
  uid,
  controller: true,
  blockOwnerDeletion: true,
});
/** The UTC time encoded in a backup's name suffix. */
const nameTime = (b: KubeObject): number => {
  const m = /-(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(b.metadata.name);
  if (!m) throw new Error(`${b.metadata.name} does not end in a timestamp`);
  return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
};

describe('immediate backups and their shape', () => {
  test('immediate: one Backup at once, named from now, with labels and the copied spec', async (ctx) => {
    const store = new MemoryStore();
    const spec = {
      schedule: '0 0 0 * * *',
      immediate: true,
      target: 'prefer-standby',
      online: true,
      onlineConfiguration: { immediateCheckpoint: true },
      pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' },
    };
    store.create(SCHEDULED_BACKUPS, scheduled('nightly', spec));
    const { lines } = start(ctx, store, () => FIXED);
    const [b] = await waitFor('the backup', () => backups(store)[0] && backups(store));
    expect(lines).toEqual([
      'scheduledbackup default/nightly: created backup nightly-20261201100000',
    ]);
    await sleep(100);
    expect(backups(store)).toHaveLength(1);
    expect(b).toMatchObject({ apiVersion: CNPG_API_VERSION, kind: 'Backup' });
    expect(b?.metadata.name).toBe('nightly-20261201100000');
    expect(b?.metadata.namespace).toBe(NS);
    expect(b?.metadata.labels).toEqual({
      'cnpg.io/cluster': 'pg',
      'cnpg.io/immediateBackup': 'true',
      'cnpg.io/scheduled-backup': 'nightly',
    });
    expect(b?.metadata.ownerReferences).toBeUndefined();
    const { schedule: _s, immediate: _i, ...copied } = spec;
    expect(b?.spec).toEqual({ ...copied, cluster: { name: 'pg' }, method: 'barmanObjectStore' });
    expect(status(store, 'nightly')).toEqual({
      lastCheckTime: '2026-12-01T10:00:00Z',
      lastScheduleTime: '2026-12-01T10:00:00Z',
      nextScheduleTime: '2026-12-02T00:00:00Z',
    });
  });

  test('without immediate nothing is created yet; the next time is written', async (ctx) => {
    const store = new MemoryStore();
    store.create(SCHEDULED_BACKUPS, scheduled('later', { schedule: '@daily', method: 'plugin' }));
    start(ctx, store, () => FIXED);
    await waitFor('status', () => status(store, 'later').nextScheduleTime);
    expect(status(store, 'later')).toEqual({
      lastCheckTime: '2026-12-01T10:00:00Z',
      nextScheduleTime: '2026-12-02T00:00:00Z',
    });
    await sleep(100);
    expect(backups(store)).toEqual([]);
  });

  test('backupOwnerReference self: the ScheduledBackup owns the Backup', async (ctx) => {
    const store = new MemoryStore();
    const sb = store.create(
      SCHEDULED_BACKUPS,
      scheduled('own', { schedule: '@daily', immediate: true, backupOwnerReference: 'self' }),
    );
    start(ctx, store, () => FIXED);
    const b = await waitFor('the backup', () => backups(store)[0]);
    expect(b.metadata.ownerReferences).toEqual([owner('ScheduledBackup', 'own', sb.metadata.uid)]);
    expect(b.spec?.method).toBe('barmanObjectStore');
  });

  test('backupOwnerReference cluster: an error until the Cluster exists, then it owns it', async (ctx) => {
    const store = new MemoryStore();
    const spec = { schedule: '@daily', immediate: true, backupOwnerReference: 'cluster' };
    store.create(SCHEDULED_BACKUPS, scheduled('byc', spec));
    start(ctx, store, () => FIXED);
    const error = await waitFor('status.error', () => status(store, 'byc').error);
    expect(error).toMatch(/cluster "pg" not found/);
    expect(backups(store)).toEqual([]);
    const cluster = store.create(CLUSTERS, {
      apiVersion: CNPG_API_VERSION,
      kind: 'Cluster',
      metadata: { name: 'pg', namespace: NS },
      spec: { instances: 1 },
    });
    const b = await waitFor('the backup', () => backups(store)[0]);
    expect(b.metadata.ownerReferences).toEqual([owner('Cluster', 'pg', cluster.metadata.uid)]);
    await waitFor('the error cleared', () => status(store, 'byc').error === undefined);
    expect(status(store, 'byc').lastScheduleTime).toBe('2026-12-01T10:00:00Z');
  });

  test('a Backup that already exists with that name is not an error', async (ctx) => {
    const store = new MemoryStore();
    store.create(BACKUPS, {
      apiVersion: CNPG_API_VERSION,
      kind: 'Backup',
      metadata: { name: 'dup-20261201100000', namespace: NS },
      spec: { cluster: { name: 'pg' } },
      status: { phase: 'completed' },
    });
    store.create(SCHEDULED_BACKUPS, scheduled('dup', { schedule: '@daily', immediate: true }));
    start(ctx, store, () => FIXED);
    await waitFor('status', () => status(store, 'dup').lastScheduleTime);
    expect(status(store, 'dup').error).toBeUndefined();
    expect(backups(store).map((b) => b.metadata.name)).toEqual(['dup-20261201100000']);
  });
});

// Each of these waits on the wall clock: they run side by side.
describe.concurrent('schedules in real time', () => {
  test('*/1: one Backup per second, each created promptly after its time', async (ctx) => {
    const store = new MemoryStore();
    const seen: { b: KubeObject; at: number }[] = [];
    store.watch(BACKUPS, (type, b) => {
      if (type !== 'ADDED') return;
      seen.push({ b, at: Date.now() });
      queueMicrotask(() => {
        complete(store, b);
      });
    });
    store.create(SCHEDULED_BACKUPS, scheduled('fast', { schedule: '*/1 * * * * *' }));
    start(ctx, store);
    await waitFor('three backups', () => seen.length >= 3, 10_000);
    const [t0 = 0, t1 = 0, t2 = 0] = seen.map((s) => nameTime(s.b));
    expect([t1 - t0, t2 - t1]).toEqual([1000, 1000]);
    for (const s of seen) {
      expect(s.b.metadata.labels?.['cnpg.io/immediateBackup']).toBe('false');
      expect(s.at - nameTime(s.b)).toBeGreaterThanOrEqual(0);
      // About a second at most (timers sleep up to 1 s); the margin absorbs a loaded CI machine.
      expect(s.at - nameTime(s.b)).toBeLessThan(2500);
    }
    const st = status(store, 'fast');
    expect(Date.parse(String(st.lastScheduleTime))).toBeGreaterThanOrEqual(t2);
    expect(Date.parse(String(st.nextScheduleTime))).toBeGreaterThan(
      Date.parse(String(st.lastScheduleTime)),
    );
    expect(st.lastCheckTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('no second Backup while a child is not done; the delayed one follows when it is', async (ctx) => {
    const store = new MemoryStore();
    store.create(SCHEDULED_BACKUPS, scheduled('slow', { schedule: '*/1 * * * * *' }));
    start(ctx, store);
    const first = await waitFor('the first backup', () => backups(store)[0], 6000);
    store.patchStatus(BACKUPS, NS, first.metadata.name, (s) => {
      s.phase = 'running';
    });
    await sleep(1600);
    expect(backups(store)).toHaveLength(1);
    complete(store, first);
    const second = await waitFor('the second backup', () => backups(store)[1], 5000);
    // As CNPG: the run that was due while the child ran is created late, under its own time.
    expect(nameTime(second) - nameTime(first)).toBe(1000);
  });

  test('a failed child counts as done', async (ctx) => {
    const store = new MemoryStore();
    store.create(SCHEDULED_BACKUPS, scheduled('flaky', { schedule: '*/2 * * * * *' }));
    start(ctx, store);
    const first = await waitFor('the first backup', () => backups(store)[0], 6000);
    store.patchStatus(BACKUPS, NS, first.metadata.name, (s) => {
      s.phase = 'failed';
    });
    const second = await waitFor('the second backup', () => backups(store)[1], 8000);
    expect(nameTime(second) - nameTime(first)).toBe(2000);
  });

  test('suspend: nothing is created until it is lifted', async (ctx) => {
    const store = new MemoryStore();
    const spec = { schedule: '*/1 * * * * *', immediate: true, suspend: true };
    store.create(SCHEDULED_BACKUPS, scheduled('paused', spec));
    start(ctx, store);
    await sleep(1300);
    expect(backups(store)).toEqual([]);
    expect(status(store, 'paused')).toEqual({});
    store.mutate(SCHEDULED_BACKUPS, NS, 'paused', (o) => {
      if (o.spec) o.spec.suspend = false;
    });
    const b = await waitFor('the backup', () => backups(store)[0], 5000);
    expect(b.metadata.labels?.['cnpg.io/immediateBackup']).toBe('true');
  });

  test('deleting the ScheduledBackup stops its schedule', async (ctx) => {
    const store = new MemoryStore();
    store.create(SCHEDULED_BACKUPS, scheduled('gone', { schedule: '*/1 * * * * *' }));
    start(ctx, store);
    const b = await waitFor('a backup', () => backups(store)[0], 6000);
    complete(store, b);
    store.delete(SCHEDULED_BACKUPS, NS, 'gone');
    await sleep(1300);
    expect(backups(store)).toHaveLength(1);
  });

  test('stop() clears the timers and the watches', async (ctx) => {
    const store = new MemoryStore();
    store.create(SCHEDULED_BACKUPS, scheduled('halt', { schedule: '*/1 * * * * *' }));
    const { controller } = start(ctx, store);
    const b = await waitFor('a backup', () => backups(store)[0], 6000);
    controller.stop();
    complete(store, b);
    store.create(SCHEDULED_BACKUPS, scheduled('late', { schedule: '@daily', immediate: true }));
    await sleep(1300);
    expect(backups(store)).toHaveLength(1);
  });
});

describe('schedule errors', () => {
  test('a bad schedule writes status.error and nothing else; fixing it clears the error', async (ctx) => {
    const store = new MemoryStore();
    const spec = { schedule: '0 0 0 * * 7', immediate: true };
    store.create(SCHEDULED_BACKUPS, scheduled('bad', spec));
    start(ctx, store, () => FIXED);
    const error = await waitFor('status.error', () => status(store, 'bad').error);
    expect(error).toBe('invalid schedule "0 0 0 * * 7": end of range (7) above maximum (6): 7');
    await sleep(100);
    expect(status(store, 'bad')).toEqual({ error });
    expect(backups(store)).toEqual([]);
    store.mutate(SCHEDULED_BACKUPS, NS, 'bad', (o) => {
      if (o.spec) o.spec.schedule = '0 0 0 * * 6';
    });
    await waitFor('a backup', () => backups(store)[0]);
    expect(status(store, 'bad').error).toBeUndefined();
  });

  test('a schedule that never matches is reported too', async (ctx) => {
    const store = new MemoryStore();
    store.create(SCHEDULED_BACKUPS, scheduled('feb30', { schedule: '0 0 0 30 2 *' }));
    start(ctx, store, () => FIXED);
    const error = await waitFor('status.error', () => status(store, 'feb30').error);
    expect(error).toMatch(/never matches/);
    expect(backups(store)).toEqual([]);
  });
});
