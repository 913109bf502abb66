// The primary's view of its standbys: pg_stat_replication (CNPG standbys stream with
// application_name = their pod name) and synchronous_standby_names, read as postgres inside
// the primary's pod (pg_stat_replication hides its details from the application user).
import type { KubeConfig } from '@kubernetes/client-node';
import { psqlInPod } from './psql.ts';

export interface StandbyState {
  readonly name: string;
  /** streaming, catchup, startup, backup, stopping. */
  readonly state: string;
  /** async, potential, sync, quorum. */
  readonly syncState: string;
  /** Flushed on the standby, i.e. what it received (pg_last_wal_receive_lsn there). */
  readonly flushLsn?: string;
  readonly replayLsn?: string;
}

export interface Replication {
  readonly standbys: readonly StandbyState[];
  readonly standbyNames: string;
}

const SQL = `SELECT 'standby', application_name, state, sync_state,
       coalesce(flush_lsn::text, ''), coalesce(replay_lsn::text, '')
  FROM pg_stat_replication
UNION ALL
SELECT 'names', '', '', '', '', current_setting('synchronous_standby_names')`;

/** Parses psql's unaligned rows of SQL above. */
export function parseReplication(lines: readonly string[]): Replication {
  const standbys: StandbyState[] = [];
  let standbyNames = '';
  for (const line of lines) {
    const [kind = '', name = '', state = '', syncState = '', flush = '', ...rest] = line.split('|');
    if (kind === 'names') {
      standbyNames = rest.join('|');
      continue;
    }
    const replay = rest[0] ?? '';
    standbys.push({
      name,
      state,
      syncState,
      ...(flush ? { flushLsn: flush } : {}),
      ...(replay ? { replayLsn: replay } : {}),
    });
  }
  standbys.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  return { standbys, standbyNames };
}

export async function readReplication(
  kc: KubeConfig,
  where: { readonly namespace: string; readonly pod: string },
): Promise<Replication> {
  return parseReplication(await psqlInPod(kc, where, SQL, { timeoutMs: 30_000 }));
}

/** An LSN such as 0/3000060 as a number that orders correctly. */
export function lsnValue(lsn: string | undefined): bigint {
  const m = /^([0-9A-Fa-f]+)\/([0-9A-Fa-f]+)$/.exec(lsn ?? '');
  if (!m?.[1] || !m[2]) return -1n;
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

/**
 * Streaming standbys, most advanced first: received (flushed) LSN, then replayed LSN, then
 * name (byte order), the order CNPG ranks failover candidates in (pkg/postgres/status.go
 * PostgresqlStatusList.Less).
 */
export function mostAdvanced(standbys: readonly StandbyState[]): StandbyState[] {
  const cmp = (a: bigint, b: bigint) => (a === b ? 0 : a > b ? -1 : 1);
  return standbys
    .filter((s) => s.state === 'streaming')
    .sort(
      (a, b) =>
        cmp(lsnValue(a.flushLsn), lsnValue(b.flushLsn)) ||
        cmp(lsnValue(a.replayLsn), lsnValue(b.replayLsn)) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
}
