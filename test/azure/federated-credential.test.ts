// ensureFederatedCredential / deleteFederatedCredential against a local ARM endpoint that keeps
// credentials as the Managed Identity resource provider does (each issuer and subject once per
// identity, 204 for deleting nothing, concurrent writes rejected).
import { describe, expect, test } from 'vitest';
import { FIC_API_VERSION } from '../../src/azure/arm.ts';
import { IDENTITY, SUB, useLocalArm } from './local-arm.ts';

interface FicResource {
  id: string;
  name: string;
  properties: { issuer: string; subject: string; audiences: string[] };
}

const cx = useLocalArm();

describe('federated identity credentials', () => {
  const spec = {
    subscriptionId: SUB,
    resourceGroup: 'rg-pg',
    identity: 'id-pg',
    name: 'pgha-cnpg-database_pg-orders',
    issuer: 'https://westeurope.oic.prod-aks.azure.com/t/u/',
    subject: 'system:serviceaccount:cnpg-database:pg-orders',
  };
  const path = `${IDENTITY}/federatedIdentityCredentials/${spec.name}?api-version=${FIC_API_VERSION}`;

  /** Credentials as the Managed Identity resource provider keeps them: each issuer and subject once. */
  function ficStore(): Map<string, FicResource> {
    const store = new Map<string, FicResource>();
    const collection = `${IDENTITY}/federatedIdentityCredentials`;
    cx.handler = (req, body) => {
      const key = new URL(req.url ?? '', 'http://x').pathname;
      if (req.method === 'GET' && key === collection)
        return { status: 200, body: { value: [...store.values()] } };
      if (req.method === 'GET') {
        const found = store.get(key);
        return found
          ? { status: 200, body: found }
          : { status: 404, body: { error: { code: 'NotFound', message: 'not found' } } };
      }
      if (req.method === 'DELETE') return { status: store.delete(key) ? 200 : 204 };
      const { properties } = JSON.parse(body) as Pick<FicResource, 'properties'>;
      const twin = [...store.entries()].find(
        ([k, v]) =>
          k !== key &&
          v.properties.issuer === properties.issuer &&
          v.properties.subject === properties.subject,
      );
      if (twin)
        return {
          status: 400,
          body: {
            error: {
              code: 'BadRequest',
              message: 'Issuer and subject combination already exists for this Managed Identity.',
            },
          },
        };
      const existed = store.has(key);
      store.set(key, { id: key, name: key.split('/').pop() ?? '', properties });
      return { status: existed ? 200 : 201, body: store.get(key) };
    };
    return store;
  }

  test('ensure creates, then leaves an identical credential unchanged, then updates a changed one', async () => {
    ficStore();
    expect(await cx.arm.ensureFederatedCredential(spec)).toBe('created');
    expect(cx.seen.map((s) => s.method)).toEqual(['GET', 'PUT']);
    expect(cx.seen[1]?.url).toBe(path);
    expect(JSON.parse(cx.seen[1]?.body ?? '')).toEqual({
      properties: {
        issuer: spec.issuer,
        subject: spec.subject,
        audiences: ['api://AzureADTokenExchange'],
      },
    });
    cx.seen = [];
    expect(await cx.arm.ensureFederatedCredential(spec)).toBe('unchanged');
    expect(cx.seen.map((s) => s.method)).toEqual(['GET']);
    expect(await cx.arm.ensureFederatedCredential({ ...spec, issuer: 'https://other.oic/' })).toBe(
      'updated',
    );
    expect(cx.logger.messages('warning').join('\n')).toContain(
      'trusted issuer https://westeurope.oic',
    );
  });

  test('a credential made by hand with the same issuer and subject counts as unchanged', async () => {
    const store = ficStore();
    expect(await cx.arm.ensureFederatedCredential({ ...spec, name: 'made-by-hand' })).toBe(
      'created',
    );
    expect(await cx.arm.ensureFederatedCredential(spec)).toBe('unchanged');
    expect([...store.values()].map((c) => c.name)).toEqual(['made-by-hand']);
    expect(cx.logger.messages('info')).toContain(
      'federated credential made-by-hand of managed identity id-pg in rg-pg already trusts system:serviceaccount:cnpg-database:pg-orders; left as it is',
    );
    expect(await cx.arm.deleteFederatedCredential(spec)).toBe('absent');
  });

  test('concurrent writes to one identity are retried', async () => {
    const store = ficStore();
    const inner = cx.handler;
    let rejected = false;
    cx.handler = (req, body) => {
      if (req.method === 'PUT' && !rejected) {
        rejected = true;
        return {
          status: 409,
          body: {
            error: {
              code: 'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity',
              message: 'Too many Federated Identity Credentials are written concurrently',
            },
          },
        };
      }
      return inner(req, body);
    };
    expect(await cx.arm.ensureFederatedCredential(spec)).toBe('created');
    expect(store.size).toBe(1);
    expect(cx.sleeps).toHaveLength(1);
  });

  test('delete reports deleted, then absent', async () => {
    ficStore();
    await cx.arm.ensureFederatedCredential(spec);
    expect(await cx.arm.deleteFederatedCredential(spec)).toBe('deleted');
    expect(await cx.arm.deleteFederatedCredential(spec)).toBe('absent'); // 204
    cx.handler = () => ({ status: 404, body: { error: { code: 'NotFound', message: 'gone' } } });
    expect(await cx.arm.deleteFederatedCredential(spec)).toBe('absent');
  });
});
