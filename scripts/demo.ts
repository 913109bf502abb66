// npm run demo: the whole pipeline on this machine. Starts the sandbox (Kubernetes API with
// the CNPG emulation on real PostgreSQL 18, and the GitHub OIDC / Entra ID / ARM stand-ins
// around it), then runs the built actions from dist/ as a GitHub runner would, in the order
// of .github/workflows/example-pipeline.yml: deploy with an OIDC login and backups to Azurite,
// the same deploy again (nothing changes), a dry run of a change, backup (WAL archiving proven,
// a Backup taken), restore-verify (the marker proof: that Backup restored into a throwaway
// Cluster whose service account gets a federated credential for the time of the run, the data
// checked, the Cluster deleted), a failover drill (CNPG's default 15 s primary lease, so a
// realistic downtime; --quick shortens it for tests), then the actions whose issues are still
// open.
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
  /** 'ok': must succeed; 'pending': its issue is open, a clear failure is expected. */
  expect: 'ok' | 'pending';
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

function verdict(plan: StepPlan, step: StepResult): boolean {
  if (plan.expect === 'ok') return step.code === 0;
  return step.code !== 0 && /not implemented yet/.test(step.stdout + step.stderr);
}

async function main(): Promise<number> {
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
        expect: 'ok',
      },
      {
        title: 'deploy again: nothing changes, the password is kept',
        action: 'actions/deploy',
        inputs: { ...CLUSTER, ...backups, ...QUICK_DEPLOY, 'identity-name': s?.identityName ?? '' },
        expect: 'ok',
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
        expect: 'ok',
      },
      {
        title: 'backup: prove WAL archiving on the primary, take a Backup, wait for it',
        action: 'actions/backup',
        inputs: {
          'cluster-name': CLUSTER['cluster-name'],
          namespace: CLUSTER.namespace,
          timeout: '2m',
        },
        expect: 'ok',
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
        expect: 'ok',
      },
      {
        title: 'failover-drill: kill the primary under write load, measure, switch back',
        action: 'actions/failover-drill',
        inputs: {
          'cluster-name': CLUSTER['cluster-name'],
          namespace: CLUSTER.namespace,
          ...QUICK_DRILL,
        },
        expect: 'ok',
      },
      ...(['teardown'] as const).map((name): StepPlan => ({
        title: `${name} (its issue is still open)`,
        action: `actions/${name}`,
        inputs: { 'cluster-name': CLUSTER['cluster-name'], namespace: CLUSTER.namespace },
        expect: 'pending',
      })),
    ];
    const results: string[] = [];
    let failed = 0;
    for (const [i, plan] of plans.entries()) {
      const step = await runPlanned(sandbox, plan, i + 1, dir);
      const good = verdict(plan, step);
      if (!good) failed++;
      results.push(
        `  ${good ? '✓' : '✗'} [${String(i + 1)}] ${plan.title}: ${step.code === 0 ? 'succeeded' : 'failed'}` +
          (plan.expect === 'pending' ? ' (expected: not implemented yet)' : ''),
      );
    }
    process.stdout.write(`\n${bold('Pipeline')}\n${results.join('\n')}\n`);
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
