// Shared test data for the Azure tests: unsigned JWTs and kubeconfigs as AKS returns them.

/** An unsigned JWT with these claims (pgha never checks the signature; Entra ID does). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'test' })}.${part(claims)}.c2lnbmF0dXJl`;
}

export const CA_DATA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIE6DCCAtCgAwIBAgIQ\n-----END CERTIFICATE-----\n',
).toString('base64');

/** listClusterUserCredential of an AKS cluster with managed Entra ID integration (format exec). */
export const AKS_USER_KUBECONFIG = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${CA_DATA}
    server: https://aks-pg-dns-4f2k1x9q.hcp.westeurope.azmk8s.io:443
  name: aks-pg
contexts:
- context:
    cluster: aks-pg
    user: clusterUser_rg-pg_aks-pg
  name: aks-pg
current-context: aks-pg
kind: Config
preferences: {}
users:
- name: clusterUser_rg-pg_aks-pg
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - get-token
      - --environment
      - AzurePublicCloud
      - --server-id
      - 6dae42f8-4368-4678-94ff-3960e28e3630
      - --client-id
      - 80faf920-1908-4b52-b5ef-a8e7bedfc67a
      - --tenant-id
      - 72f988bf-86f1-41af-91ab-2d7cd011db47
      - --login
      - devicecode
      command: kubelogin
      env: null
      installHint: |2

        kubelogin is not installed which is required to connect to AAD enabled cluster.

        To learn more, please go to https://aka.ms/aks/kubelogin
      provideClusterInfo: false
`;

/** The same cluster's credentials in the retired format (format azure, auth-provider). */
export const AKS_USER_KUBECONFIG_LEGACY = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${CA_DATA}
    server: https://aks-pg-dns-4f2k1x9q.hcp.westeurope.azmk8s.io:443
  name: aks-pg
contexts:
- context:
    cluster: aks-pg
    user: clusterUser_rg-pg_aks-pg
  name: aks-pg
current-context: aks-pg
kind: Config
users:
- name: clusterUser_rg-pg_aks-pg
  user:
    auth-provider:
      config:
        apiserver-id: 6dae42f8-4368-4678-94ff-3960e28e3630
        client-id: 80faf920-1908-4b52-b5ef-a8e7bedfc67a
        config-mode: '1'
        environment: AzurePublicCloud
        tenant-id: 72f988bf-86f1-41af-91ab-2d7cd011db47
      name: azure
`;

export const ADMIN_TOKEN = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const CLIENT_KEY_DATA = Buffer.from(
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAvQ1nSecretKeyMaterialLine1\nQ2hhbmdlTWVTZWNyZXRLZXlMaW5lMg==\n-----END RSA PRIVATE KEY-----\n',
).toString('base64');
export const CLIENT_CERT_DATA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIFHjCCAwagAwIBAgIRAK\n-----END CERTIFICATE-----\n',
).toString('base64');

/** listClusterAdminCredential: a client certificate and a static token (local accounts). */
export const AKS_ADMIN_KUBECONFIG = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${CA_DATA}
    server: https://aks-pg-dns-4f2k1x9q.hcp.westeurope.azmk8s.io:443
  name: aks-pg
contexts:
- context:
    cluster: aks-pg
    user: clusterAdmin_rg-pg_aks-pg
  name: aks-pg-admin
current-context: aks-pg-admin
kind: Config
preferences: {}
users:
- name: clusterAdmin_rg-pg_aks-pg
  user:
    client-certificate-data: ${CLIENT_CERT_DATA}
    client-key-data: ${CLIENT_KEY_DATA}
    token: ${ADMIN_TOKEN}
`;
