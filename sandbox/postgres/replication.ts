// Streaming replication between sandbox instances: cloning a standby from a running primary,
// physical replication slots (one per standby, so the primary keeps the WAL it needs),
// re-pointing a standby at a new primary, promotion, synchronous_standby_names. A standby's
// primary_conninfo names its replication link (replication-link.ts), never the primary itself,
// as a CNPG standby names the `-rw` service: following a new primary re-points the link.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chownToServer } from '../users.ts';
import { takeBaseBackup, writeOwned } from './base-backup.ts';
import { quoteValue } from './config.ts';
import type { Instance } from './instance.ts';
import { quoteLiteral } from './sql.ts';

/** The user standbys stream as (over the unix socket, trust), as CNPG's streaming_replica. */
export const REPLICATION_USER = 'streaming_replica';

/** CNPG's slot naming: `_cnpg_` + instance name with `-` as `_`. */
export function slotName(instanceName: string): string {
  return `_cnpg_${instanceName.replaceAll('-', '_')}`;
}

/** primary_conninfo of a standby: its own link, whichever server that leads to. */
export async function standbyConninfo(standby: Instance): Promise<string> {
  const link = await standby.replicationLink();
  return [
    `host=${link.address.socketDir}`,
    `port=${link.address.port}`,
    `user=${REPLICATION_USER}`,
    'dbname=postgres',
    `application_name=${standby.name}`,
  ].join(' ');
}

/** The server a standby's link leads to now (undefined: none yet). */
export async function followedPort(standby: Instance): Promise<number | undefined> {
  return (await standby.replicationLink()).target?.port;
}

/** True while a WAL receiver process runs (CNPG counts pg_stat_wal_receiver rows). */
export async function walReceiverActive(standby: Instance): Promise<boolean> {
  const rows = await standby.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM pg_stat_wal_receiver',
  );
  return (rows[0]?.n ?? 0) > 0;
}

export async function ensureReplicationUser(primary: Instance): Promise<void> {
  await primary.query(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${REPLICATION_USER}') THEN
      CREATE ROLE ${REPLICATION_USER} WITH LOGIN REPLICATION;
    END IF; END $$`);
}

/** (Re)creates the standby's slot with WAL reserved from now on. */
export async function recreateSlot(primary: Instance, standbyName: string): Promise<void> {
  await dropSlot(primary, standbyName);
  await primary.query('SELECT pg_create_physical_replication_slot($1, true)', [
    slotName(standbyName),
  ]);
}

export async function ensureSlot(primary: Instance, standbyName: string): Promise<void> {
  await primary.query(
    `SELECT pg_create_physical_replication_slot($1, true)
     WHERE NOT EXISTS (SELECT FROM pg_replication_slots WHERE slot_name = $1)`,
    [slotName(standbyName)],
  );
}

/** Drops the slot, terminating a walsender still using it (retried while it lets go). */
export async function dropSlot(primary: Instance, standbyName: string): Promise<void> {
  const slot = slotName(standbyName);
  for (let attempt = 0; ; attempt++) {
    const rows = await primary.query<{ active_pid: number | null }>(
      'SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1',
      [slot],
    );
    const row = rows[0];
    if (!row) return;
    if (row.active_pid === null) {
      await primary.query(
        `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
         WHERE slot_name = $1 AND NOT active`,
        [slot],
      );
    } else {
      await primary.query('SELECT pg_terminate_backend($1)', [row.active_pid]);
    }
    if (attempt > 100) throw new Error(`cannot drop replication slot ${slot}: still active`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Slots named like CNPG's (`_cnpg_...`) on this server. */
export async function listSlots(server: Instance): Promise<string[]> {
  const rows = await server.query<{ slot_name: string }>(
    "SELECT slot_name FROM pg_replication_slots WHERE slot_name LIKE '\\_cnpg\\_%'",
  );
  return rows.map((r) => r.slot_name);
}

function standbySettings(conninfo: string, standby: Instance): string {
  return [
    '# Written by the pgha sandbox (a standby streaming through its replication link)',
    `primary_conninfo = ${quoteValue(conninfo)}`,
    `primary_slot_name = ${quoteValue(slotName(standby.name))}`,
    "recovery_target_timeline = 'latest'",
    '',
  ].join('\n');
}

/**
 * Builds `standby` (stopped, data directory removed first) as a streaming standby of the
 * running `primary`: slot, base backup, standby.signal, primary_conninfo. Does not start it.
 */
export async function cloneStandby(primary: Instance, standby: Instance): Promise<void> {
  if (standby.running) throw new Error(`${standby.name}: stop the server before cloning`);
  await standby.removeData();
  await standby.prepareDirs();
  await ensureReplicationUser(primary);
  await recreateSlot(primary, standby.name);
  await takeBaseBackup(primary, standby);
  await standby.writeConfig();
  const data = standby.dataDir;
  const conninfo = await standbyConninfo(standby);
  await writeOwned(
    join(data, 'postgresql.auto.conf'),
    standbySettings(conninfo, standby),
    standby.user,
  );
  await writeOwned(join(data, 'standby.signal'), '', standby.user);
  (await standby.replicationLink()).follow(primary);
}

/**
 * Points a running or stopped standby at `primary`: its slot there, its link leading there,
 * and primary_conninfo naming the link (reload is enough since PostgreSQL 13).
 */
export async function followPrimary(standby: Instance, primary: Instance): Promise<void> {
  await ensureSlot(primary, standby.name);
  (await standby.replicationLink()).follow(primary);
  const conninfo = await standbyConninfo(standby);
  if (!standby.running) {
    const file = join(standby.dataDir, 'postgresql.auto.conf');
    await writeFile(file, standbySettings(conninfo, standby), { mode: 0o600 });
    await chownToServer(file, standby.user);
    return;
  }
  if ((await currentConninfo(standby)) === conninfo) return;
  await standby.query(`ALTER SYSTEM SET primary_conninfo = ${quoteLiteral(conninfo)}`);
  await standby.query(
    `ALTER SYSTEM SET primary_slot_name = ${quoteLiteral(slotName(standby.name))}`,
  );
  await standby.query('SELECT pg_reload_conf()');
}

/** Current primary_conninfo of a running standby. */
export async function currentConninfo(standby: Instance): Promise<string> {
  const rows = await standby.query<{ primary_conninfo: string }>('SHOW primary_conninfo');
  return rows[0]?.primary_conninfo ?? '';
}

/** Promotes a standby and waits until it accepts writes; clears its standby settings. */
export async function promote(standby: Instance): Promise<void> {
  const rows = await standby.query<{ ok: boolean }>('SELECT pg_promote(true, 60) AS ok');
  if (rows[0]?.ok !== true) throw new Error(`${standby.name}: pg_promote did not complete`);
  await standby.query('ALTER SYSTEM RESET primary_conninfo');
  await standby.query('ALTER SYSTEM RESET primary_slot_name');
  await standby.query('SELECT pg_reload_conf()');
  await rm(join(standby.dataDir, 'standby.signal'), { force: true });
}

/** Sets synchronous_standby_names ('' = asynchronous) when it differs; reloads. */
export async function setSynchronousStandbyNames(
  primary: Instance,
  value: string,
): Promise<boolean> {
  const rows = await primary.query<{ synchronous_standby_names: string }>(
    'SHOW synchronous_standby_names',
  );
  if ((rows[0]?.synchronous_standby_names ?? '') === value) return false;
  await primary.query(
    value === ''
      ? 'ALTER SYSTEM RESET synchronous_standby_names'
      : `ALTER SYSTEM SET synchronous_standby_names = ${quoteLiteral(value)}`,
  );
  await primary.query('SELECT pg_reload_conf()');
  return true;
}
