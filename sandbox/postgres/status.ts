// What CNPG's instance manager reports at /pg/status, read from a running server.
import type { Instance } from './instance.ts';

export interface InstanceStatus {
  name: string;
  isPrimary: boolean;
  /** pg_current_wal_lsn() on a primary. */
  currentLsn: string | undefined;
  /** pg_last_wal_receive_lsn() / pg_last_wal_replay_lsn() on a standby. */
  receivedLsn: string | undefined;
  replayLsn: string | undefined;
  /** Primary: timeline of the current WAL file; standby: pg_control_checkpoint(). */
  timeline: number;
  systemId: string;
  walReceiverActive: boolean;
}

interface StatusRow extends Record<string, unknown> {
  in_recovery: boolean;
  current_lsn: string | null;
  received_lsn: string | null;
  replay_lsn: string | null;
  timeline: number;
  system_id: string;
  receiver: boolean;
}

const STATUS_SQL = `
SELECT pg_is_in_recovery() AS in_recovery,
  CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END AS current_lsn,
  pg_last_wal_receive_lsn()::text AS received_lsn,
  pg_last_wal_replay_lsn()::text AS replay_lsn,
  CASE WHEN pg_is_in_recovery()
    THEN (SELECT timeline_id FROM pg_control_checkpoint())
    ELSE ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int
  END AS timeline,
  (SELECT system_identifier FROM pg_control_system())::text AS system_id,
  EXISTS (SELECT FROM pg_stat_wal_receiver WHERE status = 'streaming') AS receiver`;

export async function readStatus(instance: Instance): Promise<InstanceStatus> {
  const [row] = await instance.query<StatusRow>(STATUS_SQL);
  if (!row) throw new Error(`${instance.name}: no status row`);
  return {
    name: instance.name,
    isPrimary: !row.in_recovery,
    currentLsn: row.current_lsn ?? undefined,
    receivedLsn: row.received_lsn ?? undefined,
    replayLsn: row.replay_lsn ?? undefined,
    timeline: row.timeline,
    systemId: row.system_id,
    walReceiverActive: row.receiver,
  };
}

/** 'X/Y' to a comparable number; undefined sorts lowest. */
export function lsnValue(lsn: string | undefined): bigint {
  if (!lsn) return -1n;
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi ?? '0'}`) << 32n) + BigInt(`0x${lo ?? '0'}`);
}

/**
 * CNPG's ordering of failover candidates: primary first, then higher received LSN, then
 * higher replay LSN, then name.
 */
export function compareCandidates(a: InstanceStatus, b: InstanceStatus): number {
  if (a.isPrimary !== b.isPrimary) return a.isPrimary ? -1 : 1;
  const byReceived = lsnValue(b.receivedLsn) - lsnValue(a.receivedLsn);
  if (byReceived !== 0n) return byReceived > 0n ? 1 : -1;
  const byReplay = lsnValue(b.replayLsn) - lsnValue(a.replayLsn);
  if (byReplay !== 0n) return byReplay > 0n ? 1 : -1;
  return a.name.localeCompare(b.name);
}
