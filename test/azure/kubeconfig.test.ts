import { load } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { kubeconfigSecrets, stripExecAuth } from '../../src/azure/kubeconfig.ts';
import {
  ADMIN_TOKEN,
  AKS_ADMIN_KUBECONFIG,
  AKS_USER_KUBECONFIG,
  AKS_USER_KUBECONFIG_LEGACY,
  CLIENT_CERT_DATA,
  CLIENT_KEY_DATA,
} from './fixtures.ts';

interface Config {
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data': string } }[];
  contexts: { name: string; context: { user: string } }[];
  users: { name: string; user: Record<string, unknown> }[];
  'current-context': string;
}

describe('stripExecAuth', () => {
  test.each([
    { name: 'exec block of kubelogin (format exec)', yaml: AKS_USER_KUBECONFIG },
    { name: 'azure auth-provider (format azure, retired)', yaml: AKS_USER_KUBECONFIG_LEGACY },
  ])('$name', ({ yaml }) => {
    const result = stripExecAuth(yaml);
    expect(result.strippedUsers).toEqual(['clusterUser_rg-pg_aks-pg']);
    expect(result.serverAppId).toBe('6dae42f8-4368-4678-94ff-3960e28e3630');
    expect(result.yaml).not.toMatch(/exec|kubelogin|auth-provider|get-token/);
    const config = load(result.yaml) as Config;
    const original = load(yaml) as Config;
    expect(config.clusters).toEqual(original.clusters);
    expect(config.contexts).toEqual(original.contexts);
    expect(config['current-context']).toBe('aks-pg');
    expect(config.users).toEqual([{ name: 'clusterUser_rg-pg_aks-pg', user: {} }]);
  });

  test('a kubeconfig with static credentials is returned unchanged in content', () => {
    const result = stripExecAuth(AKS_ADMIN_KUBECONFIG);
    expect(result.strippedUsers).toEqual([]);
    expect(result.serverAppId).toBeUndefined();
    expect(load(result.yaml)).toEqual(load(AKS_ADMIN_KUBECONFIG));
  });

  test('a custom --server-id (legacy Entra ID integration) is kept as the token audience', () => {
    const yaml = AKS_USER_KUBECONFIG.replace(
      '6dae42f8-4368-4678-94ff-3960e28e3630',
      'custom-server-app',
    );
    expect(stripExecAuth(yaml).serverAppId).toBe('custom-server-app');
  });

  test('rejects YAML that is not a mapping', () => {
    expect(() => stripExecAuth('- a\n- b\n')).toThrow(/not a YAML mapping/);
  });
});

describe('kubeconfigSecrets', () => {
  test('admin credentials: token, client key (and its PEM lines), client certificate', () => {
    const secrets = kubeconfigSecrets(AKS_ADMIN_KUBECONFIG);
    expect(secrets).toEqual(
      expect.arrayContaining([
        ADMIN_TOKEN,
        CLIENT_KEY_DATA,
        CLIENT_CERT_DATA,
        'MIIEowIBAAKCAQEAvQ1nSecretKeyMaterialLine1',
      ]),
    );
    expect(secrets.some((s) => s.startsWith('-----'))).toBe(false);
  });

  test('user credentials with exec hold no secret', () => {
    expect(kubeconfigSecrets(AKS_USER_KUBECONFIG)).toEqual([]);
  });
});
