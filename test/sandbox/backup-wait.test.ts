// Waiting on a Backup with the kit (src/cnpg/backup-wait.ts) against the sandbox's operator:
// a Backup left pending (its Cluster does not exist, so CNPG retries it), then
// walArchivingFailing (what CNPG 1.30 sets when the first WAL of an in-core backup cannot be
// archived: not terminal), are reported as they happen, and the deadline ends the wait with
// the Backup's phase and the diagnostics.
import { mkdtemp, rm } from 'node:fs/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { BackupWaitError, waitBackup, type PhaseSeen } from '../../src/cnpg/backup-wait.ts';
import { KubeHttp } from '../../src/kube/http.ts';
import { RecordingLogger } from '../helpers/recording-logger.ts';

const BACKUPS = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'backups' };
const NS = 'default';
let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp('/tmp/pgha-backup-wait-');
  sandbox = await startSandbox({ dir, cloud: false, objectStore: false });
});

afterAll(async () => {
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('waiting on a Backup (the kit against the sandbox)', () => {
  test('pending, then walArchivingFailing, are reported as they happen and end at the deadline', async () => {
    const name = 'pg-ghost-backup';
    // A Backup of a Cluster that does not exist: CNPG keeps it pending and retries.
    sandbox.store.create(BACKUPS, {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Backup',
      metadata: { name, namespace: NS },
      spec: { cluster: { name: 'pg-ghost' } },
    });
    const kc = new KubeConfig();
    kc.loadFromFile(sandbox.kubeconfigPath);
    const logger = new RecordingLogger();
    const seen: PhaseSeen[] = [];
    const waiting = waitBackup(new KubeHttp(kc), {
      namespace: NS,
      name,
      cluster: 'pg-ghost',
      deadline: Date.now() + 6000,
      logger,
      now: Date.now,
      onPhase: (p) => seen.push(p),
    });
    const outcome = waiting.then(
      () => undefined,
      (e: unknown) => e,
    );
    while (!seen.some((p) => p.phase === 'pending')) await new Promise((r) => setTimeout(r, 50));
    // What CNPG 1.30 does when the first WAL of an in-core backup cannot be archived.
    sandbox.store.patchStatus(BACKUPS, NS, name, (st) => {
      st.phase = 'walArchivingFailing';
    });
    const error = await outcome;
    expect(error).toBeInstanceOf(BackupWaitError);
    expect((error as BackupWaitError).message).toBe(
      `Backup ${name} did not complete within the step's timeout (input 'timeout'): it is walArchivingFailing`,
    );
    expect((error as BackupWaitError).diagnostics).toContain(
      `Backup ${name}: phase walArchivingFailing`,
    );
    expect(logger.messages('info')).toContainEqual(
      expect.stringMatching(
        new RegExp(`^Backup ${name}: pending: CNPG runs one backup of a cluster at a time`),
      ),
    );
    expect(logger.messages('warning')).toContainEqual(
      expect.stringMatching(
        new RegExp(`^Backup ${name}: walArchivingFailing: CNPG checks that WAL is archived`),
      ),
    );
    // 'new' first when the watch sees the Backup before the operator does.
    expect(seen.map((p) => p.phase).filter((p) => p !== 'new')).toEqual([
      'pending',
      'walArchivingFailing',
    ]);
  });
});
