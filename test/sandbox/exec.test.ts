// pods/exec through client-node's Exec (WebSocket, v5.channel.k8s.io) into an instance pod's
// postgres container: psql as the postgres superuser over the instance's socket, stderr and
// exit codes on the error channel, stdin, the psql stand-in, refusals; and
// enableSuperuserAccess: the <cluster>-superuser secret and a password login over TCP, off again.
import { Readable, Writable } from 'node:stream';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import pg from 'pg';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clusterRef, startHarness, waitFor, type Harness } from './cnpg-harness.ts';

const NS = 'exec';
let h: Harness;
let exec: k8s.Exec;

interface Ran {
  stdout: string;
  stderr: string;
  status: k8s.V1Status;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function run(
  command: string[],
  options: { pod?: string; container?: string; stdin?: string } = {},
): Promise<Ran> {
  const out = collector();
  const err = collector();
  let status: k8s.V1Status | undefined;
  const stdin = options.stdin === undefined ? null : Readable.from([options.stdin]);
  const ws = await exec.exec(
    NS,
    options.pod ?? 'pg-1',
    options.container ?? 'postgres',
    command,
    out.stream,
    err.stream,
    stdin,
    false,
    (s) => (status = s),
  );
  await new Promise((resolve) => ws.on('close', resolve));
  return { stdout: out.text(), stderr: err.text(), status: status ?? {} };
}

beforeAll(async () => {
  h = await startHarness(NS, { cloud: false, objectStore: false });
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(h.sandbox.kubeconfigPath);
  exec = new k8s.Exec(kc);
  await h.custom.createNamespacedCustomObject({
    ...clusterRef(NS),
    body: {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'pg' },
      spec: { instances: 1, storage: { size: '1Gi' }, enableSuperuserAccess: true },
    },
  });
  await h.core.createNamespacedPod({
    namespace: NS,
    body: {
      metadata: { name: 'plain' },
      spec: { containers: [{ name: 'app', image: 'busybox' }] },
    },
  });
  await h.waitHealthy('pg', 1);
});

afterAll(async () => {
  await h.close();
});

describe('exec in the postgres container', () => {
  test('psql logs in as postgres over the instance socket, as the server user', async () => {
    const sql = "select current_user, current_setting('port'), inet_server_addr() is null";
    const ran = await run(['psql', '-X', '-A', '-t', '-q', '-c', sql]);
    const inst = h.sandbox.cnpg.instance(NS, 'pg-1');
    expect(ran.stdout).toBe(`postgres|${inst?.port}|t\n`);
    expect(ran.status.status).toBe('Success');
    const env = await run(['sh', '-c', 'echo "$PGHOST $PGDATA $POD_NAME $CLUSTER_NAME"; id -u']);
    expect(env.stdout).toBe(
      `${inst?.socketDir} ${inst?.dataDir} pg-1 pg\n${process.getuid?.() === 0 ? 65534 : process.getuid?.()}\n`,
    );
  });

  test('a failing SQL with ON_ERROR_STOP: stderr and exit code 1 on the error channel', async () => {
    const ran = await run([
      'psql',
      '-X',
      '-A',
      '-t',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      'select nope',
    ]);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain('column "nope" does not exist');
    expect(ran.status).toMatchObject({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '1' }] },
    });
  });

  test('stdin reaches the command (v5 closes it)', async () => {
    const ran = await run(['psql', '-X', '-A', '-t'], { stdin: 'select 41 + 1;\n' });
    expect(ran.stdout).toBe('42\n');
  });

  test('the psql stand-in answers as psql does', async () => {
    const standIn = join(h.sandbox.dir, 'bin', 'psql');
    const cases = [
      ['-X', '-A', '-t', '-q', '-c', "select 1, 'a b', null, true"],
      ['-U', 'postgres', '-X', '-c', 'select 1 as n, 22 as nn, $$x$$ as text'],
      ['-X', '-A', '-d', 'postgres', '-c', 'select 1 as a where false'],
    ];
    for (const args of cases) {
      const ours = await run([standIn, ...args]);
      const theirs = await run(['psql', ...args]);
      expect(ours.stdout).toBe(theirs.stdout);
    }
    const fail = await run([standIn, '-X', '-v', 'ON_ERROR_STOP=1', '-c', 'select nope']);
    expect(fail.status.details?.causes?.[0]?.message).toBe('1');
    expect(fail.stderr).toContain('ERROR:  column "nope" does not exist');
  });

  test('v4.channel.k8s.io: output frames, then the status on channel 3; older protocols refused', async () => {
    const connect = (protocol: string) => {
      const query =
        'container=postgres&stdout=true&stderr=true&command=sh&command=-c&command=echo+hi;+exit+3';
      const url = `${h.sandbox.url.replace('https', 'wss')}/api/v1/namespaces/${NS}/pods/pg-1/exec?${query}`;
      return new WebSocket(url, [protocol], {
        ca: h.sandbox.caPem,
        headers: { authorization: `Bearer ${h.sandbox.token}` },
      });
    };
    const ws = connect('v4.channel.k8s.io');
    const frames: Buffer[] = [];
    ws.on('message', (d: Buffer) => frames.push(d));
    await new Promise((resolve) => ws.on('close', resolve));
    expect(ws.protocol).toBe('v4.channel.k8s.io');
    const on = (channel: number) =>
      Buffer.concat(frames.filter((f) => f[0] === channel).map((f) => f.subarray(1))).toString();
    expect(on(1)).toBe('hi\n');
    expect(JSON.parse(on(3))).toMatchObject({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
    const old = connect('channel.k8s.io');
    const refused = await new Promise<string>((resolve) => {
      old.on('unexpected-response', (_req, res) => {
        resolve(String(res.statusCode));
      });
      old.on('error', (e) => {
        resolve(e.message);
      });
    });
    expect(refused).toBe('400');
  });

  test.each([
    ['an unknown container', 'pg-1', 'nope', /400/],
    ['a pod that is not an instance', 'plain', 'app', /400/],
    ['a missing pod', 'pg-9', 'postgres', /404/],
  ])('refuses %s', async (_what, pod, container, code) => {
    await expect(run(['true'], { pod, container })).rejects.toThrow(code);
  });
});

describe('enableSuperuserAccess', () => {
  const login = async (password: string) => {
    const target = h.sandbox.portForward(NS, 'pg-1', 5432);
    const client = new pg.Client({ ...target, user: 'postgres', password, database: 'postgres' });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query<{ u: string }>('select current_user as u')).rows[0]?.u;
    } finally {
      await client.end();
    }
  };

  test('creates <cluster>-superuser and the password logs in over TCP; off removes both', async () => {
    const secret = await h.core.readNamespacedSecret({ name: 'pg-superuser', namespace: NS });
    const value = (k: string) => Buffer.from(secret.data?.[k] ?? '', 'base64').toString('utf8');
    expect(secret.type).toBe('kubernetes.io/basic-auth');
    expect(secret.metadata?.labels?.['cnpg.io/userType']).toBe('superuser');
    expect([value('username'), value('user'), value('dbname'), value('port')]).toEqual([
      'postgres',
      'postgres',
      '*',
      '5432',
    ]);
    const password = value('password');
    expect(password).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(await waitFor('superuser login', () => login(password))).toBe('postgres');

    await h.custom.patchNamespacedCustomObject(
      { ...clusterRef(NS), name: 'pg', body: { spec: { enableSuperuserAccess: false } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await waitFor('the secret removed', async () => {
      const left = await h.core.listNamespacedSecret({ namespace: NS });
      return !left.items.some((s) => s.metadata?.name === 'pg-superuser');
    });
    await waitFor('the password refused', () =>
      login(password).then(
        () => false,
        (e: unknown) => /password authentication failed/.test(String(e)),
      ),
    );
  });
});
