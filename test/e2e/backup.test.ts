// The built backup action, run as a runner runs it, against the sandbox through a kubeconfig:
// two small clusters made by the built deploy action (the Barman Cloud plugin, and the in-core
// barmanObjectStore) prove WAL archiving and back up; the proven segment is in Azurite under
// the cluster's serverName; a re-run with the same name reports the existing Backup; a cluster
// without backups and bad inputs are refused before any write (API faults: the kit's retries
// and watch resumes are tested through deploy, deploy-sandbox.test.ts); an archive that fails and a Backup that fails end the step with what failed. No secret is
// printed by any of these steps.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writesDuring as writesDuringOn } from '../../sandbox/admin.ts';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { runStep, type StepResult } from '../helpers/action-runner.ts';
import { ONE_SMALL_INSTANCE } from '../helpers/deploy-inputs.ts';
import { waitFor } from '../sandbox/cnpg-harness.ts';

let sandbox: Sandbox;
let dir: string;
const printed: StepResult[] = [];

const DEST = 'https://sandbox.blob.core.windows.net/backups';
const BACKUPS = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'backups' };
const PLUGIN = { name: 'pg-plug', namespace: 'bk-plug', path: 'e2e-plug' };
const CORE = { name: 'pg-core', namespace: 'bk-core', path: 'e2e-core' };
const NONE = { name: 'pg-none', namespace: 'bk-none' };
const SEGMENT = /^[0-9A-F]{24}$/;

const env = () => ({ KUBECONFIG: sandbox.kubeconfigPath, GITHUB_RUN_ID: '77' });

function deploy(c: { name: string; namespace: string; path?: string }, method?: string) {
  return runStep(
    'actions/deploy',
    {
      'cluster-name': c.name,
      namespace: c.namespace,
      ...ONE_SMALL_INSTANCE,
      monitoring: 'none',
      ...(c.path
        ? {
            'backup-destination': `${DEST}/${c.path}`,
            'workload-identity-client-id': '6b8d3a4e-1f2c-4e5d-9a7b-0c1d2e3f4a5b',
            'backup-schedule': '0 0 0 * * *',
          }
        : {}),
      ...(method ? { 'backup-method': method } : {}),
    },
    env(),
  );
}

async function backup(c: { name: string; namespace: string }, extra: Record<string, string> = {}) {
  const step = await runStep(
    'actions/backup',
    { 'cluster-name': c.name, namespace: c.namespace, timeout: '60s', ...extra },
    env(),
  );
  printed.push(step);
  return step;
}

const writesDuring = (fn: () => Promise<unknown>) => writesDuringOn(sandbox, fn);

async function blobNames(prefix: string): Promise<string[]> {
  const os = sandbox.objectStore;
  const account = os?.accounts.get('sandbox');
  if (!os || !account) throw new Error('the sandbox has no object store');
  const names: string[] = [];
  for await (const b of os.client(account).getContainerClient('backups').listBlobsFlat({ prefix }))
    names.push(b.name);
  return names;
}

function backupsOf(namespace: string) {
  return sandbox.store.list(BACKUPS).filter((b) => b.metadata.namespace === namespace);
}

beforeAll(async () => {
  dir = await mkdtemp('/tmp/pgha-backup-');
  await chmod(dir, 0o711);
  // A Backup made before its target pod is ready is retried after 2 s, not CNPG's 30 s.
  sandbox = await startSandbox({ dir, cloud: false, timings: { backupRetryMs: 2000 } });
  const steps = await Promise.all([
    deploy(PLUGIN),
    deploy(CORE, 'barman-object-store'),
    deploy(NONE),
  ]);
  for (const s of steps) expect(s.code, s.stdout + s.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  sandbox.faults.set({ walArchiveFailing: false, failingBackups: [], apiErrorRate: 0 });
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

describe.each([
  { c: PLUGIN, method: 'plugin', container: 'plugin-barman-cloud' },
  { c: CORE, method: 'barman-object-store', container: 'postgres' },
])('backup of the $method cluster', ({ c, method }) => {
  let step: StepResult;

  test('proves WAL archiving and takes a completed Backup', async () => {
    step = await backup(c, { 'backup-name': `${c.name}-first`, target: 'primary' });
    expect(step.code, step.stdout + step.stderr).toBe(0);
    const o = step.outputs;
    expect(o).toMatchObject({ 'backup-name': `${c.name}-first`, method, phase: 'completed' });
    expect(o['archived-wal']).toMatch(SEGMENT);
    expect(Number(o['wal-archive-seconds'])).toBeGreaterThanOrEqual(0);
    expect(o['backup-id']).toMatch(/^\d{8}T\d{6}$/);
    expect(o['begin-wal']).toMatch(SEGMENT);
    expect(o['end-wal']).toMatch(SEGMENT);
    expect(o['end-lsn']).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(Number.isNaN(Date.parse(o['stopped-at'] ?? ''))).toBe(false);
    expect(Number.isNaN(Date.parse(o['recovery-window-start'] ?? ''))).toBe(false);
    expect(step.stdout).toContain(
      `Switched WAL on ${c.name}-1: segment ${o['archived-wal'] ?? ''}`,
    );
    expect(step.stdout).toContain('ContinuousArchiving: True');
  });

  test('the summary shows the proof, the Backup, the window, the schedule and the timeline', () => {
    const s = step.summary;
    expect(s).toContain(`## pgha backup: ${c.name}, Backup ${c.name}-first completed`);
    expect(s).toContain('✅ WAL archiving works: segment <code>');
    expect(s).toContain(`${DEST}/${c.path}/${c.name}/base/${step.outputs['backup-id'] ?? ''}/`);
    expect(s).toContain('### Recovery window');
    expect(s).toMatch(/<td>pg-[a-z]+-scheduled<\/td><td><code>0 0 0 \* \* \*<\/code><\/td>/);
    expect(s).toMatch(/### Timeline[\s\S]*WAL switched[\s\S]*Backup .*: completed/);
  });

  test('a re-run with the same name proves archiving again and reports the Backup, creating nothing', async () => {
    const before = backupsOf(c.namespace).length;
    let again: StepResult | undefined;
    const writes = await writesDuring(async () => {
      again = await backup(c, { 'backup-name': `${c.name}-first`, 'max-backup-age': '1h' });
    });
    expect(again?.code, again?.stdout).toBe(0);
    expect(again?.stdout).toContain(`Backup ${c.name}-first already exists`);
    expect(again?.outputs).toMatchObject({
      phase: 'completed',
      'backup-id': step.outputs['backup-id'],
    });
    expect(writes).toEqual([]);
    expect(backupsOf(c.namespace)).toHaveLength(before);
    // No new backup, so no retention pass: the proven segment is still in the store, under
    // <destination>/<serverName>/wals/<timeline+log>/, with a suffix when compressed.
    const segment = again?.outputs['archived-wal'] ?? '';
    expect(segment).toMatch(SEGMENT);
    expect(segment > (step.outputs['archived-wal'] ?? '')).toBe(true);
    const prefix = `${c.path}/${c.name}/wals/${segment.slice(0, 16)}/${segment}`;
    expect(await blobNames(prefix)).toEqual([expect.stringMatching(/[0-9A-F]{24}(\.\w+)?$/)]);
  });
});

describe('freshness', () => {
  test('with max-backup-age shorter than its age, fails and says a schedule may have stopped', async () => {
    // Every Backup of the cluster done, the newest over a second ago: the ScheduledBackup's
    // immediate Backup waits in pending (and is retried) when deploy made it before the pod
    // was ready, and on a loaded machine it can complete just now.
    const newest = await waitFor(
      'no Backup of the plugin cluster still running',
      () => {
        const all = backupsOf(PLUGIN.namespace).map(
          (b) => (b.status ?? {}) as { phase?: string; stoppedAt?: string },
        );
        if (all.some((st) => st.phase !== 'completed' && st.phase !== 'failed'))
          return Promise.resolve(undefined);
        return Promise.resolve(
          Math.max(0, ...all.map((st) => Date.parse(st.stoppedAt ?? '') || 0)),
        );
      },
      60_000,
    );
    await new Promise((r) => setTimeout(r, Math.max(0, newest + 1100 - Date.now())));
    const step = await backup(PLUGIN, {
      'backup-name': `${PLUGIN.name}-first`,
      'verify-wal': 'false',
      'max-backup-age': '1s',
    });
    expect(step.code, step.stdout).toBe(1);
    expect(step.stdout).toMatch(
      /completed \d+ s ago .*more than max-backup-age \(1 s\): has a schedule stopped\?/,
    );
    expect(step.stdout).toContain(`ScheduledBackup ${PLUGIN.name}-scheduled`);
    expect(step.outputs.phase).toBe('completed');
  }, 120_000);
});

describe('refused before any write', () => {
  test('a cluster without backups, saying how deploy configures them', async () => {
    let step: StepResult | undefined;
    const writes = await writesDuring(async () => {
      step = await backup(NONE);
    });
    expect(step?.code).toBe(1);
    expect(step?.stdout).toContain(`Cluster ${NONE.name} has no backups configured`);
    expect(step?.stdout).toContain('pgha deploy configures backups with backup-destination');
    expect(step?.stdout).not.toMatch(/\n\s+at /);
    expect(writes).toEqual([]);
    expect(backupsOf(NONE.namespace)).toEqual([]);
  });

  test('bad inputs, every one at once', async () => {
    let step: StepResult | undefined;
    const writes = await writesDuring(async () => {
      step = await backup(PLUGIN, {
        'backup-name': 'Bad_Name',
        method: 'tape',
        target: 'nowhere',
        'max-backup-age': 'soon',
        'verify-wal': 'yes',
      });
    });
    expect(step?.code).toBe(1);
    for (const input of ['backup-name', 'method', 'target', 'max-backup-age', 'verify-wal'])
      expect(step?.stdout).toContain(`input '${input}'`);
    expect(writes).toEqual([]);
  });
});

describe('faults', () => {
  test('a Backup that fails ends the step with its error', async () => {
    sandbox.faults.set({ failingBackups: [`${PLUGIN.name}-doomed`] });
    try {
      const step = await backup(PLUGIN, { 'backup-name': `${PLUGIN.name}-doomed` });
      expect(step.code).toBe(1);
      expect(step.outputs['archived-wal']).toMatch(SEGMENT);
      expect(step.outputs.phase).toBe('failed');
      const live = sandbox.store.get(BACKUPS, PLUGIN.namespace, `${PLUGIN.name}-doomed`);
      const error = String((live?.status as { error?: string } | undefined)?.error);
      expect(step.stdout).toContain(`Backup ${PLUGIN.name}-doomed failed: ${error}`);
      expect(step.summary).toContain('Failed in phase <b>Backup</b>');
    } finally {
      sandbox.faults.set({ failingBackups: [] });
    }
  });

  test('an archive that fails ends the step within its timeout, naming the failed WAL', async () => {
    sandbox.faults.set({ walArchiveFailing: true });
    try {
      const started = Date.now();
      const step = await backup(CORE, { 'backup-name': `${CORE.name}-no-wal`, timeout: '6s' });
      expect(step.code).toBe(1);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(step.stdout).toMatch(
        /WAL segment [0-9A-F]{24} was not archived within \d+ s \(input 'timeout'\): the last failed WAL is [0-9A-F]{24} at \d{4}-/,
      );
      expect(step.stdout).toMatch(/ContinuousArchiving is False: .*walArchiveFailing/);
      expect(step.stdout).toContain('workload identity federation of service account pg-core');
      expect(step.stdout).toContain('kubectl logs -n bk-core pg-core-1 -c postgres');
      expect(sandbox.store.get(BACKUPS, CORE.namespace, `${CORE.name}-no-wal`)).toBeUndefined();
    } finally {
      sandbox.faults.set({ walArchiveFailing: false });
    }
  });
});

test('no step printed a secret: the kubeconfig token, the storage account key', () => {
  const key = sandbox.objectStore?.accounts.get('sandbox')?.key ?? '';
  expect(key.length).toBeGreaterThan(10);
  for (const s of printed) {
    const all = [
      s.stdout.replaceAll(`::add-mask::${sandbox.token}`, ''),
      s.stderr,
      s.summary,
      JSON.stringify(s.outputs),
    ].join('\n');
    expect(all).not.toContain(sandbox.token);
    expect(all).not.toContain(key);
  }
});
