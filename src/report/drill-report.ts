// The drill's JSON evidence (input report-path): the settings, the durability mode and Lease
// settings the result depends on, an ISO 8601 instant for every phase, the counts, and the ids
// of every acknowledged, lost and in-doubt write, so that anyone can check the numbers
// against the table (column id holds the written ids) or the cluster's own records.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PhaseRecord } from '../actions/step.ts';
import { durabilityText } from '../cnpg/durability.ts';
import type { DrillFacts } from './drill-facts.ts';
import type { DrillTimestamps } from './drill-results.ts';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
const secs = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms) / 1000);

export function reportPath(inputs: DrillFacts['inputs'], runnerTemp: string | undefined): string {
  return (
    inputs.reportPath ??
    join(runnerTemp ?? '/tmp', `pgha-failover-drill-${inputs.namespace}-${inputs.clusterName}.json`)
  );
}

function timestamps(t: DrillTimestamps) {
  return {
    load_start: iso(t.loadStart),
    fault: iso(t.fault),
    fault_answered: iso(t.faultAnswered),
    new_primary: iso(t.newPrimary),
    first_write: iso(t.firstWrite),
    healthy: iso(t.healthy),
    load_end: iso(t.loadEnd),
    switch_back_start: iso(t.switchBackStart),
    switch_back_end: iso(t.switchBackEnd),
  };
}

function settings(f: Partial<DrillFacts>) {
  const i = f.inputs;
  if (!i) return {};
  return {
    mode: i.mode,
    grace_period: i.mode === 'kill' ? i.gracePeriod : null,
    pod_grace_seconds: f.podGraceSeconds ?? null,
    target: f.target ?? null,
    writers: i.writers,
    warm_up_seconds: i.warmUpMs / 1000,
    observe_seconds: i.observeMs / 1000,
    max_downtime_seconds: i.maxDowntimeMs === undefined ? null : i.maxDowntimeMs / 1000,
    max_lost_writes: i.maxLostWrites,
    switch_back: i.switchBack,
    keep_table: i.keepTable,
    timeout_seconds: i.timeoutMs / 1000,
  };
}

function durability(f: Partial<DrillFacts>) {
  const d = f.durability;
  if (!d) return null;
  return {
    text: durabilityText(d),
    mode: d.mode,
    method: d.method ?? null,
    number: d.number ?? null,
    data_durability: d.dataDurability ?? null,
    failover_quorum: d.failoverQuorum,
    legacy: d.legacy ?? null,
    synchronous_standby_names: d.standbyNames ?? null,
  };
}

export function drillReport(
  f: Partial<DrillFacts>,
  outcome: 'passed' | 'failed' | 'incomplete',
  phases: readonly PhaseRecord[] = [],
) {
  const r = f.results;
  const l = f.lease;
  return {
    pgha: 'failover-drill',
    version: 1,
    cluster: f.inputs?.clusterName ?? null,
    namespace: f.inputs?.namespace ?? null,
    outcome,
    settings: settings(f),
    durability: durability(f),
    lease: l
      ? {
          lease_duration_seconds: l.leaseDurationSeconds,
          renew_deadline_seconds: l.renewDeadlineSeconds,
          retry_period_seconds: l.retryPeriodSeconds,
          released_lease_duration_seconds: l.releasedLeaseDurationSeconds,
          holder_before: l.holder ?? null,
        }
      : null,
    fault: f.fault ?? null,
    primaries: {
      old: f.oldPrimary ?? null,
      old_timeline: f.oldTimeline ?? null,
      new: f.newPrimary ?? null,
      timeline: f.timeline ?? null,
      promoted_at_cluster_clock: f.promotedAt ?? null,
      switched_back_to: f.switchedBackTo ?? null,
    },
    timestamps: timestamps(f.timestamps ?? {}),
    seconds: {
      downtime: secs(r?.downtimeMs),
      failover: secs(r?.failoverMs),
      healthy: secs(r?.healthyMs),
      longest_gap: secs(r?.longestGapMs),
    },
    writes_per_second: r ? Math.round(r.writesPerSecond * 10) / 10 : null,
    counts: r
      ? {
          acknowledged: r.counts.acknowledged,
          lost: r.counts.lost,
          in_doubt: r.counts.inDoubt,
          in_doubt_committed: r.counts.inDoubtCommitted,
          rejected: r.counts.rejected,
          failed_before_sending: r.counts.failedBeforeSending,
          unexpected: r.counts.unexpected,
        }
      : null,
    acknowledged_ids: r?.acknowledgedIds ?? [],
    lost_ids: r?.lostIds ?? [],
    in_doubt_ids: r?.inDoubtIds ?? [],
    in_doubt_committed_ids: r?.inDoubtCommittedIds ?? [],
    unexpected_ids: r?.unexpectedIds ?? [],
    rows_by_timeline: (f.byTimeline ?? []).map((t) => ({
      timeline: t.timeline,
      rows: t.rows,
      first: iso(t.first),
      last: iso(t.last),
    })),
    table: f.table
      ? { ...f.table, id_column: 'id', qualified: `${f.table.schema}.${f.table.name}` }
      : null,
    verdict: f.verdict ?? null,
    phases: phases.map((p) => ({ title: p.title, seconds: p.ms / 1000, outcome: p.outcome })),
  };
}

export type DrillReport = ReturnType<typeof drillReport>;

/** Indented JSON with arrays of numbers (the ids) on one line each. */
export function reportText(report: DrillReport): string {
  const text = JSON.stringify(report, null, 2);
  return `${text.replace(/\[\s+(-?\d+(?:,\s+-?\d+)*)\s+\]/g, (_, ids: string) => `[${ids.replace(/\s+/g, '')}]`)}\n`;
}

export async function writeDrillReport(path: string, report: DrillReport): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, reportText(report), { mode: 0o644 });
}
