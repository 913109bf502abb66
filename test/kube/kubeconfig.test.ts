// A supplied kubeconfig (input or file): every credential in it is masked as soon as it is
// read, for every user, and one that does not parse is reported without quoting it. Last, the
// deploy action with such a kubeconfig against a loopback API server: the secrets are masked
// and appear in no log line, output or summary.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deploy } from '../../src/actions/deploy.ts';
import { testContext } from '../helpers/test-context.ts';
import { ConfigurationError } from '../../src/errors.ts';
import { loadKubeConfig } from '../../src/kube/config.ts';
import { makeTls } from '../../sandbox/tls.ts';

const tls = makeTls('pgha-test-user');
const KEY_DATA = Buffer.from(tls.key).toString('base64');
const CERT_DATA = Buffer.from(tls.cert).toString('base64');
/** Lines of the PEM key body: a client may print the decoded key. */
const KEY_LINES = tls.key.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'));

const S = {
  token: 'kube-token-7c1f9e4d2b8a',
  password: 'basic-password-5e3a1c',
  accessToken: 'oidc-access-token-91ab',
  refreshToken: 'oidc-refresh-token-44cd',
  idToken: 'oidc-id-token-0f2e',
  clientSecret: 'oidc-client-secret-8d7c',
  execToken: 'exec-env-token-3b9f',
  execArg: 'exec-arg-secret-6a2d',
  execArgInline: 'exec-inline-secret-1e5b',
  fileToken: 'token-file-content-2c8e',
  proxyPassword: 'proxy-password-9f4a',
};
const SECRETS = [...Object.values(S), KEY_DATA, CERT_DATA, ...KEY_LINES];

let dir: string;
let server: Server;
let serverUrl = '';
const seen: string[] = [];

function kubeconfig(server: string, tokenFile: string): string {
  return dump({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'c', cluster: { server, 'insecure-skip-tls-verify': true } },
      {
        name: 'proxied',
        cluster: {
          server: 'https://k8s.example.com',
          'proxy-url': `http://proxy-user:${S.proxyPassword}@proxy.example.com:3128`,
        },
      },
    ],
    users: [
      {
        name: 'admin',
        user: {
          token: S.token,
          'client-key-data': KEY_DATA,
          'client-certificate-data': CERT_DATA,
        },
      },
      { name: 'basic', user: { username: 'admin', password: S.password } },
      {
        name: 'oidc',
        user: {
          'auth-provider': {
            name: 'oidc',
            config: {
              'client-id': 'kubernetes',
              'client-secret': S.clientSecret,
              'id-token': S.idToken,
              'refresh-token': S.refreshToken,
              'access-token': S.accessToken,
              'idp-issuer-url': 'https://issuer.example.com',
            },
          },
        },
      },
      {
        name: 'exec',
        user: {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: 'get-token',
            args: ['--token', S.execArg, `--client-secret=${S.execArgInline}`, '--verbose'],
            env: [
              { name: 'API_TOKEN', value: S.execToken },
              { name: 'REGION', value: 'westeurope' },
            ],
          },
        },
      },
      { name: 'file', user: { 'token-file': tokenFile } },
    ],
    contexts: [
      { name: 'admin', context: { cluster: 'c', user: 'admin' } },
      { name: 'basic', context: { cluster: 'c', user: 'basic' } },
      { name: 'oidc', context: { cluster: 'proxied', user: 'oidc' } },
      { name: 'exec', context: { cluster: 'proxied', user: 'exec' } },
      { name: 'file', context: { cluster: 'c', user: 'file' } },
    ],
    'current-context': 'admin',
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgha-kubeconfig-'));
  await writeFile(join(dir, 'token'), S.fileToken);
  // An API server that serves no CNPG: deploy connects, writes the kubeconfig, then stops.
  server = createServer((req, res) => {
    seen.push(`${req.method ?? ''} ${req.url ?? ''} ${req.headers.authorization ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/apis' ? { kind: 'APIGroupList', groups: [] } : {}));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  serverUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});

afterAll(async () => {
  await new Promise<void>((r) => {
    server.close(() => {
      r();
    });
  });
  await rm(dir, { recursive: true, force: true });
});

describe('every credential of a supplied kubeconfig is masked when it is read', () => {
  test('from the kubeconfig input: every user, token-file content included', async () => {
    const masked: string[] = [];
    const yaml = kubeconfig(serverUrl, join(dir, 'token'));
    await loadKubeConfig({ kind: 'input', yaml }, undefined, (s) => masked.push(s));
    expect(masked).toEqual(expect.arrayContaining(SECRETS));
    // Nothing that is not secret: names, users, URLs, the region.
    for (const plain of ['admin', 'kubernetes', 'westeurope', 'https://issuer.example.com'])
      expect(masked).not.toContain(plain);
  });

  test('from a KUBECONFIG file', async () => {
    const file = join(dir, 'config');
    await writeFile(file, kubeconfig(serverUrl, join(dir, 'token')));
    const masked: string[] = [];
    await loadKubeConfig({ kind: 'file', paths: [file] }, 'basic', (s) => masked.push(s));
    expect(masked).toEqual(expect.arrayContaining(SECRETS));
  });
});

describe('a kubeconfig that does not parse is reported without quoting it', () => {
  test.each([
    ['bad YAML', `users:\n- name: u\n  user:\n    token: ${S.token}\n  bad: [\n`],
    ['a tab', `users:\n\t- token: ${S.token}\n`],
    ['not a mapping', `- ${S.token}\n`],
    ['a token pasted instead', S.token],
    ['a user without a name', `users:\n- user:\n    token: ${S.token}\n`],
  ])('%s', async (name, yaml) => {
    const masked: string[] = [];
    const error = await loadKubeConfig({ kind: 'input', yaml }, undefined, (s) =>
      masked.push(s),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toMatch(/^input 'kubeconfig': the kubeconfig input is not/);
    expect(message).not.toContain(S.token);
    expect(message).not.toContain('token:');
    if (name === 'a token pasted instead') expect(masked).toEqual([S.token]);
  });

  test('a file that does not parse names the file, not its content', async () => {
    const file = join(dir, 'broken');
    await writeFile(file, `users:\n- name: u\n  user: {token: ${S.token}\n`);
    await expect(
      loadKubeConfig({ kind: 'file', paths: [file] }, undefined, () => undefined),
    ).rejects.toThrow(new RegExp(`^input 'kubeconfig': ${file} is not valid YAML \\(.*line \\d+`));
    await expect(
      loadKubeConfig({ kind: 'file', paths: [file] }, undefined, () => undefined),
    ).rejects.not.toThrow(S.token);
  });
});

test('deploy with a kubeconfig input: masked, and in no log line, output or summary', async () => {
  const inputs: Record<string, string> = {
    'cluster-name': 'pg',
    kubeconfig: kubeconfig(serverUrl, join(dir, 'token')),
    'write-kubeconfig': 'true',
  };
  const ctx = testContext(inputs, { RUNNER_TEMP: dir });
  const error = await deploy.main(ctx).then(
    () => undefined,
    (e: unknown) => e,
  );
  // It got as far as the cluster: the request carried the token, and CNPG is missing there.
  expect(seen).toContain(`GET /apis Bearer ${S.token}`);
  expect((error as Error).message).toMatch(/does not serve postgresql\.cnpg\.io\/v1/);
  expect(ctx.outputs.get('kubeconfig-path')).toBeDefined();
  expect([...ctx.secrets]).toEqual(expect.arrayContaining(SECRETS));
  const outputs = JSON.stringify([...ctx.outputs]);
  const printed = [ctx.logger.text(), outputs, ctx.summaries.join('\n'), (error as Error).message];
  for (const secret of SECRETS) for (const text of printed) expect(text).not.toContain(secret);
});
