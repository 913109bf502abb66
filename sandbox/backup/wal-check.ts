// CNPG's check before an in-core backup that WAL archiving works (pkg/management/postgres/
// wal.go, ensureWalArchiveIsWorking): pg_stat_archiver of the primary must show a
// last_archived_time after any last_failed_time. On the primary, when nothing was archived
// nor failed yet, it forces a first segment out (CHECKPOINT, pg_switch_wal) once. It tries
// `attempts` times, `intervalMs` apart (10 x 60 s in CNPG); false when it never worked.
import type { Instance } from '../postgres/instance.ts';

export interface WalCheck {
  /** The instance taking the backup and the current primary (the same on the primary). */
  target: Instance;
  primary: Instance | undefined;
  attempts: number;
  intervalMs: number;
  signal: AbortSignal;
}

type ArchiverState = 'working' | 'failing' | 'none';

async function archiverState(primary: Instance): Promise<ArchiverState> {
  const rows = await primary.query<{ archiving: boolean; failed: boolean }>(
    `SELECT COALESCE(last_archived_time, '-infinity') > COALESCE(last_failed_time, '-infinity')
              AS archiving,
            last_failed_time IS NOT NULL AS failed
       FROM pg_catalog.pg_stat_archiver`,
  );
  const row = rows[0];
  if (row?.archiving) return 'working';
  return row?.failed ? 'failing' : 'none';
}

/** Resolves after ms, or rejects at once when the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error('stopped'));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('stopped'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export async function walArchiveWorks(c: WalCheck): Promise<boolean> {
  const onPrimary = c.primary === undefined || c.primary === c.target;
  let shipped = false;
  for (let attempt = 0; attempt < c.attempts; attempt++) {
    if (attempt > 0) await pause(c.intervalMs, c.signal);
    const primary = onPrimary ? c.target : c.primary;
    const state = await archiverState(primary ?? c.target).catch(() => 'failing' as const);
    if (state === 'working') return true;
    if (state === 'none' && onPrimary && !shipped) {
      await c.target.query('CHECKPOINT');
      await c.target.query('SELECT pg_catalog.pg_switch_wal()');
      shipped = true;
    }
  }
  return false;
}
