// What a drill reports, from a made-up writers' record: lost, in-doubt and committed ids,
// downtime and gaps, the verdict against the thresholds, the JSON evidence, the job summary
// (escaped, with its gantt), and how an INSERT's error is read.
import { describe, expect, test } from 'vitest';
import type { StepResult } from '../../src/actions/step.ts';
import type { FailoverDrillInputs } from '../../src/inputs/read-failover-drill.ts';
import { classifyWriteError, type LoadRecord } from '../../src/postgres/drill-load.ts';
import type { DrillFacts } from '../../src/report/drill-facts.ts';
import { drillReport, reportText } from '../../src/report/drill-report.ts';
import { drillResults, longestGap, verdict } from '../../src/report/drill-results.ts';
import { drillGantt, drillSummary } from '../../src/report/drill-summary.ts';

const T0 = Date.parse('2026-06-01T10:00:00.000Z');
const ack = (id: number, ms: number, pod = 'pg-1') => ({
  id,
  at: T0 + ms,
  pod,
  timeline: pod === 'pg-1' ? '00000001' : '00000002',
});
const failed = (id: number, ms: number) => ({
  id,
  at: T0 + ms,
  pod: 'pg-1',
  error: 'Connection terminated',
});

const RECORD: LoadRecord = {
  started: T0,
  stopped: T0 + 10_000,
  acks: [ack(1, 100), ack(2, 200), ack(3, 900), ack(5, 6000, 'pg-2'), ack(6, 6050, 'pg-2')],
  inDoubt: [failed(4, 1000), failed(7, 1001)],
  rejected: [{ ...failed(8, 1002), error: 'read-only' }],
  failedBeforeSending: 40,
  connections: 9,
};
const TIMES = {
  loadStart: T0,
  fault: T0 + 1000,
  newPrimary: T0 + 5500,
  firstWrite: T0 + 6000,
  healthy: T0 + 7000,
  loadEnd: T0 + 10_000,
};

describe('results', () => {
  const present = new Set([1, 2, 4, 5, 6]);
  const r = drillResults(RECORD, present, TIMES);

  test('lost = acknowledged and missing; in doubt and which of them committed', () => {
    expect(r.lostIds).toEqual([3]);
    expect(r.inDoubtIds).toEqual([4, 7]);
    expect(r.inDoubtCommittedIds).toEqual([4]);
    expect(r.counts).toEqual({
      acknowledged: 5,
      lost: 1,
      inDoubt: 2,
      inDoubtCommitted: 1,
      rejected: 1,
      failedBeforeSending: 40,
      unexpected: 0,
    });
    expect(drillResults(RECORD, new Set([...present, 8]), TIMES).unexpectedIds).toEqual([8]);
  });

  test('downtime, failover and healthy from the fault; the longest gap from all acks', () => {
    expect(r).toMatchObject({
      downtimeMs: 5000,
      failoverMs: 4500,
      healthyMs: 6000,
      longestGapMs: 5100,
      writesPerSecond: 0.5,
    });
    expect(longestGap([5, 1, 3])).toBe(2);
    expect(longestGap([])).toBe(0);
  });

  test.each([
    [{ maxLostWrites: 0 }, false, '1 lost writes, above max-lost-writes 0'],
    [{ maxLostWrites: 1 }, true, '1 lost writes, within max-lost-writes 1'],
    [
      { maxLostWrites: 'any' as const },
      true,
      '1 lost writes (max-lost-writes: any, reported only)',
    ],
    [{ maxLostWrites: 5, maxDowntimeMs: 4000 }, false, 'downtime 5.0 s, above max-downtime 4.0 s'],
    [{ maxLostWrites: 5, maxDowntimeMs: 5000 }, true, 'downtime 5.0 s, within max-downtime 5.0 s'],
  ])('thresholds %j', (th, passed, text) => {
    const v = verdict(r, th);
    expect(v.passed).toBe(passed);
    expect(v.checks.map((c) => c.text)).toContain(text);
  });
});

const INPUTS = {
  clusterName: 'pg-<b>',
  namespace: 'db',
  mode: 'kill',
  gracePeriod: 1,
  writers: 4,
  warmUpMs: 5000,
  observeMs: 10_000,
  maxLostWrites: 0,
  switchBack: true,
  keepTable: false,
  timeoutMs: 900_000,
} as FailoverDrillInputs;

function facts(): Partial<DrillFacts> {
  const results = drillResults(RECORD, new Set([1, 2, 4, 5, 6]), TIMES);
  return {
    inputs: INPUTS,
    durability: {
      mode: 'sync',
      method: 'any',
      number: 1,
      dataDurability: 'required',
      failoverQuorum: true,
      standbyNames: 'ANY 1 ("pg-2")',
    },
    lease: {
      leaseDurationSeconds: 15,
      renewDeadlineSeconds: 10,
      retryPeriodSeconds: 2,
      releasedLeaseDurationSeconds: 1,
      holder: 'pg-1',
    },
    oldPrimary: 'pg-1',
    oldTimeline: 1,
    newPrimary: 'pg-2',
    timeline: 2,
    fault: 'deleted pod pg-1 (grace period 1 s)',
    timestamps: TIMES,
    results,
    verdict: verdict(results, INPUTS),
    table: { schema: 'public', name: 'pgha_drill_x', database: 'app', state: 'dropped' },
    byTimeline: [{ timeline: '00000002', rows: 2, first: T0 + 5990, last: T0 + 6050 }],
    reportPath: '/tmp/r.json',
  };
}

test('the JSON evidence has the fields DESIGN.md lists', () => {
  const phases = [{ title: 'Connect', ms: 1500, outcome: 'done' as const }];
  const report = JSON.parse(reportText(drillReport(facts(), 'failed', phases))) as Record<
    string,
    unknown
  >;
  expect(report.phases).toEqual([{ title: 'Connect', seconds: 1.5, outcome: 'done' }]);
  expect(Object.keys(report)).toEqual(
    expect.arrayContaining([
      'settings',
      'durability',
      'timestamps',
      'counts',
      'acknowledged_ids',
      'lost_ids',
      'in_doubt_ids',
      'table',
    ]),
  );
  expect(report.timestamps).toMatchObject({
    fault: '2026-06-01T10:00:01.000Z',
    new_primary: '2026-06-01T10:00:05.500Z',
    first_write: '2026-06-01T10:00:06.000Z',
    healthy: '2026-06-01T10:00:07.000Z',
  });
  expect(report.counts).toMatchObject({
    acknowledged: 5,
    lost: 1,
    in_doubt: 2,
    in_doubt_committed: 1,
  });
  expect(report).toMatchObject({
    acknowledged_ids: [1, 2, 3, 5, 6],
    lost_ids: [3],
    in_doubt_ids: [4, 7],
    outcome: 'failed',
  });
  expect(report.seconds).toEqual({ downtime: 5, failover: 4.5, healthy: 6, longest_gap: 5.1 });
  expect(report.table).toMatchObject({ id_column: 'id', qualified: 'public.pgha_drill_x' });
  expect(reportText(drillReport(facts(), 'failed'))).toContain('"acknowledged_ids": [1,2,3,5,6]');
});

describe('summary', () => {
  const result = (
    f: Partial<DrillFacts>,
    failure?: StepResult<DrillFacts>['failure'],
  ): StepResult<DrillFacts> => ({
    facts: f,
    phases: [{ title: 'Connect', ms: 100, outcome: 'done' }],
    ...(failure ? { failure } : {}),
  });

  test('verdict, results, a gantt of the drill, escaped names', () => {
    const md = drillSummary(result(facts()));
    expect(md).toContain('## pgha failover-drill: pg-&lt;b&gt; failed its thresholds');
    expect(md).toContain('❌ **Failed**: 1 lost writes, above max-lost-writes 0');
    expect(md).toContain(
      '<td>downtime: fault → first acknowledged write on the new primary</td><td>5.0 s</td>',
    );
    expect(md).toContain('<td>in doubt (committed)</td><td>2 (1)</td>');
    expect(md).toContain('<td>durability</td><td>sync any 1 required, failoverQuorum</td>');
    expect(md).toContain('pods/portforward');
    expect(md).not.toContain('<b>');
    const gantt = drillGantt(facts());
    expect(gantt).toContain('title Failover drill of pg-_b_');
    expect(gantt).toContain(`no primary :crit, np, ${T0 + 1000}, ${T0 + 5500}`);
    expect(gantt).toContain(
      `first write on the new primary :milestone, fw, ${T0 + 6000}, ${T0 + 6000}`,
    );
  });

  test('a refused drill says why and that nothing was written', () => {
    const md = drillSummary(
      result({ inputs: INPUTS, refused: ['it has 1 instance: a failover needs a standby'] }),
    );
    expect(md).toContain('refused');
    expect(md).toContain('Nothing was written');
    expect(md).toContain('- it has 1 instance');
  });

  test('a cancelled drill shows what it measured so far', () => {
    const f = {
      ...facts(),
      results: undefined,
      verdict: undefined,
      timestamps: { loadStart: T0, fault: T0 + 1000 },
    };
    const md = drillSummary(
      result(f, {
        message: 'the run was cancelled',
        cancelled: true,
        phase: 'Wait for a new primary',
      }),
    );
    expect(md).toContain('was cancelled');
    expect(md).toContain('fault :milestone');
  });
});

test.each([
  [new Error('Client has encountered a connection error and is not queryable'), 'before-send'],
  [new Error('Connection terminated unexpectedly'), 'in-doubt'],
  [
    Object.assign(new Error('terminating connection due to administrator command'), {
      severity: 'FATAL',
      code: '57P01',
    }),
    'in-doubt',
  ],
  [
    Object.assign(new Error('canceling statement'), { severity: 'ERROR', code: '57014' }),
    'rejected',
  ],
  [Object.assign(new Error('read-only'), { severity: 'ERROR', code: '25006' }), 'rejected'],
  [Object.assign(new Error('x'), { severity: 'ERROR', code: '08006' }), 'in-doubt'],
])('%s is %s', (error, outcome) => {
  expect(classifyWriteError(error)).toBe(outcome);
});
