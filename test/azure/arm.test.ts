// The ARM client against a small local ARM endpoint that answers as Azure does (status codes,
// error JSON, Retry-After): managed clusters, retries, network failures, endpoints. Federated
// credentials are in federated-credential.test.ts; the end-to-end path is in cloud.test.ts.
import { createServer } from 'node:http';
import { describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../src/errors.ts';
import { AKS_API_VERSION, armEndpointOf, armScope, createArmClient } from '../../src/azure/arm.ts';
import { AKS_USER_KUBECONFIG } from './fixtures.ts';
import {
  ARM_TOKEN,
  CLUSTER,
  SUB,
  close,
  listen,
  staticCredential,
  useLocalArm,
} from './local-arm.ts';

const cx = useLocalArm();

function assertNoTokenLogged(): void {
  expect(cx.masked).toContain(ARM_TOKEN);
  expect(cx.logger.text()).not.toContain(ARM_TOKEN);
}

describe('managed clusters', () => {
  test('getManagedCluster reads id, location, OIDC issuer and FQDN with a bearer token', async () => {
    cx.handler = () => ({
      status: 200,
      body: {
        id: CLUSTER,
        location: 'westeurope',
        properties: {
          fqdn: 'aks-pg-dns-4f2k1x9q.hcp.westeurope.azmk8s.io',
          oidcIssuerProfile: {
            enabled: true,
            issuerURL: 'https://westeurope.oic.prod-aks.azure.com/t/u/',
          },
        },
      },
    });
    const cluster = await cx.arm.getManagedCluster(SUB, 'rg-pg', 'aks-pg');
    expect(cluster).toEqual({
      id: CLUSTER,
      location: 'westeurope',
      oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/t/u/',
      fqdn: 'aks-pg-dns-4f2k1x9q.hcp.westeurope.azmk8s.io',
    });
    expect(cx.seen).toEqual([
      {
        method: 'GET',
        url: `${CLUSTER}?api-version=${AKS_API_VERSION}`,
        authorization: `Bearer ${ARM_TOKEN}`,
        body: '',
      },
    ]);
    expect(cx.scopes).toEqual([`${cx.endpoint}/.default`]);
    assertNoTokenLogged();
  });

  test.each([
    { admin: false, action: 'listClusterUserCredential' },
    { admin: true, action: 'listClusterAdminCredential' },
  ])(
    'listClusterCredentials admin=$admin POSTs $action and decodes the kubeconfig',
    async ({ admin, action }) => {
      cx.handler = () => ({
        status: 200,
        body: {
          kubeconfigs: [
            { name: 'clusterUser', value: Buffer.from(AKS_USER_KUBECONFIG).toString('base64') },
          ],
        },
      });
      expect(await cx.arm.listClusterCredentials(SUB, 'rg-pg', 'aks-pg', admin)).toBe(
        AKS_USER_KUBECONFIG,
      );
      expect(cx.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
        `POST ${CLUSTER}/${action}?api-version=${AKS_API_VERSION}`,
      ]);
    },
  );

  test('a missing cluster is a ConfigurationError that says what was being done', async () => {
    cx.handler = () => ({
      status: 404,
      body: {
        error: {
          code: 'ResourceNotFound',
          message:
            "The Resource 'Microsoft.ContainerService/managedClusters/aks-pg' under resource group 'rg-pg' was not found.",
        },
      },
    });
    const error = await cx.arm.getManagedCluster(SUB, 'rg-pg', 'aks-pg').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(
      /^getting AKS cluster aks-pg in rg-pg: ResourceNotFound: The Resource/,
    );
    expect(cx.sleeps).toEqual([]);
  });

  test('429 is retried after Retry-After, then succeeds', async () => {
    let calls = 0;
    cx.handler = () =>
      ++calls < 3
        ? {
            status: 429,
            body: { error: { code: 'TooManyRequests', message: 'slow down' } },
            headers: { 'retry-after': '2' },
          }
        : { status: 200, body: { id: CLUSTER, location: 'westeurope', properties: {} } };
    expect((await cx.arm.getManagedCluster(SUB, 'rg-pg', 'aks-pg')).id).toBe(CLUSTER);
    expect(cx.sleeps).toEqual([2000, 2000]);
    expect(cx.logger.messages('debug').filter((m) => m.includes('retrying'))).toHaveLength(2);
  });

  test('persistent 5xx gives up after a bounded number of attempts with backoff', async () => {
    cx.handler = () => ({
      status: 503,
      body: { error: { code: 'ServiceUnavailable', message: 'try later' } },
    });
    await expect(cx.arm.getManagedCluster(SUB, 'rg-pg', 'aks-pg')).rejects.toThrow(
      /^getting AKS cluster aks-pg in rg-pg: ServiceUnavailable: try later .*\(gave up after 5 attempts\)$/,
    );
    expect(cx.sleeps).toEqual([500, 1000, 2000, 4000]);
    expect(cx.seen).toHaveLength(5);
  });
});

describe('network failures', () => {
  test('a request that hangs is cut off by the attempt timeout and retried', async () => {
    let calls = 0;
    const hanging = createServer((_req, res) => {
      if (++calls > 1) res.end(JSON.stringify({ id: CLUSTER, location: 'westeurope' }));
    });
    const port = await listen(hanging);
    const client = createArmClient({
      credential: staticCredential(),
      endpoint: `http://127.0.0.1:${port}`,
      logger: cx.logger,
      setSecret: () => undefined,
      sleep: () => Promise.resolve(),
      requestTimeoutMs: 200,
    });
    try {
      expect((await client.getManagedCluster(SUB, 'rg-pg', 'aks-pg')).id).toBe(CLUSTER);
      expect(calls).toBe(2);
    } finally {
      await close(hanging);
    }
  });

  test('an endpoint that refuses connections fails with the operation and a hint', async () => {
    const closed = createServer();
    const port = await listen(closed);
    await close(closed);
    const client = createArmClient({
      credential: staticCredential(),
      endpoint: `http://127.0.0.1:${port}`,
      logger: cx.logger,
      setSecret: () => undefined,
      sleep: () => Promise.resolve(),
      maxAttempts: 2,
    });
    await expect(client.getManagedCluster(SUB, 'rg-pg', 'aks-pg')).rejects.toThrow(
      /^getting AKS cluster aks-pg in rg-pg: cannot reach http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED.*Check arm-endpoint\. \(gave up after 2 attempts\)$/,
    );
  });
});

describe('endpoints', () => {
  test.each([
    [undefined, 'https://management.azure.com', 'https://management.azure.com/.default'],
    [
      'https://management.usgovcloudapi.net/',
      'https://management.usgovcloudapi.net',
      'https://management.usgovcloudapi.net/.default',
    ],
    ['http://127.0.0.1:8443', 'http://127.0.0.1:8443', 'http://127.0.0.1:8443/.default'],
  ])('%s', (input, origin, scope) => {
    expect(armEndpointOf(input)).toBe(origin);
    expect(armScope(armEndpointOf(input))).toBe(scope);
  });

  test.each(['management.azure.com', 'http://management.azure.com', 'ftp://x'])(
    'rejects %s',
    (input) => {
      expect(() => armEndpointOf(input)).toThrow(ConfigurationError);
    },
  );
});
