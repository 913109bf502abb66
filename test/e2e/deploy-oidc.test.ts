// The built deploy action against the sandbox's cloud, as a GitHub job with
// `permissions: id-token: write` runs it: the GitHub OIDC token is exchanged at Entra ID,
// ARM gives the AKS cluster's credentials, the API server accepts only Entra ID tokens for
// the AKS server application, and the backup identity gets its federated credential.
import { readFileSync, statSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writesDuring } from '../../sandbox/admin.ts';
import { DEFAULT_WORKFLOW } from '../../sandbox/cloud/github-oidc.ts';
import type { Cloud } from '../../sandbox/cloud/index.ts';
import { startSandbox, type Sandbox } from '../../sandbox/index.ts';
import { runStep, type StepResult } from '../helpers/action-runner.ts';

let sandbox: Sandbox;
let cloud: Cloud;
let dir: string;

const SECRETS = { group: '', version: 'v1', plural: 'secrets' };
const CLUSTERS = { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' };
/** A JWT anywhere in a text: three base64url parts, the first a JSON header. */
const JWT = /eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/;

function inputs(name: string, namespace: string, extra: Record<string, string> = {}) {
  return {
    ...cloud.inputs(),
    'cluster-name': name,
    namespace,
    instances: '1',
    'sync-replicas': '0',
    'storage-size': '1Gi',
    cpu: '500m',
    memory: '512Mi',
    timeout: '60s',
    ...extra,
  };
}

/** A job on GitHub: OIDC environment, the cloud's CA trusted, no KUBECONFIG anywhere. */
function deploy(input: Record<string, string>, env: Record<string, string> = {}) {
  return runStep('actions/deploy', input, {
    ...cloud.env(sandbox.cloudCaPath ?? ''),
    KUBECONFIG: join(dir, 'no-such-kubeconfig'),
    GITHUB_REPOSITORY: DEFAULT_WORKFLOW.repository,
    GITHUB_SHA: '0123456789abcdef',
    GITHUB_RUN_ID: '7',
    ...env,
  });
}

function everythingPrinted(step: StepResult): string {
  return [step.stdout, step.stderr, step.summary, JSON.stringify(step.outputs)].join('\n');
}

function passwordOf(namespace: string): string {
  const s = sandbox.store.get(SECRETS, namespace, 'db-user-pass') as {
    data?: Record<string, string>;
  };
  return Buffer.from(s.data?.password ?? '', 'base64').toString('utf8');
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

beforeAll(async () => {
  dir = await mkdtemp('/tmp/pgha-oidc-');
  await chmod(dir, 0o711);
  sandbox = await startSandbox({ dir });
  if (!sandbox.cloud) throw new Error('the sandbox started without its cloud');
  cloud = sandbox.cloud;
});

afterAll(async () => {
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('deploy with an OIDC login to AKS', () => {
  let first: StepResult;

  test('logs in with the GitHub token, gets AKS credentials from ARM and becomes healthy', async () => {
    const exchanges = cloud.entra.exchanges.length;
    first = await deploy(inputs('pg-oidc', 'oidc', { 'identity-name': cloud.identity.name }));
    expect(first.code, first.stdout + first.stderr).toBe(0);
    // The token was asked for the exchange audience and presented with its claims logged.
    expect(cloud.github.issued).toContain('api://AzureADTokenExchange');
    expect(first.stdout).toContain(`sub=${cloud.settings.trustedSubject}`);
    expect(first.stdout).toContain('iss=https://token.actions.githubusercontent.com');
    expect(first.stdout).toMatch(/job_workflow_ref=octo-org\/pg-infra\/\.github\/workflows\//);
    // A quiet success: one line with the subject, no explanation of federated subjects.
    const loggedIn = first.stdout.split('\n').filter((l) => l.startsWith('Logged in to Azure'));
    expect(loggedIn).toHaveLength(1);
    expect(loggedIn[0]).toContain(`sub=${cloud.settings.trustedSubject}`);
    expect(first.stdout).not.toMatch(/case-sensitive|customised or immutable subject claims/);
    const mine = cloud.entra.exchanges.slice(exchanges);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.clientId === cloud.settings.clientId && !e.error)).toBe(true);
    // ARM: the cluster's user credentials; the kubelogin exec block replaced by Entra tokens.
    expect(cloud.arm.requests).toContainEqual(
      expect.stringMatching(/^POST .*\/managedClusters\/aks-pg\/listClusterUserCredential$/),
    );
    expect(first.stdout).toContain('Entra ID user credentials');
    expect(first.stdout).not.toMatch(/kubelogin is not installed/);
    const live = sandbox.store.get(CLUSTERS, 'oidc', 'pg-oidc');
    expect(live?.status?.phase).toBe('Cluster in healthy state');
    expect(first.outputs.primary).toBe('pg-oidc-1');
  });

  test('gives the backup identity a federated credential for the cluster service account', () => {
    const creds = cloud.identity.app.federatedCredentials;
    expect(creds).toHaveLength(1);
    expect(creds[0]).toMatchObject({
      issuer: cloud.cluster.oidcIssuerUrl,
      subject: 'system:serviceaccount:oidc:pg-oidc',
      audiences: ['api://AzureADTokenExchange'],
    });
    expect(first.stdout).toMatch(
      /Federated credential \S+ of id-pg-backup for system:serviceaccount:oidc:pg-oidc: created/,
    );
  });

  test('masks every token and the password, and prints them nowhere else', () => {
    const lines = everythingPrinted(first).split('\n');
    const masked = lines.filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice(12));
    const printed = lines.filter((l) => !l.startsWith('::add-mask::')).join('\n');
    // The GitHub ID token and the Entra ID access tokens (ARM, AKS) are all masked ...
    const tokens = masked.filter((m) => JWT.test(m)).map(claimsOf);
    expect(tokens.map((c) => c.iss)).toContain('https://token.actions.githubusercontent.com');
    expect(tokens.map((c) => c.aud)).toEqual(
      expect.arrayContaining([cloud.settings.armEndpoint, '6dae42f8-4368-4678-94ff-3960e28e3630']),
    );
    // ... and appear nowhere but in the mask commands the runner hides.
    expect(printed).not.toMatch(JWT);
    expect(printed).not.toContain(cloud.settings.idTokenRequestToken);
    const password = passwordOf('oidc');
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(masked).toContain(password);
    expect(printed).not.toContain(password);
  });

  test('a second run changes nothing: cluster, secret and federated credential', async () => {
    const password = passwordOf('oidc');
    const generation = sandbox.store.get(CLUSTERS, 'oidc', 'pg-oidc')?.metadata.generation;
    expect(generation).toBeGreaterThan(0);
    let again: StepResult | undefined;
    const writes = await writesDuring(sandbox, async () => {
      again = await deploy(inputs('pg-oidc', 'oidc', { 'identity-name': cloud.identity.name }));
    });
    expect(again?.code, again?.stdout).toBe(0);
    // Only the server-side applies, which leave the objects as they were: no create, no delete.
    expect(writes.filter((w) => !w.startsWith('PATCH '))).toEqual([]);
    expect(sandbox.store.get(CLUSTERS, 'oidc', 'pg-oidc')?.metadata.generation).toBe(generation);
    expect(again?.stdout).toMatch(/Cluster pg-oidc: unchanged/);
    expect(again?.stdout).toMatch(/for system:serviceaccount:oidc:pg-oidc: unchanged/);
    expect(cloud.identity.app.federatedCredentials).toHaveLength(1);
    expect(passwordOf('oidc')).toBe(password);
  });
});

describe('credentials for later steps', () => {
  test('write-kubeconfig leaves a mode-600 kubeconfig with a masked AKS token that works', async () => {
    const step = await deploy(
      inputs('pg-kc', 'kc-ns', { 'write-kubeconfig': 'true', 'dry-run': 'true' }),
    );
    expect(step.code, step.stdout).toBe(0);
    const path = step.outputs['kubeconfig-path'] ?? '';
    expect(path.startsWith(step.runnerTemp)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).not.toMatch(/exec|kubelogin/);
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    const token = kc.getCurrentUser()?.token ?? '';
    expect(cloud.authenticateKube(token)).toBe(true);
    expect(step.stdout).toContain(`::add-mask::${token}`);
    const namespaces = await kc.makeApiClient(CoreV1Api).listNamespace();
    expect(namespaces.items.map((n) => n.metadata?.name)).toContain('oidc');
  });

  test('aks-admin fetches the static admin credentials and masks them', async () => {
    const step = await deploy(inputs('pg-adm', 'adm', { 'aks-admin': 'true', 'dry-run': 'true' }));
    expect(step.code, step.stdout).toBe(0);
    expect(step.stdout).toContain('Using admin credentials of AKS cluster aks-pg');
    expect(cloud.arm.requests.at(-1)).toMatch(
      /\/managedClusters\/aks-pg\/listClusterAdminCredential$/,
    );
    expect(step.stdout).toContain(`::add-mask::${sandbox.token}`);
    expect(
      everythingPrinted(step)
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain(sandbox.token);
  });
});

describe('login failures', () => {
  test('a subject that differs only in letter case is refused, showing the token subject', async () => {
    const saved = cloud.github.workflow;
    cloud.github.workflow = { ...saved, repository: 'Octo-Org/pg-infra' };
    let step: StepResult | undefined;
    try {
      const writes = await writesDuring(sandbox, async () => {
        step = await deploy(inputs('pg-denied', 'denied'));
      });
      expect(writes).toEqual([]);
    } finally {
      cloud.github.workflow = saved;
    }
    expect(step?.code).not.toBe(0);
    const out = step?.stdout ?? '';
    expect(out).toContain('no federated identity credential matches the presented token');
    expect(out).toContain('subject:  repo:Octo-Org/pg-infra:ref:refs/heads/main');
    expect(out).toContain('AADSTS70021');
    // The refusal carries the explanation of federated subjects.
    expect(out).toContain('customised or immutable subject claims');
    expect(out).not.toContain('Logged in to Azure');
    expect(out).not.toMatch(/\n\s+at /);
    expect(cloud.entra.exchanges.at(-1)).toMatchObject({
      error: 'AADSTS70021',
      claims: { sub: 'repo:Octo-Org/pg-infra:ref:refs/heads/main' },
    });
  });

  test('a job without id-token: write permission gets told how to grant it', async () => {
    const step = await deploy(inputs('pg-noperm', 'noperm'), {
      ACTIONS_ID_TOKEN_REQUEST_URL: '',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: '',
    });
    expect(step.code).not.toBe(0);
    expect(step.stdout).toContain('id-token: write');
    expect(step.stdout).not.toMatch(/\n\s+at /);
  });

  test('outside GitHub, AZURE_FEDERATED_TOKEN_FILE works the same way (dry run)', async () => {
    const file = join(dir, 'federated-token');
    await writeFile(file, cloud.github.mint('api://AzureADTokenExchange'));
    const step = await deploy(inputs('pg-file', 'file-ns', { 'dry-run': 'true' }), {
      ACTIONS_ID_TOKEN_REQUEST_URL: '',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: '',
      AZURE_FEDERATED_TOKEN_FILE: file,
    });
    expect(step.code, step.stdout).toBe(0);
    expect(step.stdout).toContain('federated token from AZURE_FEDERATED_TOKEN_FILE');
    expect(step.stdout).toMatch(/Cluster pg-file: would create/);
    expect(sandbox.store.get(CLUSTERS, 'file-ns', 'pg-file')).toBeUndefined();
  });

  test('aks-admin is refused clearly when the cluster disables local accounts', async () => {
    cloud.cluster.disableLocalAccounts = true;
    try {
      const step = await deploy(
        inputs('pg-admin', 'admin', { 'aks-admin': 'true', 'dry-run': 'true' }),
      );
      expect(step.code).not.toBe(0);
      expect(step.stdout).toContain('disable local accounts');
      expect(step.stdout).not.toMatch(/\n\s+at /);
    } finally {
      cloud.cluster.disableLocalAccounts = false;
    }
  });
});
