// backup's job summary from typed facts: every section when the run succeeded, the failure
// with what was known when it failed, strings from the cluster escaped, timeline in order.
import { describe, expect, test } from 'vitest';
import type { StepResult } from '../../src/actions/step.ts';
import type { BackupFacts } from '../../src/report/backup-facts.ts';
import { backupSummary } from '../../src/report/backup-summary.ts';
import { timeline } from '../../src/report/backup-timeline.ts';

const HOSTILE = '<img src=x onerror=alert(1)>|';

const facts: BackupFacts = {
  inputs: {
    clusterName: 'pg',
    namespace: 'db',
    backupName: 'pg-20260304050607',
    backupNameGiven: false,
    method: 'auto',
    verifyWal: true,
    wait: true,
    timeoutMs: 900_000,
    writeKubeconfig: false,
    authorityHost: 'https://login.microsoftonline.com',
    armEndpoint: 'https://management.azure.com',
  },
  server: 'https://aks.example:443',
  config: {
    method: 'plugin',
    archive: { kind: 'plugin', objectStore: 'pg-store', serverName: 'pg' },
    reason: 'method: auto',
    walArchivingDisabled: false,
  },
  primary: 'pg-1',
  where: {
    namespace: 'db',
    cluster: 'pg',
    primary: 'pg-1',
    serviceAccount: 'pg',
    archive: { kind: 'plugin', objectStore: 'pg-store', serverName: 'pg' },
    location: 'https://acct.blob.core.windows.net/backups/pg/wals/',
    credentials: 'Secret keys creds/AZURE_STORAGE_KEY',
    container: 'plugin-barman-cloud',
  },
  condition: { type: 'ContinuousArchiving', status: 'True', message: HOSTILE },
  archiver: {
    lastArchivedWal: '000000010000000000000004',
    lastArchivedAt: Date.parse('2026-03-04T05:00:00Z'),
    archivedCount: 4,
    failedCount: 0,
    serverNow: 0,
    segmentDone: false,
  },
  proof: {
    segment: '000000010000000000000005',
    lsn: '0/5000098',
    switchedAt: '2026-03-04T05:06:08.000Z',
    archivedAt: '2026-03-04T05:06:08.400Z',
    seconds: 0.4,
    lastArchivedWal: '000000010000000000000005',
    condition: {
      type: 'ContinuousArchiving',
      status: 'True',
      message: 'Continuous archiving is working',
    },
  },
  backup: {
    name: 'pg-20260304050607',
    created: true,
    method: 'plugin',
    phase: 'completed',
    pod: 'pg-2',
    backupId: '20260304T050609',
    beginWal: '000000010000000000000006',
    endWal: '000000010000000000000006',
    beginLsn: '0/6000028',
    endLsn: '0/6000120',
    startedAt: '2026-03-04T05:06:09Z',
    stoppedAt: '2026-03-04T05:06:12Z',
    seconds: 3,
    location: 'https://acct.blob.core.windows.net/backups/pg/base/20260304T050609/',
    createdAt: '2026-03-04T05:06:08Z',
    phases: [
      { phase: 'started', at: Date.parse('2026-03-04T05:06:09.100Z') },
      { phase: 'completed', at: Date.parse('2026-03-04T05:06:12.300Z') },
    ],
  },
  window: {
    source: 'ObjectStore pg-store, server pg',
    firstRecoverabilityPoint: '2026-03-01T00:00:00Z',
    lastSuccessfulBackup: '2026-03-04T05:06:12Z',
  },
  freshness: {
    maxSeconds: 93_600,
    previous: { name: 'pg-daily-20260304000000', completedAt: '2026-03-04T00:00:05Z' },
    ageSeconds: 18_363,
    fresh: true,
  },
  schedules: [
    {
      name: 'pg-daily',
      schedule: '0 0 * * *',
      suspended: false,
      method: 'plugin',
      fiveFields: true,
      nextRun: '2026-03-04T06:00:00.000Z',
      overdue: false,
    },
  ],
  requests: 14,
};

const phases = [
  { title: 'Connect', ms: 300, outcome: 'done' as const },
  { title: 'Backup', ms: 4000, outcome: 'done' as const },
];

const ok: StepResult<BackupFacts> = { facts, phases };

describe('a completed backup', () => {
  const s = backupSummary(ok);

  test('has every section, in order', () => {
    const heads = [...s.matchAll(/^#+ .*$/gm)].map((m) => m[0]);
    expect(heads).toEqual([
      '## pgha backup: pg, Backup pg-20260304050607 completed',
      '### WAL archiving',
      '### Backup',
      '### Recovery window',
      '### Freshness',
      '### Schedules',
      '### Timeline (UTC)',
      '### Phases',
    ]);
  });

  test('states the proof, the Backup, the window, the freshness and warns about a five-field schedule', () => {
    expect(s).toContain(
      '✅ WAL archiving works: segment <code>000000010000000000000005</code> reached the archive 0.40 s after the switch',
    );
    expect(s).toContain(
      '<td>in the object store</td><td>https://acct.blob.core.windows.net/backups/pg/base/20260304T050609/</td>',
    );
    expect(s).toContain('<td>duration</td><td>3 s (startedAt to stoppedAt)</td>');
    expect(s).toContain('Recoverable from <code>2026-03-01T00:00:00Z</code> to now');
    expect(s).toContain(
      '✅ fresh: newest completed backup before this run: <code>pg-daily-20260304000000</code>',
    );
    expect(s).toContain('⚠️ five fields: CNPG reads the first as seconds');
    expect(s).toContain('<td>Secret keys creds/AZURE_STORAGE_KEY</td>');
  });

  test('escapes what the cluster says', () => {
    const withHostile = backupSummary({
      facts: { ...facts, proof: undefined },
      phases,
    });
    expect(withHostile).not.toContain('<img');
    expect(withHostile).toContain('&lt;img src=x onerror=alert(1)&gt;&#124;');
  });
});

test('the timeline is in time order', () => {
  expect(timeline(facts).map((e) => e.what)).toEqual([
    'WAL switched on pg-1: segment 000000010000000000000005 closed',
    'Backup pg-20260304050607 created',
    'segment 000000010000000000000005 archived',
    'backup started on pg-2 (Backup status)',
    'Backup pg-20260304050607: started',
    'backup stopped (Backup status)',
    'Backup pg-20260304050607: completed',
  ]);
});

describe('a failed run', () => {
  test('puts the failure first and shows what was known', () => {
    const { proof: _p, backup: _b, window: _w, freshness: _f, ...early } = facts;
    const s = backupSummary({
      facts: early,
      phases: [
        ...phases.slice(0, 1),
        { title: 'Prove WAL archiving', ms: 9000, outcome: 'failed' },
      ],
      failure: {
        message: 'WAL segment X was not archived <now>',
        phase: 'Prove WAL archiving',
        diagnostics: 'pg_stat_archiver: failed',
        cancelled: false,
      },
    });
    expect(s.startsWith('## pgha backup: pg failed')).toBe(true);
    expect(s).toContain(
      'Failed in phase <b>Prove WAL archiving</b>: WAL segment X was not archived &lt;now&gt;',
    );
    expect(s).toContain('Not proven. Before the check: ContinuousArchiving <code>True</code>');
    expect(s).not.toContain('### Backup');
  });

  test('a run refused at its first phase says little, and nothing odd', () => {
    const s = backupSummary({
      facts: { inputs: facts.inputs },
      phases: [{ title: 'Preflight', ms: 100, outcome: 'failed' }],
      failure: {
        message: 'Cluster pg has no backups configured',
        phase: 'Preflight',
        cancelled: false,
      },
    });
    expect(s).toContain('## pgha backup: pg failed');
    expect(s).toContain('Cluster pg has no backups configured');
    expect(s).not.toContain('undefined');
  });

  test('cancelled', () => {
    const s = backupSummary({
      facts,
      phases,
      failure: { message: 'the run was cancelled', cancelled: true },
    });
    expect(s).toContain('## pgha backup: pg was cancelled');
  });
});

test('no input, no summary', () => {
  expect(backupSummary({ facts: {}, phases: [] })).toBe('');
});
