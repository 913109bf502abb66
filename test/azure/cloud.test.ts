// End to end through the real @actions/core getIDToken and the real @azure/identity: GitHub
// OIDC token -> Entra ID exchange -> ARM -> AKS credentials, against local cloud stand-ins
// (sandbox/cloud, without the rest of the sandbox). TLS: the cloud's CA is added to this
// worker's default CAs (Node 24 tls.setDefaultCACertificates).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import * as core from '@actions/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../src/errors.ts';
import { AKS_SERVER_APP_ID, aksKubeconfig } from '../../src/azure/aks.ts';
import { createArmClient, federatedCredentialName } from '../../src/azure/arm.ts';
import { azureCredential, type AzureLoginOptions } from '../../src/azure/login.ts';
import { RecordingLogger } from '../helpers/recording-logger.ts';
import { DEFAULT_WORKFLOW, GITHUB_ISSUER } from '../../sandbox/cloud/github-oidc.ts';
import { startCloud, type Cloud } from '../../sandbox/cloud/index.ts';

let cloud: Cloud;
let clientId: string;
let armEndpoint: string;
const saved = {
  url: process.env.ACTIONS_ID_TOKEN_REQUEST_URL,
  token: process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
};

beforeAll(async () => {
  cloud = await startCloud();
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), cloud.caPem]);
  clientId = cloud.settings.clientId;
  armEndpoint = cloud.settings.armEndpoint;
  for (const scope of ['a', 'b', 'c']) cloud.entra.resources.add(`${armEndpoint}/${scope}`);
  // No API server here: the credentials point at an address nothing listens on.
  cloud.attachCluster({ url: 'https://127.0.0.1:9', caPem: cloud.caPem, adminToken: 'unused' });
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = cloud.settings.idTokenRequestUrl;
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = cloud.settings.idTokenRequestToken;
});

afterAll(async () => {
  restoreEnv('ACTIONS_ID_TOKEN_REQUEST_URL', saved.url);
  restoreEnv('ACTIONS_ID_TOKEN_REQUEST_TOKEN', saved.token);
  await cloud.stop();
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) Reflect.deleteProperty(process.env, name);
  else process.env[name] = value;
}

const issued = () => cloud.github.issued.length;
const exchanged = () => cloud.entra.exchanges.length;
const issuerOf = (jwt: string): unknown =>
  (JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { iss?: unknown })
    .iss;

/** Everything one login needs, with a recording logger and the list of masked secrets. */
async function login(extra: Partial<AzureLoginOptions> = {}) {
  const logger = new RecordingLogger();
  const masked: string[] = [];
  const setSecret = (secret: string) => masked.push(secret);
  const credential = await azureCredential({
    tenantId: cloud.settings.tenantId,
    clientId,
    authorityHost: cloud.settings.authorityHost,
    getIdToken: (audience) => core.getIDToken(audience),
    logger,
    setSecret,
    ...extra,
  });
  const arm = createArmClient({ credential, endpoint: armEndpoint, logger, setSecret });
  const assertNothingLeaked = () => {
    expect(masked.length).toBeGreaterThan(0);
    for (const secret of masked) expect(logger.text()).not.toContain(secret);
  };
  return { logger, masked, setSecret, credential, arm, assertNothingLeaked };
}

describe('OIDC login, ARM and AKS against the cloud stand-ins', () => {
  const spec = {
    get subscriptionId() {
      return cloud.settings.subscriptionId;
    },
    resourceGroup: 'rg-pg',
    identity: 'id-pg-backup',
    name: federatedCredentialName('cnpg-database', 'pg-orders'),
    issuer: 'https://westeurope.oic.prod-aks.azure.com/tenant/cluster/',
    subject: 'system:serviceaccount:cnpg-database:pg-orders',
  };

  test('logs in with a GitHub token and keeps a federated credential idempotent', async () => {
    const { arm, masked, logger, assertNothingLeaked } = await login();
    const [issuedBefore, exchangesBefore] = [issued(), exchanged()];
    expect(await arm.ensureFederatedCredential(spec)).toBe('created');
    expect(await arm.ensureFederatedCredential(spec)).toBe('unchanged');
    expect(cloud.identity.app.federatedCredentials).toHaveLength(1);
    // One exchange for the ARM token (then cached), with one GitHub token fetched for it.
    expect(exchanged() - exchangesBefore).toBe(1);
    expect(issued() - issuedBefore).toBe(1);
    const armToken = masked.find((s) => cloud.entra.verifyAccessToken(s, armEndpoint).ok);
    expect(armToken).toBeDefined();
    expect(logger.messages('info')[0]).toContain(`sub=repo:octo-org/pg-infra:ref:refs/heads/main`);
    expect(await arm.deleteFederatedCredential(spec)).toBe('deleted');
    expect(await arm.deleteFederatedCredential(spec)).toBe('absent');
    assertNothingLeaked();
  });

  test('a fresh GitHub token per exchange (one reused within 10 s); claims logged once, never the token', async () => {
    const clock = { now: 1_000_000 };
    const { credential, logger, masked, assertNothingLeaked } = await login({
      now: () => clock.now,
    });
    const [issuedBefore, exchangesBefore] = [issued(), exchanged()];
    for (const [step, scope] of [
      [0, 'a'],
      [5_000, 'b'],
      [11_000, 'c'],
    ] as const) {
      clock.now += step;
      await credential.getToken(`${armEndpoint}/${scope}/.default`);
    }
    expect(exchanged() - exchangesBefore).toBe(3);
    expect(issued() - issuedBefore).toBe(2);
    const githubTokens = masked.filter((s) => issuerOf(s) === GITHUB_ISSUER);
    expect(new Set(githubTokens).size).toBe(2);
    // Success: one line with the claims, after the first exchange; no explanation.
    expect(logger.messages('info')).toEqual([
      `Logged in to Azure as client ${clientId} with the GitHub OIDC token: iss=${GITHUB_ISSUER} ` +
        'sub=repo:octo-org/pg-infra:ref:refs/heads/main aud=api://AzureADTokenExchange ' +
        'job_workflow_ref=octo-org/pg-infra/.github/workflows/deploy.yml@refs/heads/main',
    ]);
    expect(logger.text()).not.toMatch(/case-sensitive|customised or immutable/);
    assertNothingLeaked();
  });

  test('AZURE_FEDERATED_TOKEN_FILE is read for each exchange instead of asking GitHub', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pgha-token-')), 'token');
    const first = cloud.github.mint('api://AzureADTokenExchange');
    writeFileSync(file, `${first}\n`);
    const clock = { now: 1_000_000 };
    const { credential, logger, masked, assertNothingLeaked } = await login({
      federatedTokenFile: file,
      getIdToken: () => Promise.reject(new Error('GitHub must not be asked')),
      now: () => clock.now,
    });
    await credential.getToken(`${armEndpoint}/a/.default`);
    const rotated = cloud.github.mint('api://AzureADTokenExchange');
    writeFileSync(file, rotated);
    clock.now += 11_000;
    await credential.getToken(`${armEndpoint}/b/.default`);
    expect(rotated).not.toBe(first);
    expect(masked).toEqual(expect.arrayContaining([first, rotated]));
    expect(logger.messages('info')).toHaveLength(1);
    expect(logger.messages('info')[0]).toMatch(
      new RegExp(
        `^Logged in to Azure as client ${clientId} with the federated token from AZURE_FEDERATED_TOKEN_FILE \\(${file}\\): iss=`,
      ),
    );
    assertNothingLeaked();
  });

  test('AKS user credentials: no exec block, tokens for the AKS server app', async () => {
    const { arm, credential, logger, setSecret, assertNothingLeaked } = await login();
    const result = await aksKubeconfig({
      credential,
      arm,
      subscriptionId: spec.subscriptionId,
      resourceGroup: 'rg-pg',
      cluster: 'aks-pg',
      admin: false,
      logger,
      setSecret,
    });
    expect(result.user).toBe('token-provider');
    expect(result.kubeconfig).not.toMatch(/exec|kubelogin/);
    const token = (await result.tokenProvider?.()) ?? '';
    expect(cloud.entra.verifyAccessToken(token, AKS_SERVER_APP_ID).ok).toBe(true);
    expect(cloud.authenticateKube(token)).toBe(true);
    expect(await result.tokenProvider?.()).toBe(token);
    assertNothingLeaked();
  });

  test('a subject without federated credential: ConfigurationError that shows the subject', async () => {
    cloud.github.workflow = { ...DEFAULT_WORKFLOW, eventName: 'pull_request' };
    try {
      const { credential, logger } = await login();
      const error = await credential.getToken(`${armEndpoint}/.default`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      const message = (error as Error).message;
      expect(message).toContain('subject:  repo:octo-org/pg-infra:pull_request');
      expect(message).toContain(`issuer:   ${GITHUB_ISSUER}`);
      expect(message).toContain('AADSTS70021');
      // The explanation of federated subjects comes with the refusal, not before it.
      expect(message).toContain('customised or immutable subject claims');
      expect(logger.messages('info')).toEqual([]);
      expect(logger.messages('debug').join('\n')).toContain(
        'sub=repo:octo-org/pg-infra:pull_request',
      );
    } finally {
      cloud.github.workflow = { ...DEFAULT_WORKFLOW };
    }
  });

  test('an unknown client ID: ConfigurationError naming azure-client-id', async () => {
    const { credential } = await login();
    const app = cloud.deployer;
    cloud.entra.applications.delete(clientId);
    try {
      await expect(credential.getToken(`${armEndpoint}/.default`)).rejects.toThrow(
        /no application with client ID .* azure-client-id/,
      );
    } finally {
      cloud.entra.applications.set(clientId, app);
    }
  });
});
