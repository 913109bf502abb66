// restore-verify's JSON evidence (input report-path), for audits: what was restored (source,
// store, backup, target), the markers, every check with its observed value, amcheck, the
// timings and instants, and what became of the throwaway Cluster.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PhaseRecord } from '../actions/step.ts';
import type { RestoreFacts } from './restore-facts.ts';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
const secs = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? null : Math.round(b - a) / 1000;

export function restoreReportPath(
  inputs: {
    readonly reportPath?: string;
    readonly namespace: string;
    readonly clusterName: string;
  },
  runnerTemp: string | undefined,
): string {
  return (
    inputs.reportPath ??
    join(runnerTemp ?? '/tmp', `pgha-restore-verify-${inputs.namespace}-${inputs.clusterName}.json`)
  );
}

export function restoreReport(
  f: Partial<RestoreFacts>,
  phases: readonly PhaseRecord[],
  outcome: string,
) {
  const i = f.inputs;
  const t = f.times ?? {};
  const checks = f.checks ?? [];
  return {
    outcome,
    source: i ? { namespace: i.namespace, cluster: i.clusterName, ...f.source } : null,
    backup: f.backup ?? null,
    target: {
      input: i ? (i.target.kind === 'time' ? i.target.time : i.target.kind) : null,
      target_time: f.targetTime ?? null,
      proof: f.proof ?? null,
    },
    markers: f.markers ?? null,
    wal_proof: f.walProof ? { segment: f.walProof.segment, seconds: f.walProof.seconds } : null,
    recovery_cluster: f.recovery
      ? {
          name: f.recovery.name,
          namespace: f.recovery.namespace,
          creation_timestamp: f.recovery.creationTimestamp ?? null,
          primary: f.recovery.primary ?? null,
          timeline: f.recovery.timeline ?? null,
        }
      : null,
    recovered_to: f.recoveredTo ?? null,
    recovery_stop_reason: f.recoveryReason ?? null,
    checks: checks.map((c) => ({ ...c })),
    counts: {
      passed: checks.filter((c) => c.passed).length,
      failed: checks.filter((c) => !c.passed).length,
    },
    amcheck: f.amcheck ?? null,
    verify_command: i?.verifyCommand === undefined ? null : { exit_code: f.verifyExit ?? null },
    seconds: {
      backup_age: f.backup ? Math.round(f.backup.ageSeconds) : null,
      restore: secs(t.created, t.healthy),
      verification: secs(t.checksStart, t.checksEnd),
      cleanup: secs(t.cleanupStart, t.cleanupEnd),
      step: secs(t.start, t.end),
    },
    timestamps: Object.fromEntries(
      Object.entries(t as Record<string, number | undefined>).map(([k, v]) => [k, iso(v)]),
    ),
    cleanup: f.cleanup ?? null,
    identity: f.identity
      ? { name: f.identity.name, identity: f.identity.identity, subject: f.identity.subject }
      : null,
    phases: phases.map((p) => ({ title: p.title, seconds: p.ms / 1000, outcome: p.outcome })),
  };
}

export async function writeRestoreReport(path: string, report: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
}
