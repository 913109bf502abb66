import type { AccessToken, TokenCredential } from '@azure/identity';
import { load } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { AKS_SERVER_SCOPE, aksKubeconfig } from '../../src/azure/aks.ts';
import type { ArmClient } from '../../src/azure/arm.ts';
import { RecordingLogger } from '../helpers/recording-logger.ts';
import {
  ADMIN_TOKEN,
  AKS_ADMIN_KUBECONFIG,
  AKS_USER_KUBECONFIG,
  CLIENT_KEY_DATA,
} from './fixtures.ts';

/** An ArmClient whose credential calls return this kubeconfig; the ARM path is in arm.test.ts. */
function armReturning(yaml: string, calls: boolean[]): ArmClient {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    listClusterCredentials: (_s, _r, _n, admin) => {
      calls.push(admin);
      return Promise.resolve(yaml);
    },
    getManagedCluster: unused,
    ensureFederatedCredential: unused,
    deleteFederatedCredential: unused,
  };
}

function entraCredential(scopes: string[]): TokenCredential {
  return {
    getToken: (scope): Promise<AccessToken> => {
      scopes.push(String(scope));
      return Promise.resolve({
        token: `aks-token-${scopes.length}`,
        expiresOnTimestamp: Date.now() + 3_600_000,
      });
    },
  };
}

const BASE = { subscriptionId: 'sub', resourceGroup: 'rg-pg', cluster: 'aks-pg' };

describe('aksKubeconfig', () => {
  test('user credentials: no exec block, tokens for the AKS server app from the credential', async () => {
    const scopes: string[] = [];
    const calls: boolean[] = [];
    const masked: string[] = [];
    const logger = new RecordingLogger();
    const result = await aksKubeconfig({
      ...BASE,
      admin: false,
      credential: entraCredential(scopes),
      arm: armReturning(AKS_USER_KUBECONFIG, calls),
      logger,
      setSecret: (s) => masked.push(s),
    });
    expect(calls).toEqual([false]);
    expect(result.user).toBe('token-provider');
    expect(result.kubeconfig).not.toMatch(/exec|kubelogin/);
    expect((load(result.kubeconfig) as { users: unknown[] }).users).toEqual([
      { name: 'clusterUser_rg-pg_aks-pg', user: {} },
    ]);
    expect(scopes).toEqual([]);
    expect(await result.tokenProvider?.()).toBe('aks-token-1');
    expect(await result.tokenProvider?.()).toBe('aks-token-1');
    expect(scopes).toEqual([AKS_SERVER_SCOPE]);
    expect(AKS_SERVER_SCOPE).toBe('6dae42f8-4368-4678-94ff-3960e28e3630/.default');
    expect(masked).toEqual(['aks-token-1']);
    expect(logger.text()).not.toContain('aks-token-1');
  });

  test('admin credentials are kept and every static secret is masked, none logged', async () => {
    const calls: boolean[] = [];
    const masked: string[] = [];
    const logger = new RecordingLogger();
    const result = await aksKubeconfig({
      ...BASE,
      admin: true,
      credential: entraCredential([]),
      arm: armReturning(AKS_ADMIN_KUBECONFIG, calls),
      logger,
      setSecret: (s) => masked.push(s),
    });
    expect(calls).toEqual([true]);
    expect(result).toEqual({ kubeconfig: AKS_ADMIN_KUBECONFIG, user: 'admin' });
    expect(masked).toEqual(expect.arrayContaining([ADMIN_TOKEN, CLIENT_KEY_DATA]));
    for (const secret of masked) expect(logger.text()).not.toContain(secret);
  });

  test('user credentials of a cluster without Entra ID are static', async () => {
    const masked: string[] = [];
    const result = await aksKubeconfig({
      ...BASE,
      admin: false,
      credential: entraCredential([]),
      arm: armReturning(AKS_ADMIN_KUBECONFIG, []),
      logger: new RecordingLogger(),
      setSecret: (s) => masked.push(s),
    });
    expect(result.user).toBe('static');
    expect(result.tokenProvider).toBeUndefined();
    expect(masked).toContain(ADMIN_TOKEN);
  });
});
