// backup's inputs, read and cross-checked into one frozen BackupInputs before any request.
import { boolean, duration, objectName, oneOf } from './parse.ts';
import { MAX_TIMEOUT_MS, inputReader, readShared, type GetInput } from './read.ts';
import { ACTIONS } from './spec.ts';
import type { SharedInputs } from './types.ts';

export const BACKUP_METHOD_INPUTS = [
  'auto',
  'plugin',
  'barman-object-store',
  'volume-snapshot',
] as const;
export type BackupMethodRequest = (typeof BACKUP_METHOD_INPUTS)[number];
/** The methods a Backup can be taken with, in pgha's words (the output `method`). */
export type BackupKind = Exclude<BackupMethodRequest, 'auto'>;

export const BACKUP_TARGETS = ['prefer-standby', 'primary'] as const;
export type BackupTarget = (typeof BACKUP_TARGETS)[number];

export interface BackupInputs extends SharedInputs {
  readonly backupName: string;
  /** The name was given (true) or made from the cluster name and the time (false). */
  readonly backupNameGiven: boolean;
  readonly method: BackupMethodRequest;
  /** Unset: the Cluster's spec.backup.target decides (prefer-standby unless set). */
  readonly target?: BackupTarget;
  readonly verifyWal: boolean;
  readonly wait: boolean;
  readonly maxBackupAgeMs?: number;
}

/** `kubectl cnpg backup`'s default name, in UTC: <cluster>-<YYYYMMDDHHMMSS>. */
export function defaultBackupName(cluster: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/\D/g, '').slice(0, 14);
  return `${cluster}-${stamp}`;
}

export function readBackupInputs(get: GetInput, now: number): BackupInputs {
  const r = inputReader(get, ACTIONS.backup.inputs);
  const shared = readShared(r);
  const given = r.optional('backup-name', (v) => objectName(v, 'pg-orders-before-upgrade'));
  const inputs = {
    ...shared,
    backupName: given ?? defaultBackupName(shared.clusterName ?? '', now),
    backupNameGiven: given !== undefined,
    method: r.value('method', (v) => oneOf(v, BACKUP_METHOD_INPUTS)),
    target: r.optional('target', (v) => oneOf(v, BACKUP_TARGETS)),
    verifyWal: r.value('verify-wal', boolean),
    wait: r.value('wait', boolean),
    maxBackupAgeMs: r.optional('max-backup-age', (v) => duration(v, '26h', 366 * MAX_TIMEOUT_MS)),
  };
  return r.finish(inputs as BackupInputs);
}
