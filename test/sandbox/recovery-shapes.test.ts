// How recoveries fail and succeed on CNPG 1.30, through client-node: the validating webhook
// refuses the recovery targets CNPG refuses (422, with its messages); a recovery runs as a
// batch/v1 Job <cluster>-1-full-recovery listed by the API server, whose pod log says what it
// did and why it failed; the Cluster keeps `Creating primary instance <cluster>-1` while the
// Job retries with Kubernetes' backoff (shortened here), and is unrecoverable once the Job
// exhausts its backoff limit; the backup is chosen as barman-cloud does (backupID wins over
// targetTime) and gzip-compressed data and WAL restore; a recovery that would archive into a
// serverName that holds WAL keeps failing.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clusterRef, startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';
import {
  barmanObjectStore,
  batchApi,
  blobNames,
  createBackup,
  createCluster,
  recordWatch,
  statusOf,
  superuser,
  switchWal,
  waitBackupDone,
} from './backup-helpers.ts';
import type { Recorded } from './backup-helpers.ts';

const SRC = 'rs';
const UNRECOVERABLE = 'Cluster is unrecoverable and needs manual intervention';
const compressed = { wal: { compression: 'gzip' }, data: { compression: 'gzip' } };
const origin = [
  { name: 'origin', barmanObjectStore: barmanObjectStore('rshapes', { serverName: SRC }) },
];
let h: Harness;
let b1 = '';
let targetTime = '';
let jobs: { events: Recorded[]; stop: () => void };
let clusters: { events: Recorded[]; stop: () => void };
let started = 0;

async function sql(text: string): Promise<void> {
  const c = await superuser(h, `${SRC}-1`);
  await c.query(text);
  await c.end();
}

/** Switches WAL and waits until the closed segment is in the archive (gzip). */
async function archivedSwitch(): Promise<void> {
  const segment = await switchWal(h, `${SRC}-1`);
  const blob = `rshapes/${SRC}/wals/${segment.slice(0, 16)}/${segment}.gz`;
  await waitFor(`${segment} archived`, async () => (await blobNames(h, blob)).length === 1);
}

async function backup(name: string): Promise<string> {
  await createBackup(h, name, SRC);
  const s = await waitBackupDone(h, name);
  if (s.phase !== 'completed') throw new Error(`backup ${name}: ${s.error ?? ''}`);
  return s.backupId ?? '';
}

beforeAll(async () => {
  h = await startHarness('rshapes', {
    timings: { jobBackoffBaseMs: 100, walArchiveCheckIntervalMs: 200, backupRetryMs: 500 },
  });
  jobs = await recordWatch(h, `/apis/batch/v1/namespaces/${h.namespace}/jobs`);
  clusters = await recordWatch(h, `/apis/postgresql.cnpg.io/v1/namespaces/${h.namespace}/clusters`);
  started = Date.now();
  // A target before every backup: the Job fails at once ("no target backup found").
  await createCluster(h, 'rs-fail', {
    bootstrap: {
      recovery: { source: 'origin', recoveryTarget: { targetTime: '2000-01-01 00:00:00' } },
    },
    externalClusters: origin,
  });
  await createCluster(h, SRC, {
    backup: { barmanObjectStore: barmanObjectStore('rshapes', compressed) },
  });
  await h.waitHealthy(SRC, 1);
  await sql('CREATE TABLE t AS SELECT generate_series(1, 10) AS id');
  b1 = await backup('rs-b1');
  // Would archive into rs's serverName, which holds WAL now: its Job keeps failing.
  await createCluster(h, 'rs-clash', {
    bootstrap: { recovery: { source: 'origin' } },
    externalClusters: origin,
    backup: { barmanObjectStore: barmanObjectStore('rshapes', { serverName: SRC }) },
  });
  await sql('INSERT INTO t SELECT generate_series(11, 20)');
  await archivedSwitch();
  await backup('rs-b2');
  await new Promise((r) => setTimeout(r, 300));
  targetTime = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 300));
  await sql('INSERT INTO t SELECT generate_series(21, 30)');
  await archivedSwitch();
});

afterAll(async () => {
  jobs.stop();
  clusters.stop();
  await h.close();
});

async function jobPodLogs(job: string): Promise<{ phase: string; log: string }[]> {
  const pods = await h.core.listNamespacedPod({
    namespace: h.namespace,
    labelSelector: `job-name=${job}`,
  });
  return Promise.all(
    pods.items.map(async (p) => ({
      phase: p.status?.phase ?? '',
      log: await h.core.readNamespacedPodLog({
        name: p.metadata?.name ?? '',
        namespace: h.namespace,
      }),
    })),
  );
}

describe('the validating webhook', () => {
  const recovery = (recoveryTarget: Record<string, unknown>) => ({
    bootstrap: { recovery: { source: 'origin', recoveryTarget } },
    externalClusters: origin,
  });
  const TARGET = 'spec.bootstrap.recovery.recoveryTarget';
  test.each([
    [{ targetName: 'before' }, `${TARGET}: Required value: BackupID is missing`],
    [{ targetImmediate: false }, `${TARGET}: Required value: BackupID is missing`],
    [
      { targetTime: '2026-01-01 00:00:00', targetLSN: '0/3000000' },
      'Recovery target options are mutually exclusive',
    ],
    [
      { targetTime: 'yesterday' },
      `${TARGET}: Invalid value: "yesterday": The format of TargetTime is invalid`,
    ],
    [
      { targetXID: '-1', backupID: '20260101T000000' },
      `${TARGET}.targetXID: Invalid value: "-1": recovery target xid must be a non-negative 32-bit integer`,
    ],
  ])('refuses %j on create', async (target, message) => {
    const res = await statusOf(createCluster(h, 'rs-bad', recovery(target)));
    expect(res.code).toBe(422);
    const body = JSON.parse(res.body) as { reason: string; message: string };
    expect(body.reason).toBe('Invalid');
    expect(body.message).toContain(
      'admission webhook "vcluster.cnpg.io" denied the request: Cluster.postgresql.cnpg.io "rs-bad" is invalid: ',
    );
    expect(body.message).toContain(message);
    const read = await statusOf(
      h.custom.getNamespacedCustomObject({ ...clusterRef(h.namespace), name: 'rs-bad' }),
    );
    expect(read.code).toBe(404);
  });

  test('refuses on update, in CNPG update-path words', async () => {
    const plugin = {
      name: 'barman-cloud.cloudnative-pg.io',
      isWALArchiver: true,
      parameters: { barmanObjectName: 'x' },
    };
    const res = await statusOf(
      h.custom.patchNamespacedCustomObject(
        { ...clusterRef(h.namespace), name: SRC, body: { spec: { plugins: [plugin] } } },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
      ),
    );
    expect(res.code).toBe(422);
    const body = JSON.parse(res.body) as { message: string };
    expect(body.message).toBe(
      'admission webhook "vcluster.cnpg.io" denied the request: Cluster.cluster.cnpg.io "rs" is invalid: spec.plugins: Invalid value: []string{"barman-cloud.cloudnative-pg.io"}: Cannot enable a WAL archiver plugin when barmanObjectStore is configured',
    );
  });
});

describe('a recovery Job', () => {
  test('that fails is retried with backoff, the Cluster keeps its reason, then is unrecoverable', async () => {
    const job = 'rs-fail-1-full-recovery';
    const listed = await batchApi(h).listNamespacedJob({
      namespace: h.namespace,
      labelSelector: 'cnpg.io/jobRole=full-recovery,cnpg.io/cluster=rs-fail',
    });
    expect(listed.items.map((j) => j.metadata?.name)).toEqual([job]);
    const final = await waitFor(
      'unrecoverable',
      async () => {
        const s = await h.status('rs-fail');
        return s.phase === UNRECOVERABLE && s;
      },
      60_000,
    );
    // Every phase the Cluster showed, from its creation, until it was unrecoverable.
    const phases = clusters.events
      .filter((e) => e.obj.metadata?.name === 'rs-fail' && e.obj.status?.phase)
      .map((e) => `${String(e.obj.status?.phase)} | ${String(e.obj.status?.phaseReason)}`);
    const unrecoverableAt = phases.findIndex((p) => p.startsWith(UNRECOVERABLE));
    expect([...new Set(phases.slice(0, unrecoverableAt))]).toEqual([
      'Setting up primary | Creating primary instance rs-fail-1',
    ]);
    expect(final.phaseReason).toBe(
      `Instance creation failed for the following jobs: ${job}. Check the job logs to investigate the cause of the failure.`,
    );
    const j = await batchApi(h).readNamespacedJob({ name: job, namespace: h.namespace });
    expect(j.status?.failed).toBe(7);
    expect(j.status?.conditions?.find((c) => c.type === 'Failed')).toMatchObject({
      status: 'True',
      reason: 'BackoffLimitExceeded',
    });
    const pods = await jobPodLogs(job);
    expect(pods).toHaveLength(7);
    for (const p of pods) {
      expect(p.phase).toBe('Failed');
      expect(p.log).toContain('no target backup found');
    }
    const seen = jobs.events.filter((e) => e.obj.metadata?.name === job);
    const created = seen[0]?.at ?? 0;
    const unrecoverable =
      clusters.events.find(
        (e) => e.obj.metadata?.name === 'rs-fail' && e.obj.status?.phase === UNRECOVERABLE,
      )?.at ?? 0;
    const failures = [1, 2, 3, 4, 5, 6, 7].map(
      (n) => (seen.find((e) => Number(e.obj.status?.failed) === n)?.at ?? 0) - created,
    );
    console.info(
      `recovery failure shape (jobBackoffBaseMs 100): Cluster created -> Job ${String(created - started)} ms; ` +
        `failed pods at ${failures.join(', ')} ms after the Job; unrecoverable at ${String(unrecoverable - created)} ms`,
    );
  });

  test('chooses the backup as barman-cloud does (backupID wins over targetTime) and restores gzip', async () => {
    await createCluster(h, 'rs-pick', {
      bootstrap: { recovery: { source: 'origin', recoveryTarget: { backupID: b1, targetTime } } },
      externalClusters: origin,
    });
    const log = await waitFor(
      'the Job says which backup',
      async () =>
        (await jobPodLogs('rs-pick-1-full-recovery'))
          .map((p) => p.log)
          .find((l) => l.includes('Target backup found')),
      60_000,
    );
    expect(log).toContain(`"backupID":"${b1}"`);
    await h.waitHealthy('rs-pick', 1);
    const c = await superuser(h, 'rs-pick-1');
    const n = await c.query<{ n: string }>('SELECT count(*) AS n FROM t');
    await c.end();
    expect(Number(n.rows[0]?.n)).toBe(20);
    // A completed Job goes once the Cluster is healthy (cleanupCompletedJobs).
    await waitFor('completed Job removed', async () => {
      const list = await batchApi(h).listNamespacedJob({
        namespace: h.namespace,
        labelSelector: 'cnpg.io/cluster=rs-pick',
      });
      return list.items.length === 0;
    });
  });

  test('that would archive into a serverName holding WAL keeps failing', async () => {
    await waitFor('two failed attempts', async () => {
      const j = await batchApi(h).readNamespacedJob({
        name: 'rs-clash-1-full-recovery',
        namespace: h.namespace,
      });
      return (j.status?.failed ?? 0) >= 2;
    });
    const s = await h.status('rs-clash');
    expect(s.phase === 'Setting up primary' || s.phase === UNRECOVERABLE).toBe(true);
    const logs = await jobPodLogs('rs-clash-1-full-recovery');
    expect(
      logs.filter((p) => p.log.includes('Expected empty archive')).length,
    ).toBeGreaterThanOrEqual(2);
    await h.custom.deleteNamespacedCustomObject({ ...clusterRef(h.namespace), name: 'rs-clash' });
  });
});
