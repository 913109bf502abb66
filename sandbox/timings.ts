// The waits of real CNPG 1.30 and Kubernetes that the sandbox reproduces, with their real
// values as defaults. Tests shorten them through startSandbox({ timings }); the defaults are
// what a user of a real cluster sees.

export interface SandboxTimings {
  /**
   * Before an in-core (barmanObjectStore) backup, CNPG checks pg_stat_archiver up to
   * walArchiveCheckAttempts times, walArchiveCheckIntervalMs apart (10 x 60 s,
   * pkg/management/postgres/backup.go), then gives the Backup the phase walArchivingFailing.
   */
  walArchiveCheckIntervalMs: number;
  walArchiveCheckAttempts: number;
  /** A Backup whose target pod is missing or not ready, or whose Cluster is unknown, is retried after this (30 s). */
  backupRetryMs: number;
  /**
   * Kubernetes' Job controller recreates a failed Job pod after jobBackoffBaseMs doubled per
   * earlier failure, at most jobBackoffMaxMs (10 s and 10 min, pkg/controller/job).
   */
  jobBackoffBaseMs: number;
  jobBackoffMaxMs: number;
}

export const DEFAULT_TIMINGS: Readonly<SandboxTimings> = Object.freeze({
  walArchiveCheckIntervalMs: 60_000,
  walArchiveCheckAttempts: 10,
  backupRetryMs: 30_000,
  jobBackoffBaseMs: 10_000,
  jobBackoffMaxMs: 600_000,
});

export function resolveTimings(given: Partial<SandboxTimings> = {}): Readonly<SandboxTimings> {
  const out = { ...DEFAULT_TIMINGS, ...given };
  for (const [key, value] of Object.entries(out))
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`sandbox timing ${key} must be a non-negative number, got ${String(value)}`);
  return Object.freeze(out);
}

/** Kubernetes' Job pod failure backoff after `failures` failed pods (0: none). */
export function jobBackoffMs(t: SandboxTimings, failures: number): number {
  if (failures <= 0) return 0;
  let delay = t.jobBackoffBaseMs;
  for (let i = 1; i < failures && delay < t.jobBackoffMaxMs; i++) delay *= 2;
  return Math.min(delay, t.jobBackoffMaxMs);
}
