// The cloud stand-ins on the wire: Entra ID refuses assertions as Entra ID does (issuer,
// signature, time, audience, subject case), ARM needs an ARM token and a role assignment and
// answers with ARM's error codes, and the AKS API server accepts only AKS-audience tokens.
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_FEDERATED_CREDENTIALS } from '../../sandbox/cloud/arm.ts';
import { GITHUB_ISSUER } from '../../sandbox/cloud/github-oidc.ts';
import { startCloud, type Cloud } from '../../sandbox/cloud/index.ts';
import { SigningKey } from '../../sandbox/cloud/jwt.ts';

let cloud: Cloud;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

function call(
  url: string,
  init: { method?: string; body?: string; token?: string; form?: boolean } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined)
      headers['content-type'] = init.form
        ? 'application/x-www-form-urlencoded'
        : 'application/json';
    const req = request(url, { method: init.method ?? 'GET', ca: cloud.caPem, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        });
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A client-credentials exchange at the tenant's token endpoint. */
function exchange(
  assertion: string,
  scope = `${cloud.settings.armEndpoint}/.default`,
  clientId = cloud.settings.clientId,
) {
  const form = new URLSearchParams({
    client_id: clientId,
    scope,
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
  return call(`${cloud.settings.authorityHost}/${cloud.settings.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    body: form.toString(),
    form: true,
  });
}

const githubToken = (overrides: Record<string, unknown> = {}) =>
  cloud.github.mint('api://AzureADTokenExchange', overrides);

async function accessToken(scope?: string): Promise<string> {
  const answer = await exchange(githubToken(), scope);
  expect(answer.status).toBe(200);
  return String(answer.body.access_token);
}

const description = (a: Answer) => String(a.body.error_description);

beforeAll(async () => {
  cloud = await startCloud();
});

afterAll(async () => {
  await cloud.stop();
});

describe('GitHub OIDC token endpoint', () => {
  test('needs the request token and issues a token for the audience asked', async () => {
    const url = `${cloud.settings.idTokenRequestUrl}&audience=api://AzureADTokenExchange`;
    expect((await call(url)).status).toBe(401);
    const answer = await call(url, { token: cloud.settings.idTokenRequestToken });
    expect(answer.status).toBe(200);
    const claims = JSON.parse(
      Buffer.from(String(answer.body.value).split('.')[1] ?? '', 'base64url').toString(),
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({
      iss: GITHUB_ISSUER,
      aud: 'api://AzureADTokenExchange',
      sub: 'repo:octo-org/pg-infra:ref:refs/heads/main',
    });
  });

  test('derives the subject as GitHub does for environments and pull requests', () => {
    const subject = (w: Partial<Cloud['github']['workflow']>) => {
      const saved = cloud.github.workflow;
      cloud.github.workflow = { ...saved, ...w };
      const token = githubToken();
      cloud.github.workflow = saved;
      return (
        JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
          sub: string;
        }
      ).sub;
    };
    expect(subject({ environment: 'production' })).toBe(
      'repo:octo-org/pg-infra:environment:production',
    );
    expect(subject({ eventName: 'pull_request', ref: 'refs/pull/7/merge' })).toBe(
      'repo:octo-org/pg-infra:pull_request',
    );
  });
});

describe('Entra ID token endpoint', () => {
  test('exchanges a trusted assertion for an ARM token', async () => {
    const token = await accessToken();
    expect(cloud.entra.verifyAccessToken(token, cloud.settings.armEndpoint)).toMatchObject({
      ok: true,
      claims: { appid: cloud.settings.clientId, tid: cloud.settings.tenantId },
    });
  });

  test.each([
    [
      'a subject differing in case',
      { sub: 'repo:octo-org/PG-infra:ref:refs/heads/main' },
      'AADSTS70021',
      "Assertion Subject: 'repo:octo-org/PG-infra:ref:refs/heads/main'",
    ],
    [
      'another audience',
      { aud: 'https://github.com/octo-org' },
      'AADSTS700212',
      "audience 'https://github.com/octo-org'",
    ],
    [
      'an untrusted issuer',
      { iss: 'https://issuer.example.com' },
      'AADSTS700211',
      "issuer 'https://issuer.example.com'",
    ],
    [
      'an expired token',
      { exp: Math.floor(Date.now() / 1000) - 60 },
      'AADSTS700024',
      'not within its valid time range',
    ],
  ])('refuses %s', async (_what, overrides, code, detail) => {
    const answer = await exchange(githubToken(overrides));
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(description(answer)).toMatch(new RegExp(`^${code}: `));
    expect(description(answer)).toContain(detail);
    expect(answer.body.error_codes).toEqual([Number(code.slice(6))]);
  });

  test('refuses a token signed with a key that is not the issuer’s', async () => {
    const forger = new SigningKey();
    const genuine = githubToken();
    const claims = JSON.parse(
      Buffer.from(genuine.split('.')[1] ?? '', 'base64url').toString(),
    ) as Record<string, unknown>;
    const forged = forger.sign(claims);
    expect(description(await exchange(forged))).toMatch(/^AADSTS700027: .*kid/);
    // Same kid as GitHub's key, other key: the signature check itself fails.
    const [, body = '', sig = ''] = forged.split('.');
    const header = Buffer.from(
      JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: cloud.github.key.kid }),
    ).toString('base64url');
    expect(description(await exchange(`${header}.${body}.${sig}`))).toMatch(
      /^AADSTS700027: .*signature does not verify/,
    );
  });

  test('refuses an unknown client and an unknown resource', async () => {
    const unknown = await exchange(
      githubToken(),
      undefined,
      '11111111-2222-3333-4444-555555555555',
    );
    expect(description(unknown)).toMatch(/^AADSTS700016: Application with identifier '11111111/);
    expect(
      description(await exchange(githubToken(), 'https://vault.example.com/.default')),
    ).toMatch(/^AADSTS500011: /);
  });
});

describe('ARM', () => {
  const clusterPath = () =>
    `${cloud.settings.armEndpoint}/subscriptions/${cloud.settings.subscriptionId}/resourceGroups/rg-pg/providers/Microsoft.ContainerService/managedClusters/aks-pg?api-version=2025-10-01`;
  const ficPath = (name: string) =>
    `${cloud.settings.armEndpoint}/subscriptions/${cloud.settings.subscriptionId}/resourceGroups/rg-pg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pg-backup/federatedIdentityCredentials/${name}?api-version=2023-01-31`;

  test('needs an ARM token: none, or one for another resource, is 401', async () => {
    expect((await call(clusterPath())).body).toMatchObject({
      error: { code: 'AuthenticationFailed' },
    });
    const aks = await accessToken('6dae42f8-4368-4678-94ff-3960e28e3630/.default');
    const answer = await call(clusterPath(), { token: aks });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
  });

  test('serves the managed cluster with its OIDC issuer, and 404s an unknown one', async () => {
    const token = await accessToken();
    const answer = await call(clusterPath(), { token });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      name: 'aks-pg',
      properties: { oidcIssuerProfile: { enabled: true, issuerURL: cloud.cluster.oidcIssuerUrl } },
    });
    const missing = await call(clusterPath().replace('aks-pg', 'aks-nope'), { token });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'ResourceNotFound' } });
  });

  test('without a role assignment on the scope: 403 AuthorizationFailed naming the action', async () => {
    const scopes = cloud.arm.roleAssignments.get(cloud.deployer.objectId) ?? [];
    cloud.arm.roleAssignments.set(cloud.deployer.objectId, []);
    try {
      const answer = await call(clusterPath(), { token: await accessToken() });
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ error: { code: 'AuthorizationFailed' } });
      expect(JSON.stringify(answer.body)).toContain(
        'Microsoft.ContainerService/managedClusters/read',
      );
    } finally {
      cloud.arm.roleAssignments.set(cloud.deployer.objectId, scopes);
    }
  });

  test('federated credentials: create, idempotent update, one trust per pair, at most 20', async () => {
    const token = await accessToken();
    const body = (subject: string) =>
      JSON.stringify({
        properties: {
          issuer: cloud.cluster.oidcIssuerUrl,
          subject,
          audiences: ['api://AzureADTokenExchange'],
        },
      });
    const put = async (name: string, subject: string) =>
      (await call(ficPath(name), { method: 'PUT', token, body: body(subject) })).status;
    expect(await put('fic-a', 'system:serviceaccount:a:a')).toBe(201);
    expect(await put('fic-a', 'system:serviceaccount:a:a')).toBe(200);
    const twin = await call(ficPath('fic-b'), {
      method: 'PUT',
      token,
      body: body('system:serviceaccount:a:a'),
    });
    expect(twin.status).toBe(400);
    expect(JSON.stringify(twin.body)).toMatch(/already exists/);
    for (let i = 1; i < MAX_FEDERATED_CREDENTIALS; i++)
      expect(await put(`fic-${i}`, `system:serviceaccount:n:${i}`)).toBe(201);
    expect(await put('fic-over', 'system:serviceaccount:n:over')).toBe(400);
    const over = await call(ficPath('fic-over'), {
      method: 'PUT',
      token,
      body: body('system:serviceaccount:n:over'),
    });
    expect(over.status).toBe(400);
    expect(JSON.stringify(over.body)).toMatch(/Too many Federated Identity Credentials/);
    // Written through ARM, trusted by Entra ID: the identity's application now has them.
    expect(cloud.identity.app.federatedCredentials).toHaveLength(MAX_FEDERATED_CREDENTIALS);
    for (let i = 1; i < MAX_FEDERATED_CREDENTIALS; i++)
      expect((await call(ficPath(`fic-${i}`), { method: 'DELETE', token })).status).toBe(200);
    expect((await call(ficPath('fic-a'), { method: 'DELETE', token })).status).toBe(200);
    expect((await call(ficPath('fic-a'), { method: 'DELETE', token })).status).toBe(204);
    expect((await call(ficPath('fic-a'), { token })).status).toBe(404);
  });
});

describe('AKS API server authentication', () => {
  test('accepts Entra ID tokens for the AKS server application only', async () => {
    expect(
      cloud.authenticateKube(await accessToken('6dae42f8-4368-4678-94ff-3960e28e3630/.default')),
    ).toBe(true);
    expect(cloud.authenticateKube(await accessToken())).toBe(false);
    expect(cloud.authenticateKube(githubToken())).toBe(false);
  });
});
