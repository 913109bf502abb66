// End to end through the real @actions/core getIDToken and the real @azure/identity: GitHub
// OIDC token -> Entra ID exchange -> ARM -> AKS credentials, against local cloud stand-ins
// (test/azure/local-cloud.ts until sandbox/cloud lands). TLS: the stand-in's certificate is
// added to this worker's default CAs (Node 24 tls.setDefaultCACertificates).
import { randomUUID } from 'node:crypto';
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
import { GITHUB_ISSUER, LocalCloud, loopbackCertificate } from './local-cloud.ts';

const certificate = loopbackCertificate();
const cloud = new LocalCloud();
const clientId = randomUUID();
const saved = {
  url: process.env.ACTIONS_ID_TOKEN_REQUEST_URL,
  token: process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
};

beforeAll(async () => {
  if (!certificate) return;
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), certificate.cert]);
  await cloud.start(certificate);
  cloud.clients.add(clientId);
  cloud.records.push({
    clientId,
    issuer: GITHUB_ISSUER,
    subject: 'repo:octo-org/pg-infra:ref:refs/heads/main',
  });
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = cloud.oidcUrl;
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = cloud.requestToken;
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

/** Everything one login needs, with a recording logger and the list of masked secrets. */
async function login(extra: Partial<AzureLoginOptions> = {}) {
  const logger = new RecordingLogger();
  const masked: string[] = [];
  const setSecret = (secret: string) => masked.push(secret);
  const credential = await azureCredential({
    tenantId: cloud.tenantId,
    clientId,
    authorityHost: cloud.baseUrl,
    getIdToken: (audience) => core.getIDToken(audience),
    logger,
    setSecret,
    ...extra,
  });
  const arm = createArmClient({ credential, endpoint: cloud.baseUrl, logger, setSecret });
  const assertNothingLeaked = () => {
    expect(masked.length).toBeGreaterThan(0);
    for (const secret of masked) expect(logger.text()).not.toContain(secret);
  };
  return { logger, masked, setSecret, credential, arm, assertNothingLeaked };
}

describe.skipIf(!certificate)('OIDC login, ARM and AKS against the cloud stand-ins', () => {
  const spec = {
    subscriptionId: randomUUID(),
    resourceGroup: 'rg-pg',
    identity: 'id-pg-backup',
    name: federatedCredentialName('cnpg-database', 'pg-orders'),
    issuer: 'https://westeurope.oic.prod-aks.azure.com/tenant/cluster/',
    subject: 'system:serviceaccount:cnpg-database:pg-orders',
  };

  test('logs in with a GitHub token and keeps a federated credential idempotent', async () => {
    const { arm, masked, logger, assertNothingLeaked } = await login();
    const [issuedBefore, exchangesBefore] = [cloud.githubTokensIssued, cloud.entraExchanges];
    expect(await arm.ensureFederatedCredential(spec)).toBe('created');
    expect(await arm.ensureFederatedCredential(spec)).toBe('unchanged');
    expect(cloud.ficStore.size).toBe(1);
    // One exchange for the ARM token (then cached), with one GitHub token fetched for it.
    expect(cloud.entraExchanges - exchangesBefore).toBe(1);
    expect(cloud.githubTokensIssued - issuedBefore).toBe(1);
    const armToken = masked.find((s) => cloud.accessTokenClaims(s)?.aud === cloud.baseUrl);
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
    const [issued, exchanges] = [cloud.githubTokensIssued, cloud.entraExchanges];
    for (const [step, scope] of [
      [0, 'a'],
      [5_000, 'b'],
      [11_000, 'c'],
    ] as const) {
      clock.now += step;
      await credential.getToken(`${cloud.baseUrl}/${scope}/.default`);
    }
    expect(cloud.entraExchanges - exchanges).toBe(3);
    expect(cloud.githubTokensIssued - issued).toBe(2);
    const githubTokens = masked.filter((s) => cloud.accessTokenClaims(s) === undefined);
    expect(new Set(githubTokens).size).toBe(2);
    expect(logger.messages('info').filter((m) => m.startsWith('Presenting'))).toEqual([
      `Presenting the GitHub OIDC token to Entra ID: iss=${GITHUB_ISSUER} ` +
        'sub=repo:octo-org/pg-infra:ref:refs/heads/main aud=api://AzureADTokenExchange ' +
        'job_workflow_ref=octo-org/pg-infra/.github/workflows/deploy.yml@refs/heads/main',
    ]);
    expect(logger.messages('info').join('\n')).toContain('case-sensitive');
    assertNothingLeaked();
  });

  test('AZURE_FEDERATED_TOKEN_FILE is read for each exchange instead of asking GitHub', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pgha-token-')), 'token');
    const first = cloud.mintFederatedToken('repo:octo-org/pg-infra:ref:refs/heads/main');
    writeFileSync(file, `${first}\n`);
    const clock = { now: 1_000_000 };
    const { credential, logger, masked, assertNothingLeaked } = await login({
      federatedTokenFile: file,
      getIdToken: () => Promise.reject(new Error('GitHub must not be asked')),
      now: () => clock.now,
    });
    await credential.getToken(`${cloud.baseUrl}/a/.default`);
    const rotated = cloud.mintFederatedToken('repo:octo-org/pg-infra:ref:refs/heads/main');
    writeFileSync(file, rotated);
    clock.now += 11_000;
    await credential.getToken(`${cloud.baseUrl}/b/.default`);
    expect(rotated).not.toBe(first);
    expect(masked).toEqual(expect.arrayContaining([first, rotated]));
    expect(logger.messages('info')[0]).toMatch(
      new RegExp(
        `^Presenting the federated token from AZURE_FEDERATED_TOKEN_FILE \\(${file}\\) to Entra ID: iss=`,
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
    expect(cloud.accessTokenClaims(token)?.aud).toBe(AKS_SERVER_APP_ID);
    expect(await result.tokenProvider?.()).toBe(token);
    assertNothingLeaked();
  });

  test('a subject without federated credential: ConfigurationError that shows the subject', async () => {
    cloud.subject = 'repo:octo-org/pg-infra:pull_request';
    try {
      const { credential, logger } = await login();
      const error = await credential.getToken(`${cloud.baseUrl}/.default`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      const message = (error as Error).message;
      expect(message).toContain('subject:  repo:octo-org/pg-infra:pull_request');
      expect(message).toContain(`issuer:   ${GITHUB_ISSUER}`);
      expect(message).toContain('AADSTS70021');
      expect(logger.messages('info')[0]).toContain('sub=repo:octo-org/pg-infra:pull_request');
    } finally {
      cloud.subject = 'repo:octo-org/pg-infra:ref:refs/heads/main';
    }
  });

  test('an unknown client ID: ConfigurationError naming azure-client-id', async () => {
    const { credential } = await login();
    cloud.clients.delete(clientId);
    try {
      await expect(credential.getToken(`${cloud.baseUrl}/.default`)).rejects.toThrow(
        /no application with client ID .* azure-client-id/,
      );
    } finally {
      cloud.clients.add(clientId);
    }
  });
});
