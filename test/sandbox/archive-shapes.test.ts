// Where WAL goes and what the object store status says, as CNPG 1.30 and the Barman Cloud
// plugin do it, through client-node: every enabled WAL-capable plugin archives (isWALArchiver
// is not required), the in-core barmanObjectStore too unless a plugin is the WAL archiver;
// an in-core Backup of a Cluster without backup section fails with reason
// ClusterHasBackupConfigured; compression algorithms the sandbox does not write are refused
// where a user sees it (ContinuousArchiving for WAL, the Backup's error for data); a failed
// plugin backup sets the ObjectStore's lastFailedBackupTime and each write merges into
// serverRecoveryWindow instead of replacing it.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clusterRef, startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';
import {
  PLUGIN,
  barmanObjectStore,
  blobNames,
  condition,
  createBackup,
  createCluster,
  createObjectStore,
  eventsOf,
  switchWal,
  waitBackupDone,
} from './backup-helpers.ts';

const NAME = 'ap';
const MERGE = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
let h: Harness;

const storeRef = () => ({
  group: 'barmancloud.cnpg.io',
  version: 'v1',
  namespace: h.namespace,
  plural: 'objectstores',
  name: 'ap-store',
});

beforeAll(async () => {
  h = await startHarness('ashapes', { timings: { walArchiveCheckIntervalMs: 200 } });
  await createObjectStore(h, 'ap-store', 'apstore');
  // The plugin is enabled but not the WAL archiver (isWALArchiver unset).
  await createCluster(h, NAME, {
    plugins: [{ name: PLUGIN, parameters: { barmanObjectName: 'ap-store' } }],
  });
  await h.waitHealthy(NAME, 1);
});

afterAll(async () => {
  await h.close();
});

async function patchCluster(spec: Record<string, unknown>): Promise<void> {
  await h.custom.patchNamespacedCustomObject(
    { ...clusterRef(h.namespace), name: NAME, body: { spec } },
    MERGE,
  );
}

async function archived(prefix: string, segment: string): Promise<boolean> {
  const names = await blobNames(h, `${prefix}/${NAME}/wals/${segment.slice(0, 16)}/`);
  return names.some((n) => n.endsWith(segment));
}

async function archivingIs(status: 'True' | 'False') {
  return waitFor(`ContinuousArchiving ${status}`, async () => {
    const c = await condition(h, NAME, 'ContinuousArchiving');
    return c?.status === status && c;
  });
}

describe('WAL destinations', () => {
  test('an enabled Barman Cloud plugin archives without isWALArchiver', async () => {
    const segment = await switchWal(h, `${NAME}-1`);
    await waitFor('archived by the plugin', () => archived('apstore', segment));
    await archivingIs('True');
  });

  test('an in-core Backup of a Cluster without backup section fails: ClusterHasBackupConfigured', async () => {
    await createBackup(h, 'ap-nobackup', NAME);
    const s = await waitBackupDone(h, 'ap-nobackup');
    expect(s).toMatchObject({
      phase: 'failed',
      error: 'cannot proceed with the backup as the cluster has no backup section',
    });
    expect(await eventsOf(h, 'ap-nobackup')).toContainEqual({
      type: 'Warning',
      reason: 'ClusterHasBackupConfigured',
      message: 'cannot proceed with the backup as the cluster has no backup section',
    });
  });

  test('with spec.backup.barmanObjectStore too, each segment goes to both', async () => {
    await patchCluster({ backup: { barmanObjectStore: barmanObjectStore('apcore') } });
    const segment = await switchWal(h, `${NAME}-1`);
    await waitFor('archived in-core', () => archived('apcore', segment));
    expect(await archived('apstore', segment)).toBe(true);
  });
});

describe('compression the sandbox does not write', () => {
  test('wal.compression bzip2 fails archiving, with the reason on ContinuousArchiving', async () => {
    await patchCluster({
      backup: { barmanObjectStore: barmanObjectStore('apcore', { wal: { compression: 'bzip2' } }) },
    });
    await switchWal(h, `${NAME}-1`);
    const c = await archivingIs('False');
    expect(c.message).toContain('wal.compression bzip2 is not implemented by the sandbox');
  });

  test('data.compression snappy fails the Backup, with the reason as its error', async () => {
    // A merge patch: null removes wal.compression.
    const data = { wal: { compression: null }, data: { compression: 'snappy' } };
    await patchCluster({ backup: { barmanObjectStore: barmanObjectStore('apcore', data) } });
    await switchWal(h, `${NAME}-1`);
    await archivingIs('True');
    await createBackup(h, 'ap-snappy', NAME);
    const s = await waitBackupDone(h, 'ap-snappy');
    expect(s.phase).toBe('failed');
    expect(s.error).toContain('data.compression snappy is not implemented by the sandbox');
    expect(await eventsOf(h, 'ap-snappy')).toContainEqual({
      type: 'Normal',
      reason: 'Failed',
      message: 'Backup failed',
    });
  });
});

describe('the ObjectStore status', () => {
  type Windows = Record<string, Record<string, string>>;
  async function windows(): Promise<Windows> {
    const os = (await h.custom.getNamespacedCustomObject(storeRef())) as {
      status?: { serverRecoveryWindow?: Windows };
    };
    return os.status?.serverRecoveryWindow ?? {};
  }
  const plugin = { method: 'plugin', pluginConfiguration: { name: PLUGIN } };

  test('a failed plugin backup sets lastFailedBackupTime; later writes merge', async () => {
    const other = { firstRecoverabilityPoint: '2020-01-01T00:00:00Z' };
    await h.custom.patchNamespacedCustomObjectStatus(
      { ...storeRef(), body: { status: { serverRecoveryWindow: { other } } } },
      MERGE,
    );
    h.sandbox.faults.set({ failingBackups: ['ap-fail'] });
    try {
      await createBackup(h, 'ap-fail', NAME, plugin);
      expect((await waitBackupDone(h, 'ap-fail')).phase).toBe('failed');
    } finally {
      h.sandbox.faults.set({ failingBackups: [] });
    }
    const failed = (await windows())[NAME]?.lastFailedBackupTime;
    expect(failed).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await createBackup(h, 'ap-ok', NAME, plugin);
    expect((await waitBackupDone(h, 'ap-ok')).phase).toBe('completed');
    const after = await windows();
    expect(after.other).toEqual(other);
    expect(after[NAME]).toMatchObject({ lastFailedBackupTime: failed });
    expect(after[NAME]?.firstRecoverabilityPoint).toBeTruthy();
    expect(after[NAME]?.lastSuccessfulBackupTime).toBeTruthy();
  });
});
