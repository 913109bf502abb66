// The built restore-verify action, run as a runner runs it, against two single-instance
// sources that the built deploy and backup actions made on one sandbox: the Barman Cloud
// plugin (rv-plug) and the in-core barmanObjectStore (rv-core). Runs on different sources go
// side by side to keep the file short:
// - bad inputs (bad checks YAML among them) write nothing;
// - rv-plug restores with the marker proof, passing checks, a verify-command and amcheck;
//   rv-core restores to the end of the archive and is kept (keep: always), so the throwaway
//   Cluster is read back: valid against the CRD, labelled, reading the source's serverName,
//   archiving nowhere;
// - a failing run (a wrong expect, a verify-command that corrupts an expression index through
//   kubectl exec in the throwaway Cluster and exits 3, amcheck heapallindexed finding it) is
//   kept by keep: on-failure and opens an issue on a stand-in of the GitHub REST API, while
//   rv-core's run is cancelled right after its Cluster was created and the post step removes
//   it; a backup whose base backup object was removed from Azurite fails with the recovery
//   Job's reason, leaves nothing and comments on the issue; a restore to an explicit time
//   passes and closes it.
// Numbers are checked against the source's own rows, the sandbox's store and the evidence.
import { chmod, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sandboxRequest, writesDuring } from '../../sandbox/admin.ts';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { loadCrds, validateObject } from '../../sandbox/kube/crd-schema.ts';
import { runStep, type RunOptions, type StepResult } from '../helpers/action-runner.ts';
import { ONE_SMALL_INSTANCE } from '../helpers/deploy-inputs.ts';

const DEST = 'https://sandbox.blob.core.windows.net/backups';
const PLUG = { name: 'rv-plug', namespace: 'rv-plug', path: 'rv-plug' };
const CORE = { name: 'rv-core', namespace: 'rv-core', path: 'rv-core' };
const CLUSTERS = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' };
const SECRETS = { group: '', version: 'v1', plural: 'secrets' };
const PODS = { group: '', version: 'v1', plural: 'pods' };
const PVCS = { group: '', version: 'v1', plural: 'persistentvolumeclaims' };
const DEBUG = process.env.RV_DEBUG === '1';
const TOKEN = 'ghs_restoreVerifyTestToken0123456789';
const NOTE1 = 'c4ca4238a0b923820dcc509a6f75849b';

let sandbox: Sandbox;
let dir: string;
let github: GitHubStandIn;
const started = Date.now();

const env = () => ({
  KUBECONFIG: sandbox.kubeconfigPath,
  GITHUB_RUN_ID: '4242',
  GITHUB_REPOSITORY: 'org/app',
  GITHUB_SERVER_URL: 'https://github.example',
  GITHUB_API_URL: github.url,
});

function deploy(c: typeof PLUG, method: string) {
  return runStep(
    'actions/deploy',
    {
      'cluster-name': c.name,
      namespace: c.namespace,
      ...ONE_SMALL_INSTANCE,
      monitoring: 'none',
      'backup-destination': `${DEST}/${c.path}`,
      'workload-identity-client-id': '6b8d3a4e-1f2c-4e5d-9a7b-0c1d2e3f4a5b',
      'backup-schedule': 'none',
      'backup-method': method,
    },
    env(),
  );
}

function backup(c: typeof PLUG, name: string) {
  return runStep(
    'actions/backup',
    {
      'cluster-name': c.name,
      namespace: c.namespace,
      'backup-name': name,
      'verify-wal': 'false',
      timeout: '60s',
    },
    env(),
  );
}

function restore(c: typeof PLUG, inputs: Record<string, string>, options: RunOptions = {}) {
  return runStep(
    'actions/restore-verify',
    { 'cluster-name': c.name, namespace: c.namespace, timeout: '90s', ...inputs },
    env(),
    options,
  );
}

function password(namespace: string, secret: string): string {
  const s = sandbox.store.get(SECRETS, namespace, secret) as unknown as
    { data: Record<string, string> } | undefined;
  return s ? Buffer.from(s.data.password ?? '', 'base64').toString() : '';
}

/** A second reader: straight to the pod's server as the application user. */
async function sql<T extends pg.QueryResultRow>(
  namespace: string,
  pod: string,
  text: string,
  secret = 'db-user-pass',
): Promise<T[]> {
  const target = sandbox.portForward(namespace, pod, 5432);
  if (!target) throw new Error(`no server behind ${pod}`);
  const client = new pg.Client({
    ...target,
    user: 'app',
    password: password(namespace, secret),
    database: 'appdb',
  });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Everything of a throwaway Cluster still in the sandbox's store. */
function leftovers(namespace: string, name: string): string[] {
  const of = (ref: typeof PODS) =>
    sandbox.store
      .list(ref)
      .filter(
        (o) =>
          o.metadata.namespace === namespace &&
          (o.metadata.name === name || o.metadata.labels?.['cnpg.io/cluster'] === name),
      )
      .map((o) => `${ref.plural}/${o.metadata.name}`);
  return [...of(CLUSTERS), ...of(PODS), ...of(PVCS)];
}

async function deleteCluster(namespace: string, name: string): Promise<void> {
  const path = `/apis/postgresql.cnpg.io/v1/namespaces/${namespace}/clusters/${name}`;
  expect((await sandboxRequest(sandbox, 'DELETE', path)).status).toBe(200);
}

interface Evidence {
  outcome: string;
  markers: { a: { token: string; writtenAt: string }; t: string; b: { token: string } } | null;
  recovered_to: string | null;
  recovery_stop_reason: string | null;
  checks: { name: string; kind: string; passed: boolean; observed: string }[];
  recovery_cluster: { timeline: number } | null;
  amcheck: { corrupt: { index: string; error: string }[] } | null;
  cleanup: { action: string } | null;
  seconds: { restore: number; step: number };
}

async function evidence(step: StepResult): Promise<Evidence> {
  const e = JSON.parse(await readFile(step.outputs.report ?? '', 'utf8')) as Evidence;
  if (DEBUG) console.log(JSON.stringify((e as unknown as { phases: unknown }).phases));
  return e;
}

/** Secrets that must appear in no log, output or summary. */
function noSecrets(step: StepResult, secrets: string[]): void {
  // The runner hides ::add-mask:: commands; every later line is what the log shows.
  const shown = (text: string) =>
    text
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
  const everything = [
    shown(step.stdout),
    step.stderr,
    step.summary,
    step.post?.stdout ?? '',
    JSON.stringify(step.outputs),
  ].join('\n');
  for (const s of secrets.filter((x) => x.length > 3)) expect(everything).not.toContain(s);
}

interface Issue {
  number: number;
  title: string;
  state: string;
  labels: string[];
  comments: string[];
  html_url: string;
}

/** The few GitHub REST endpoints the action calls, with the token it must send. */
class GitHubStandIn {
  readonly issues: Issue[] = [];
  readonly tokens = new Set<string>();
  url = '';
  #server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      this.tokens.add(String(req.headers.authorization));
      const reply = (code: number, value: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const url = new URL(req.url ?? '/', 'http://x');
      const input = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
      const one = /^\/repos\/org\/app\/issues\/(\d+)(\/comments)?$/.exec(url.pathname);
      const issue = one ? this.issues.find((i) => i.number === Number(one[1])) : undefined;
      if (url.pathname === '/repos/org/app/issues' && req.method === 'GET') {
        const label = url.searchParams.get('labels') ?? '';
        const list = this.issues.filter((i) => i.state === 'open' && i.labels.includes(label));
        reply(
          200,
          list.map((i) => ({ ...i, labels: i.labels.map((name) => ({ name })) })),
        );
      } else if (url.pathname === '/repos/org/app/issues' && req.method === 'POST') {
        const number = this.issues.length + 1;
        const created: Issue = {
          number,
          title: String(input.title),
          state: 'open',
          labels: input.labels as string[],
          comments: [String(input.body)],
          html_url: `https://github.example/org/app/issues/${number}`,
        };
        this.issues.push(created);
        reply(201, created);
      } else if (issue && one?.[2] && req.method === 'POST') {
        issue.comments.push(String(input.body));
        reply(201, { id: issue.comments.length });
      } else if (issue && req.method === 'PATCH') {
        issue.state = String(input.state);
        reply(200, issue);
      } else reply(404, { message: 'Not Found' });
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((r) => this.#server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((r) => {
      this.#server.close(() => {
        r();
      });
    });
  }
}

beforeAll(async () => {
  dir = await mkdtemp('/tmp/pgha-rv-');
  await chmod(dir, 0o711);
  github = new GitHubStandIn();
  await github.start();
  // Kubernetes' Job backoff shortened, so a recovery that keeps failing is soon unrecoverable.
  sandbox = await startSandbox({
    dir,
    cloud: false,
    timings: { jobBackoffBaseMs: 50, jobBackoffMaxMs: 400 },
  });
  const steps = await Promise.all([deploy(PLUG, 'plugin'), deploy(CORE, 'barman-object-store')]);
  for (const s of steps) expect(s.code, s.stdout).toBe(0);
  // An expression index over a function that claims to be immutable: honest on the source.
  const schema =
    'CREATE TABLE orders (id int PRIMARY KEY, note text); INSERT INTO orders SELECT g, md5(g::text) FROM generate_series(1, 500) g; ' +
    'CREATE FUNCTION order_key(i int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $f$ BEGIN RETURN i; END $f$; ' +
    'CREATE INDEX orders_key ON orders (order_key(id))';
  await Promise.all([PLUG, CORE].map((c) => sql(c.namespace, `${c.name}-1`, schema)));
  const backups = await Promise.all([
    backup(PLUG, 'rv-plug-b1').then(async (b1) => [b1, await backup(PLUG, 'rv-plug-b2')]),
    backup(CORE, 'rv-core-b1').then((b) => [b]),
  ]);
  for (const b of backups.flat()) expect(b.code, b.stdout).toBe(0);
  await removeBaseBackup(backups[0][1]?.outputs['backup-id'] ?? '');
}, 120_000);

/** Removes the base backup object (data.tar) of a plugin backup from Azurite; backup.info stays. */
async function removeBaseBackup(id: string): Promise<void> {
  const os = sandbox.objectStore;
  const account = os?.accounts.get('sandbox');
  if (!os || !account) throw new Error('the sandbox has no object store');
  const container = os.client(account).getContainerClient('backups');
  const objects: string[] = [];
  const prefix = `${PLUG.path}/${PLUG.name}/base/${id}/`;
  for await (const b of container.listBlobsFlat({ prefix })) objects.push(b.name);
  const data = objects.filter((n) => !n.endsWith('backup.info'));
  expect(data.length, objects.join()).toBeGreaterThan(0);
  for (const n of data) await container.deleteBlob(n);
}

afterAll(async () => {
  if (DEBUG) await cp(`${dir}/cnpg.log`, '/tmp/rv-cnpg.log');
  await sandbox.stop();
  await github.stop();
  await rm(dir, { recursive: true, force: true });
});

test('bad inputs, bad checks YAML among them, are all reported and write nothing', async () => {
  let step: StepResult | undefined;
  const writes = await writesDuring(sandbox, async () => {
    step = await restore(PLUG, {
      checks: "- {name: a, sql: 'select 1', expect: '1', min: 0}\n- {name: a, sql: ''}",
      target: 'yesterday',
      amcheck: 'all',
      keep: 'sometimes',
      instances: '9',
      'recovery-cluster': 'Bad_Name',
      'open-issue-on-failure': 'true',
    });
  });
  expect(step?.code).toBe(1);
  for (const input of [
    'checks',
    'target',
    'amcheck',
    'keep',
    'instances',
    'recovery-cluster',
    'github-token',
  ])
    expect(step?.stdout).toContain(`input '${input}'`);
  expect(step?.stdout).toContain('checks[0] has expect and min/max');
  expect(writes).toEqual([]);
  expect(step?.post?.stdout).toContain('created no Cluster: nothing to clean up');
});

let plug: StepResult;

describe('four restores side by side', () => {
  let core: StepResult;
  let bad: StepResult;
  let gone: StepResult;
  const kubectl = (sqlText: string) =>
    `kubectl exec -n ${PLUG.namespace} rv-plug-bad-1 -c postgres -- psql -d appdb -c '${sqlText}'`;

  beforeAll(async () => {
    [plug, core, bad, gone] = await Promise.all([
      restore(PLUG, {
        'backup-name': 'rv-plug-b1',
        checks: [
          "- {name: orders restored, sql: 'select count(*) from orders', min: 500, max: 500}",
          `- {name: first note, sql: 'select note from orders where id = 1', expect: ${NOTE1}}`,
        ].join('\n'),
        'verify-command':
          'test "$PGUSER" = app && psql -Atc "select count(*) from orders" | grep -qx 500',
      }),
      restore(CORE, { target: 'latest', keep: 'always', amcheck: 'heapallindexed' }),
      restore(PLUG, {
        'recovery-cluster': 'rv-plug-bad',
        'backup-name': 'rv-plug-b1',
        checks: "[{name: wrong count, sql: 'select count(*) from orders', expect: '7'}]",
        // The team's check breaks the throwaway copy: order_key no longer gives what the
        // index holds, which only heapallindexed can see.
        'verify-command': `${kubectl('CREATE OR REPLACE FUNCTION public.order_key(i int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $f$ BEGIN RETURN i + 1000000; END $f$')} && exit 3`,
        amcheck: 'heapallindexed',
        keep: 'on-failure',
        'open-issue-on-failure': 'true',
        'github-token': TOKEN,
      }),
      restore(PLUG, {
        'recovery-cluster': 'rv-plug-gone',
        'open-issue-on-failure': 'true',
        'github-token': TOKEN,
      }),
    ]);
  }, 90_000);

  test('the plugin source restores with the marker proof; every check passes; nothing is left', () => {
    expect(plug.code, plug.stdout + plug.stderr).toBe(0);
    expect(plug.outputs).toMatchObject({
      'recovery-cluster': 'rv-plug-verify-4242',
      'backup-name': 'rv-plug-b1',
      'checks-failed': '0',
      'checks-passed': '6',
    });
    expect(plug.outputs['backup-id']).toMatch(/^\d{8}T\d{6}$/);
    expect(plug.outputs['recovered-to']).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(Number(plug.outputs['restore-seconds'])).toBeGreaterThan(0);
    expect(Number(plug.outputs['verify-seconds'])).toBeGreaterThan(
      Number(plug.outputs['restore-seconds']),
    );
    expect(leftovers(PLUG.namespace, 'rv-plug-verify-4242')).toEqual([]);
    expect(plug.post?.stdout).toContain('Main already deleted or kept Cluster');
  });

  test('the markers are on the source as the evidence says, and recovery stopped between them', async () => {
    const e = await evidence(plug);
    const rows = await sql<{ marker: string; token: string }>(
      PLUG.namespace,
      'rv-plug-1',
      `SELECT marker, token FROM pgha_restore_markers WHERE run_id = '4242' AND token IN ('${e.markers?.a.token ?? ''}', '${e.markers?.b.token ?? ''}') ORDER BY id`,
    );
    expect(rows).toEqual([
      { marker: 'A', token: e.markers?.a.token },
      { marker: 'B', token: e.markers?.b.token },
    ]);
    // PostgreSQL's own words in the new timeline's history: it stopped before B's commit.
    expect(e.recovery_stop_reason).toMatch(/^before \d{4}-/);
    expect(e.checks.map((c) => [c.kind, c.observed, c.passed])).toEqual([
      ['marker', 'present', true],
      ['marker', 'absent', true],
      ['sql', '500', true],
      ['sql', NOTE1, true],
      ['verify-command', 'exit status 0', true],
      ['amcheck', 'no corruption', true],
    ]);
    expect(e.recovery_cluster?.timeline).toBeGreaterThan(1);
    expect(e.cleanup?.action).toBe('deleted');
  });

  test('the summary says the proof, lists the checks, the timings and a timeline; no secret', () => {
    const s = plug.summary;
    expect(s).toContain('<b>Proof:</b> WAL continuity and point-in-time precision');
    expect(s).toContain('<th>check</th>');
    expect(s).toContain('restore (throwaway Cluster created to healthy)');
    expect(s).toContain('```mermaid\ngantt');
    expect(plug.stdout).toContain('::group::verify-command');
    expect(plug.stdout).toContain('recovery Job rv-plug-verify-4242-1-full-recovery: pod ');
    expect(plug.stdout).toMatch(/phase: Setting up primary/);
    noSecrets(plug, [password(PLUG.namespace, 'db-user-pass')]);
  });

  test('the in-core source restores to the end of the archive; keep: always leaves a valid, labelled Cluster that archives nowhere', async () => {
    expect(core.code, core.stdout).toBe(0);
    expect(core.summary).toContain('<b>Proof:</b> WAL continuity to the end of the archive');
    expect(core.outputs['checks-failed']).toBe('0');
    const name = core.outputs['recovery-cluster'] ?? '';
    const kept = sandbox.store.get(CLUSTERS, CORE.namespace, name);
    expect(kept, core.stdout).toBeDefined();
    expect(validateObject(loadCrds(), kept)).toEqual([]);
    expect(kept?.metadata.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'pgha',
      'pgha.io/cluster': CORE.name,
      'pgha.io/role': 'restore-verify',
      'pgha.io/run-id': '4242',
    });
    const spec = kept?.spec as Record<string, unknown>;
    expect(spec.backup).toBeUndefined();
    expect(spec.plugins).toBeUndefined();
    expect(spec.externalClusters).toEqual([
      {
        name: 'origin',
        barmanObjectStore: expect.objectContaining({
          destinationPath: `${DEST}/${CORE.path}`,
          serverName: CORE.name,
        }) as unknown,
      },
    ]);
    expect(core.post?.stdout).toContain('Main already deleted or kept');
    // restore-seconds against the API server's own record of the kept Cluster: created
    // (creationTimestamp, whole seconds) to its Ready condition turning True.
    const ready = (
      kept?.status?.conditions as { type: string; status: string; lastTransitionTime?: string }[]
    ).find((c) => c.type === 'Ready' && c.status === 'True');
    const recorded =
      (Date.parse(ready?.lastTransitionTime ?? '') -
        Date.parse(kept?.metadata.creationTimestamp ?? '')) /
      1000;
    expect(Math.abs(Number(core.outputs['restore-seconds']) - recorded)).toBeLessThan(1.5);
    const rows = await sql<{ n: string }>(
      CORE.namespace,
      `${name}-1`,
      "SELECT count(*) AS n FROM pgha_restore_markers WHERE marker = 'A'",
      `${name}-app`,
    );
    expect(rows).toEqual([{ n: '1' }]);
    noSecrets(core, [password(CORE.namespace, `${name}-app`)]);
    await deleteCluster(CORE.namespace, name);
  });

  test('failing checks, verify-command and amcheck fail the step; keep: on-failure keeps the Cluster; an issue is opened', async () => {
    expect(bad.code).toBe(1);
    expect(bad.outputs['checks-failed']).toBe('3');
    expect(bad.stdout).toMatch(
      /::error::restore-verify failed: 3 checks failed: wrong count: 500; verify-command: exit status 3; amcheck heapallindexed/,
    );
    const e = await evidence(bad);
    expect(e.outcome).toBe('failed');
    expect(e.amcheck?.corrupt.map((c) => c.index)).toEqual(['public.orders_key']);
    expect(e.amcheck?.corrupt[0]?.error).toMatch(/lacks matching index tuple/);
    expect(leftovers(PLUG.namespace, 'rv-plug-bad')).toContain('clusters/rv-plug-bad');
    expect(bad.post?.stdout).toContain('Main already deleted or kept Cluster rv-plug-bad');
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]).toMatchObject({
      title: 'pgha restore-verify fails for rv-plug/rv-plug',
      labels: ['pgha-restore-verify'],
      state: 'open',
    });
    expect(github.issues[0]?.comments.some((c) => c.includes('wrong count: 500'))).toBe(true);
    expect(bad.outputs['issue-url']).toBe('https://github.example/org/app/issues/1');
    expect([...github.tokens]).toEqual([`token ${TOKEN}`]);
    noSecrets(bad, [TOKEN, password(PLUG.namespace, 'rv-plug-bad-app')]);
    await deleteCluster(PLUG.namespace, 'rv-plug-bad');
  });

  test("a backup whose base backup object is gone fails with the recovery Job's reason and leaves nothing; both failures are in one issue", () => {
    expect(gone.code).toBe(1);
    expect(gone.outputs['backup-name']).toBe('rv-plug-b2');
    expect(gone.stdout).toMatch(
      /::error::.*the restore of Cluster rv-plug-gone failed: Cluster is unrecoverable.*recovery Job rv-plug-gone-1-full-recovery: restore error: /,
    );
    expect(gone.stdout).toContain('Log tail of pod rv-plug-gone-1-full-recovery-');
    expect(gone.summary).toContain('Diagnostics');
    expect(leftovers(PLUG.namespace, 'rv-plug-gone')).toEqual([]);
    // One run opened it, the other commented, in whichever order they finished.
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]?.comments).toHaveLength(2);
    expect([bad.outputs['issue-url'], gone.outputs['issue-url']]).toEqual([
      'https://github.example/org/app/issues/1',
      'https://github.example/org/app/issues/1',
    ]);
  });
});

describe('afterwards, side by side', () => {
  let cancelled: StepResult;
  let atTime: StepResult;
  let time = '';
  let tokens = { a: '', b: '' };

  beforeAll(async () => {
    // T of the first run: its marker A was committed before T, its B after.
    const e = await evidence(plug);
    time = e.markers?.t ?? '';
    tokens = { a: e.markers?.a.token ?? '', b: e.markers?.b.token ?? '' };
    const count = (t: string) => `select count(*) from pgha_restore_markers where token = '${t}'`;
    [cancelled, atTime] = await Promise.all([
      restore(
        CORE,
        { 'recovery-cluster': 'rv-core-cancelled', amcheck: 'none' },
        { cancelOn: /Created Cluster rv-core-cancelled/ },
      ),
      restore(PLUG, {
        target: time,
        'backup-name': 'rv-plug-b1',
        'recovery-cluster': 'rv-plug-at-time',
        amcheck: 'none',
        checks: `[{name: A by then, sql: "${count(tokens.a)}", expect: '1'}, {name: B not yet, sql: "${count(tokens.b)}", expect: '0'}]`,
        'open-issue-on-failure': 'true',
        'github-token': TOKEN,
      }),
    ]);
  }, 90_000);

  test('main cancelled right after the throwaway Cluster was created: the post step removes it', () => {
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.code).not.toBe(0);
    expect(cancelled.post?.stdout).toContain(
      'Main did not clean up: deleting the throwaway Cluster rv-core-cancelled',
    );
    expect(cancelled.post?.stdout).toContain(
      'Cluster rv-core-cancelled is gone, with its pods and PVCs',
    );
    expect(leftovers(CORE.namespace, 'rv-core-cancelled')).toEqual([]);
  });

  test("a restore to an explicit time (the first run's T) passes and closes the issue", () => {
    expect(atTime.code, atTime.stdout).toBe(0);
    expect(atTime.summary).toContain(`restore to the explicit time ${time}; no markers`);
    expect(atTime.outputs['checks-passed']).toBe('2');
    expect(leftovers(PLUG.namespace, 'rv-plug-at-time')).toEqual([]);
    expect(github.issues[0]?.state).toBe('closed');
    expect(github.issues[0]?.comments.at(-1)).toContain('passes again');
    console.log(`restore-verify e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
