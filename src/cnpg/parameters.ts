// PostgreSQL parameters of the AKS guide's production profile, computed from node memory.
//
// Rule (the guide's, for a 16 GiB node): shared_buffers 25 %, effective_cache_size 75 %,
// work_mem 1/256, maintenance_work_mem 6.25 % of node memory. Scaling for small nodes:
// shared_buffers at least 128MB, work_mem at least 4MB, maintenance_work_mem between 64MB
// and 2GB; the WAL sizes (max_wal_size 6GB, min_wal_size 2GB, max_slot_wal_keep_size 10GB
// in the guide) are capped at 25 %, 8 % and 40 % of the volume that holds WAL so that WAL
// can never fill it. Values are rounded down to whole MB and written in GB when whole.
import { ConfigurationError } from '../errors.ts';
import type { DeployInputs } from '../inputs/types.ts';

const MB = 2 ** 20;
const GB = 2 ** 30;

const FIXED: Readonly<Record<string, string>> = {
  wal_compression: 'lz4',
  checkpoint_timeout: '15min',
  checkpoint_completion_target: '0.9',
  checkpoint_flush_after: '2MB',
  wal_writer_flush_after: '2MB',
  autovacuum_vacuum_cost_limit: '2400',
  random_page_cost: '1.1',
  effective_io_concurrency: '64',
  maintenance_io_concurrency: '64',
  log_checkpoints: 'on',
  log_lock_waits: 'on',
  log_min_duration_statement: '1000',
  log_statement: 'ddl',
  log_temp_files: '1024',
  log_autovacuum_min_duration: '1s',
  'pg_stat_statements.max': '10000',
  'pg_stat_statements.track': 'all',
  hot_standby_feedback: 'on',
};

/** Parameters that CNPG sets itself or refuses (its "fixed" configuration). */
const MANAGED_BY_CNPG = new Set([
  'allow_system_table_mods',
  'archive_cleanup_command',
  'archive_command',
  'archive_mode',
  'bonjour',
  'bonjour_name',
  'cluster_name',
  'config_file',
  'data_directory',
  'data_sync_retry',
  'event_source',
  'external_pid_file',
  'full_page_writes',
  'hba_file',
  'hot_standby',
  'ident_file',
  'jit_provider',
  'listen_addresses',
  'log_destination',
  'log_directory',
  'log_file_mode',
  'log_filename',
  'log_rotation_age',
  'log_rotation_size',
  'log_truncate_on_rotation',
  'logging_collector',
  'port',
  'primary_conninfo',
  'primary_slot_name',
  'promote_trigger_file',
  'recovery_end_command',
  'recovery_min_apply_delay',
  'recovery_target',
  'recovery_target_action',
  'recovery_target_inclusive',
  'recovery_target_lsn',
  'recovery_target_name',
  'recovery_target_time',
  'recovery_target_timeline',
  'recovery_target_xid',
  'restart_after_crash',
  'restore_command',
  'ssl',
  'ssl_ca_file',
  'ssl_cert_file',
  'ssl_crl_file',
  'ssl_key_file',
  'ssl_passphrase_command',
  'stats_temp_directory',
  'synchronous_standby_names',
  'syslog_facility',
  'syslog_ident',
  'syslog_sequence_numbers',
  'syslog_split_messages',
  'unix_socket_directories',
  'unix_socket_group',
  'unix_socket_permissions',
  'wal_level',
  'wal_log_hints',
]);

export function size(bytes: number): string {
  const mb = Math.floor(bytes / MB);
  return mb % 1024 === 0 ? `${mb / 1024}GB` : `${mb}MB`;
}

const clamp = (v: number, min: number, max: number): number => Math.min(max, Math.max(min, v));

export function computedParameters(inputs: DeployInputs): Record<string, string> {
  const node = inputs.nodeMemory.value;
  const walVolume = (inputs.walStorageSize ?? inputs.storageSize).value;
  return {
    ...FIXED,
    max_wal_size: size(Math.min(6 * GB, walVolume * 0.25)),
    min_wal_size: size(Math.max(32 * MB, Math.min(2 * GB, walVolume * 0.08))),
    max_slot_wal_keep_size: size(Math.min(10 * GB, walVolume * 0.4)),
    shared_buffers: size(Math.max(128 * MB, node * 0.25)),
    effective_cache_size: size(Math.max(256 * MB, node * 0.75)),
    work_mem: size(Math.max(4 * MB, node / 256)),
    maintenance_work_mem: size(clamp(node * 0.0625, 64 * MB, 2 * GB)),
  };
}

export function sizingNote(inputs: DeployInputs): string {
  return `Computed from node-memory ${inputs.nodeMemory.text} by the AKS guide's rules (shared_buffers 25 %, effective_cache_size 75 %, work_mem 1/256, maintenance_work_mem 6.25 %), WAL sizes capped by the ${inputs.walStorageSize ? 'WAL' : 'data'} volume; ${Object.keys(inputs.postgresqlParameters).length} set by postgresql-parameters.`;
}

/** The names among these that CloudNativePG manages itself and refuses to take. */
export function managedByCnpg(names: Iterable<string>): string[] {
  return [...names].filter((name) => MANAGED_BY_CNPG.has(name));
}

export function effectiveParameters(inputs: DeployInputs): Record<string, string> {
  const managed = managedByCnpg(Object.keys(inputs.postgresqlParameters));
  if (managed.length > 0) {
    throw new ConfigurationError(
      `input 'postgresql-parameters': ${managed.join(', ')} ${managed.length === 1 ? 'is' : 'are'} managed by CloudNativePG and cannot be set (example: "max_connections: 200")`,
    );
  }
  return { ...computedParameters(inputs), ...inputs.postgresqlParameters };
}
