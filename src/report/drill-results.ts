// What a drill measured, computed from the writers' record, the rows read back from the new
// primary and the instants pgha stamped or observed. Pure functions, so that the numbers in
// the outputs, the JSON report and the summary are the same numbers.
import type { LoadRecord } from '../postgres/drill-load.ts';

/** Instants in ms since the epoch, on the runner's clock. */
export interface DrillTimestamps {
  readonly loadStart?: number;
  readonly fault?: number;
  readonly faultAnswered?: number;
  readonly newPrimary?: number;
  readonly firstWrite?: number;
  readonly healthy?: number;
  readonly loadEnd?: number;
  readonly switchBackStart?: number;
  readonly switchBackEnd?: number;
}

export interface DrillCounts {
  readonly acknowledged: number;
  readonly lost: number;
  readonly inDoubt: number;
  readonly inDoubtCommitted: number;
  readonly rejected: number;
  readonly failedBeforeSending: number;
  /** Rows present that the writers saw fail (rejected): should be none. */
  readonly unexpected: number;
}

export interface DrillResults {
  readonly counts: DrillCounts;
  readonly acknowledgedIds: readonly number[];
  readonly lostIds: readonly number[];
  readonly inDoubtIds: readonly number[];
  readonly inDoubtCommittedIds: readonly number[];
  readonly unexpectedIds: readonly number[];
  readonly downtimeMs?: number;
  readonly failoverMs?: number;
  readonly healthyMs?: number;
  readonly longestGapMs: number;
  /** Acknowledged writes per second over the whole load. */
  readonly writesPerSecond: number;
}

/** The longest time without an acknowledgement, all writers together. */
export function longestGap(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < sorted.length; i++)
    gap = Math.max(gap, (sorted[i] ?? 0) - (sorted[i - 1] ?? 0));
  return gap;
}

function since(t: DrillTimestamps, at: number | undefined): number | undefined {
  return t.fault === undefined || at === undefined ? undefined : at - t.fault;
}

export function drillResults(
  record: LoadRecord,
  present: ReadonlySet<number>,
  t: DrillTimestamps,
): DrillResults {
  const acked = record.acks.map((a) => a.id);
  const lostIds = acked.filter((id) => !present.has(id));
  const inDoubtIds = record.inDoubt.map((w) => w.id);
  const inDoubtCommittedIds = inDoubtIds.filter((id) => present.has(id));
  const unexpectedIds = record.rejected.map((w) => w.id).filter((id) => present.has(id));
  const seconds = Math.max(0.001, (record.stopped - record.started) / 1000);
  const downtimeMs = since(t, t.firstWrite);
  const failoverMs = since(t, t.newPrimary);
  const healthyMs = since(t, t.healthy);
  return {
    counts: {
      acknowledged: acked.length,
      lost: lostIds.length,
      inDoubt: inDoubtIds.length,
      inDoubtCommitted: inDoubtCommittedIds.length,
      rejected: record.rejected.length,
      failedBeforeSending: record.failedBeforeSending,
      unexpected: unexpectedIds.length,
    },
    acknowledgedIds: acked,
    lostIds,
    inDoubtIds,
    inDoubtCommittedIds,
    unexpectedIds,
    ...(downtimeMs === undefined ? {} : { downtimeMs }),
    ...(failoverMs === undefined ? {} : { failoverMs }),
    ...(healthyMs === undefined ? {} : { healthyMs }),
    longestGapMs: longestGap(record.acks.map((a) => a.at)),
    writesPerSecond: acked.length / seconds,
  };
}

export interface Thresholds {
  readonly maxDowntimeMs?: number;
  readonly maxLostWrites: number | 'any';
}

export interface Verdict {
  readonly passed: boolean;
  /** One line per threshold, e.g. "downtime 3.2 s, within max-downtime 30.0 s". */
  readonly checks: readonly { readonly ok: boolean; readonly text: string }[];
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function verdict(r: DrillResults, th: Thresholds): Verdict {
  const checks: { ok: boolean; text: string }[] = [];
  if (th.maxDowntimeMs !== undefined) {
    const d = r.downtimeMs;
    const ok = d !== undefined && d <= th.maxDowntimeMs;
    const what = d === undefined ? 'no write on the new primary' : `downtime ${s(d)}`;
    checks.push({
      ok,
      text: `${what}, ${ok ? 'within' : 'above'} max-downtime ${s(th.maxDowntimeMs)}`,
    });
  }
  const lost = r.counts.lost;
  if (th.maxLostWrites === 'any')
    checks.push({ ok: true, text: `${lost} lost writes (max-lost-writes: any, reported only)` });
  else {
    const ok = lost <= th.maxLostWrites;
    checks.push({
      ok,
      text: `${lost} lost writes, ${ok ? 'within' : 'above'} max-lost-writes ${th.maxLostWrites}`,
    });
  }
  return { passed: checks.every((c) => c.ok), checks };
}
