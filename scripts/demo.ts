// npm run demo: the whole pipeline on this machine. Starts the sandbox (Kubernetes API with
// the CNPG emulation on real PostgreSQL 18, and the GitHub OIDC / Entra ID / ARM stand-ins
// around it), then runs the built actions from dist/ as a GitHub runner would, in the order
// of .github/workflows/example-pipeline.yml: deploy with an OIDC login and backups to Azurite,
// the same deploy again (nothing changes), a dry run of a change, backup (WAL archiving proven,
// a Backup taken), restore-verify (the marker proof: that Backup restored into a throwaway
// Cluster whose service account gets a federated credential for the time of the run, the data
// checked, the Cluster deleted), a failover drill (CNPG's default 15 s primary lease, so a
// realistic downtime; --quick shortens it for tests), and teardown with delete-backups (every
// object deploy made, the Backups and their data in Azurite, the federated credential). It
// ends with a table of the measured figures and writes every step's job summary into one
// Markdown file.
// Log lines are shown as the runner shows them (masked values as ***). Exit code 1 when a
// step that should succeed fails.
//   npm run demo [-- --keep] [-- --quick]
//   --keep: leave the sandbox running until Ctrl-C.
//   --quick: for tests: two instances, a 3 s primary lease (through deploy's overrides input)
//   and a short drill warm-up and observation, instead of CNPG's defaults.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';
import { runStep, type StepResult } from '../sandbox/runner.ts';

const { values } = parseArgs({
  options: {
    keep: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
  },
});

/** --quick: the shortest primary Lease CNPG's webhook accepts, and a short drill. */
const QUICK_DEPLOY: Record<string, string> = values.quick
  ? {
      overrides:
        'primaryLease:\n  leaseDurationSeconds: 3\n  renewDeadlineSeconds: 2\n  retryPeriodSeconds: 1\n',
    }
  : {};
const QUICK_DRILL: Record<string, string> = values.quick ? { 'warm-up': '2s', observe: '2s' } : {};

const CLUSTER = {
  'cluster-name': 'pg-demo',
  namespace: 'cnpg-database',
  // --quick: two instances, the fewest a failover needs.
  instances: values.quick ? '2' : '3',
  // Small instances: the AKS guide's production sizes would ask this machine for 6 cores.
  'storage-size': '1Gi',
  cpu: '500m',
  memory: '512Mi',
  timeout: '3m',
};

/** Backups to the sandbox's Azurite, as to a real storage account with workload identity. */
const BACKUPS = { 'backup-destination': 'https://sandbox.blob.core.windows.net/backups/demo' };

const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

interface StepPlan {
  title: string;
  action: string;
  inputs: Record<string, string>;
}

async function runPlanned(sandbox: Sandbox, plan: StepPlan, n: number, dir: string) {
  const cloud = sandbox.cloud;
  if (!cloud || !sandbox.cloudCaPath) throw new Error('the sandbox started without its cloud');
  process.stdout.write(
    `\n${bold(`[${String(n)}] ${plan.title}`)}  ${dim(`uses: ./${plan.action}`)}\n`,
  );
  const started = performance.now();
  const step = await runStep(
    plan.action,
    { ...cloud.inputs(), ...plan.inputs },
    {
      ...cloud.env(sandbox.cloudCaPath),
      GITHUB_REPOSITORY: 'octo-org/pg-infra',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_RUN_ID: '1',
    },
    { echo: (line) => process.stdout.write(`  ${dim('│')} ${line}\n`) },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const summaryFile = join(dir, `step-${String(n)}-summary.md`);
  await writeFile(summaryFile, step.summary);
  const headline = step.summary
    .split('\n')
    .find((l) => l.trim() && !l.startsWith('#'))
    ?.replace(/<[^>]+>/g, '');
  const outputs = Object.entries(step.outputs)
    .map(([k, v]) => `${k}=${v}`)
    .join('  ');
  process.stdout.write(
    `  ${step.code === 0 ? 'succeeded' : `failed (exit ${String(step.code)})`} in ${seconds} s` +
      (outputs ? `\n  outputs: ${outputs}` : '') +
      `${headline ? `\n  summary: ${headline}` : ''}\n  job summary: ${summaryFile}\n`,
  );
  return step;
}

/** The figures a person reads after the run: [step output, what it measures]. */
const FIGURES: readonly [string, string, string][] = [
  ['actions/deploy', 'ready-seconds', 'deploy: first request to a healthy Cluster (s)'],
  ['actions/backup', 'wal-archive-seconds', 'backup: WAL switch to segment archived (s)'],
  ['actions/backup', 'backup-seconds', 'backup: Backup started to completed (s)'],
  [
    'actions/restore-verify',
    'restore-seconds',
    'restore-verify: throwaway Cluster created to healthy (s)',
  ],
  ['actions/restore-verify', 'verify-seconds', 'restore-verify: the whole step (s)'],
  ['actions/failover-drill', 'failover-seconds', 'failover-drill: kill to new primary (s)'],
  ['actions/failover-drill', 'downtime-seconds', 'failover-drill: writes failing (s)'],
  ['actions/failover-drill', 'lost-writes', 'failover-drill: acknowledged writes lost'],
  ['actions/teardown', 'teardown-seconds', 'teardown: the whole step (s)'],
  ['actions/teardown', 'deleted-backup-files', 'teardown: backup files deleted'],
  ['actions/teardown', 'deleted-backup-bytes', 'teardown: backup bytes deleted'],
];

function figures(ran: readonly { plan: StepPlan; step: StepResult }[]): string {
  const rows = FIGURES.flatMap(([action, output, what]) => {
    const value = ran
      .filter((r) => r.plan.action === action)
      .map((r) => r.step.outputs[output])
      .find((v) => v !== undefined);
    return value === undefined ? [] : [[what, value]];
  });
  const width = Math.max(...rows.map((r) => (r[0] ?? '').length));
  return rows.map(([what, value]) => `  ${(what ?? '').padEnd(width)}  ${value ?? ''}`).join('\n');
}

async function main(): Promise<number> {
  const demoStarted = performance.now();
  const dir = await mkdtemp('/tmp/pgha-demo-');
  process.stdout.write(`Starting the sandbox in ${dir} ...\n`);
  const sandbox = await startSandbox({ dir });
  try {
    const s = sandbox.cloud?.settings;
    process.stdout.write(
      `Kubernetes API ${sandbox.url}; AKS cluster ${s?.aksCluster ?? '?'} in ${s?.resourceGroup ?? '?'} ` +
        `behind Entra ID ${s?.authorityHost ?? '?'} and ARM ${s?.armEndpoint ?? '?'}\n` +
        `GitHub OIDC subject of this "workflow": ${s?.trustedSubject ?? '?'}\n`,
    );
    const backups = {
      ...BACKUPS,
      'workload-identity-client-id': sandbox.cloud?.identity.app.clientId ?? '',
    };
    const plans: StepPlan[] = [
      {
        title: 'deploy: OIDC login, AKS credentials, apply, wait until healthy',
        action: 'actions/deploy',
        inputs: { ...CLUSTER, ...backups, ...QUICK_DEPLOY, 'identity-name': s?.identityName ?? '' },
      },
      {
        title: 'deploy again: nothing changes, the password is kept',
        action: 'actions/deploy',
        inputs: { ...CLUSTER, ...backups, ...QUICK_DEPLOY, 'identity-name': s?.identityName ?? '' },
      },
      {
        title: 'deploy dry run of a change (as a pull request would)',
        action: 'actions/deploy',
        inputs: {
          ...CLUSTER,
          ...backups,
          ...QUICK_DEPLOY,
          instances: values.quick ? '3' : '2',
          'dry-run': 'true',
        },
      },
      {
        title: 'backup: prove WAL archiving on the primary, take a Backup, wait for it',
        action: 'actions/backup',
        inputs: {
          'cluster-name': CLUSTER['cluster-name'],
          namespace: CLUSTER.namespace,
          timeout: '2m',
        },
      },
      {
        title:
          'restore-verify: marker proof, restore into a throwaway Cluster, check the data, delete it',
        action: 'actions/restore-verify',
        inputs: {
          'cluster-name': CLUSTER['cluster-name'],
          namespace: CLUSTER.namespace,
          'identity-name': s?.identityName ?? '',
          checks:
            "[{name: markers table, sql: 'select count(*) from pgha_restore_markers', min: 1}]",
          timeout: '3m',
        },
      },
      {
        title: 'failover-drill: kill the primary under write load, measure, switch back',
        action: 'actions/failover-drill',
        inputs: {
          'cluster-name': CLUSTER['cluster-name'],
          namespace: CLUSTER.namespace,
          ...QUICK_DRILL,
        },
      },
      {
        title:
          'teardown: delete what deploy made, the Backups and their data, the federated credential',
        action: 'actions/teardown',
        inputs: {
          'cluster-name': CLUSTER['cluster-name'],
          namespace: CLUSTER.namespace,
          'delete-backups': 'true',
          'identity-name': s?.identityName ?? '',
          // Azurite behind the sandbox's Blob front, as https://sandbox.blob.core.windows.net.
          'blob-endpoint': `${s?.blobEndpoint ?? ''}/sandbox`,
          timeout: '3m',
        },
      },
    ];
    const results: string[] = [];
    const ran: { plan: StepPlan; step: StepResult }[] = [];
    let failed = 0;
    for (const [i, plan] of plans.entries()) {
      const step = await runPlanned(sandbox, plan, i + 1, dir);
      ran.push({ plan, step });
      if (step.code !== 0) failed++;
      results.push(
        `  ${step.code === 0 ? '✓' : '✗'} [${String(i + 1)}] ${plan.title}: ${step.code === 0 ? 'succeeded' : 'failed'}`,
      );
    }
    const seconds = ((performance.now() - demoStarted) / 1000).toFixed(1);
    const summaries = join(dir, 'summary.md');
    await writeFile(
      summaries,
      ran
        .map((r, i) => `<!-- [${String(i + 1)}] ${r.plan.title} -->\n${r.step.summary}`)
        .join('\n\n---\n\n'),
    );
    process.stdout.write(
      `\n${bold('Pipeline')}\n${results.join('\n')}\n\n${bold('Measured')}\n${figures(ran)}\n\n` +
        `The whole demo took ${seconds} s (sandbox start included).\nAll job summaries: ${summaries}\n`,
    );
    if (values.keep) {
      process.stdout.write(
        `\nThe sandbox keeps running: export KUBECONFIG=${sandbox.kubeconfigPath}; Ctrl-C stops it.\n`,
      );
      await new Promise((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      });
    }
    return failed === 0 ? 0 : 1;
  } finally {
    process.stdout.write('Stopping the sandbox ...\n');
    await sandbox.stop();
    if (!values.keep) await rm(join(dir, 'instances'), { recursive: true, force: true });
  }
}

process.exitCode = await main();
