// The sandbox's PostgreSQL layer on its own: real PostgreSQL 18 servers, a standby cloned
// without pg_basebackup, synchronous commits that wait for a standby, promotion, and no
// process left behind.
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parameterCatalog } from '../../sandbox/postgres/binaries.ts';
import { sanitizeParameters } from '../../sandbox/postgres/config.ts';
import { Instance } from '../../sandbox/postgres/instance.ts';
import { freePort } from '../../sandbox/postgres/ports.ts';
import { processesUnder } from '../../sandbox/postgres/process-registry.ts';
import {
  cloneStandby,
  ensureReplicationUser,
  followPrimary,
  promote,
  setSynchronousStandbyNames,
} from '../../sandbox/postgres/replication.ts';
import { readStatus } from '../../sandbox/postgres/status.ts';
import { chownToServer, serverUser } from '../../sandbox/users.ts';

const user = serverUser();
let dir = '';
let socketDir = '';
const servers: Instance[] = [];

async function instance(name: string): Promise<Instance> {
  const inst = new Instance({
    name,
    dir: join(dir, name),
    port: await freePort(),
    socketDir,
    user,
  });
  servers.push(inst);
  return inst;
}

async function waitFor(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function count(inst: Instance): Promise<number> {
  const rows = await inst.query<{ n: string }>('SELECT count(*) AS n FROM t');
  return Number(rows[0]?.n);
}

describe('sanitizeParameters', () => {
  it.each([
    ['shared_buffers', '4GB', '32768kB'],
    ['shared_buffers', '2048', undefined],
    ['work_mem', '64MB', '16384kB'],
    ['max_connections', '500', '100'],
    ['huge_pages', 'on', 'off'],
    ['port', '6000', null],
    ['ssl_min_protocol_version', 'TLSv1.3', null],
    ['no_such_parameter', '1', null],
    ['shared_preload_libraries', 'pg_stat_statements,not_a_lib', 'pg_stat_statements'],
    ['pg_stat_statements.max', '10000', undefined],
  ])('%s = %s', async (name, value, expected) => {
    const { kept } = sanitizeParameters({ [name]: value }, await parameterCatalog());
    expect(kept[name]).toBe(expected === undefined ? value : (expected ?? undefined));
  });
});

describe('PostgreSQL instances', () => {
  let primary: Instance;
  let standby: Instance;

  beforeAll(async () => {
    dir = await mkdtemp('/tmp/pgha-pg-test-');
    await chmod(dir, 0o711);
    socketDir = join(dir, 'run');
    await mkdir(socketDir, { mode: 0o700 });
    await chownToServer(socketDir, user);
    primary = await instance('pg-1');
    await primary.initdb();
    await primary.start();
    await ensureReplicationUser(primary);
    await primary.query('CREATE TABLE t (i int)');
    standby = await instance('pg-2');
    await cloneStandby(primary, standby);
    await standby.start();
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('immediate')));
    await rm(dir, { recursive: true, force: true });
  });

  it('streams rows written on the primary to a cloned standby', async () => {
    await primary.query('INSERT INTO t SELECT generate_series(1, 100)');
    await waitFor(async () => (await count(standby)) === 100, 'replay on the standby');
    const [p, s] = [await readStatus(primary), await readStatus(standby)];
    expect(p.isPrimary).toBe(true);
    expect(s.isPrimary).toBe(false);
    expect(s.systemId).toBe(p.systemId);
    expect(s.walReceiverActive).toBe(true);
  });

  it('blocks a synchronous commit while no standby streams', async () => {
    await setSynchronousStandbyNames(primary, 'ANY 1 ("pg-2")');
    await waitFor(async () => {
      const sql = "SELECT current_setting('synchronous_standby_names') AS s";
      const rows = await primary.query<{ s: string }>(sql);
      return rows[0]?.s !== '';
    }, 'reload');
    await standby.stop('fast');
    let done = false;
    const insert = primary.query('INSERT INTO t VALUES (1000)').then(() => (done = true));
    await new Promise((r) => setTimeout(r, 2000));
    expect(done).toBe(false);
    await standby.start();
    await insert;
    expect(done).toBe(true);
  });

  it('promotes a standby to a new timeline that a second standby follows', async () => {
    const third = await instance('pg-3');
    await cloneStandby(primary, third);
    await third.start();
    await primary.stop('immediate');
    await promote(standby);
    await followPrimary(third, standby);
    await setSynchronousStandbyNames(standby, 'ANY 1 ("pg-3")');
    await standby.query('INSERT INTO t VALUES (2000)');
    await waitFor(async () => (await count(third)) === 102, 'replay on the third server');
    expect((await readStatus(standby)).timeline).toBe(2);
  });

  it('leaves no process behind after an abrupt stop', async () => {
    const pid = standby.pid;
    await standby.stop('abrupt');
    expect(pid).toBeDefined();
    await Promise.all(servers.map((s) => s.stop('fast')));
    expect(processesUnder(dir)).toEqual([]);
  });
});
