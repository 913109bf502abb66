// Interim stand-in for sandbox/cloud (not there yet): GitHub's OIDC token endpoint (the
// ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN contract), and on one HTTPS server Entra ID's OpenID
// metadata and token endpoint (client assertions verified against the issuer's key and the
// federated credentials of the client) plus the ARM operations pgha calls. It follows the
// real protocols only as far as pgha needs; replace it with sandbox/cloud when that lands.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AKS_USER_KUBECONFIG } from './fixtures.ts';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

export interface FederatedRecord {
  readonly clientId: string;
  readonly issuer: string;
  readonly subject: string;
}

interface Reply {
  status: number;
  body?: unknown;
}

function jwt(claims: Record<string, unknown>, key: KeyObject): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const data = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}`;
  return `${data}.${sign('sha256', Buffer.from(data), key).toString('base64url')}`;
}

function verified(token: string, key: KeyObject): Record<string, unknown> | undefined {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    key,
    Buffer.from(signature, 'base64url'),
  );
  return ok
    ? (JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>)
    : undefined;
}

/** A self-signed certificate for 127.0.0.1, made with openssl (undefined when it is absent). */
export function loopbackCertificate(): { cert: string; key: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'pgha-tls-'));
  const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
  } catch {
    return undefined;
  }
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}

export class LocalCloud {
  readonly tenantId = randomUUID();
  readonly requestToken = randomUUID();
  readonly records: FederatedRecord[] = [];
  readonly clients = new Set<string>();
  readonly ficStore = new Map<string, unknown>();
  /** Subject of the GitHub tokens issued; set by tests. */
  subject = 'repo:octo-org/pg-infra:ref:refs/heads/main';
  githubTokensIssued = 0;
  entraExchanges = 0;
  readonly #github = generateKeyPairSync('rsa', { modulusLength: 2048 });
  readonly #entra = generateKeyPairSync('rsa', { modulusLength: 2048 });
  #oidc?: Server;
  #https?: Server;
  oidcUrl = '';
  baseUrl = '';

  async start(tls: { cert: string; key: string }): Promise<this> {
    this.#oidc = createHttpServer(
      (req, res) => void this.#serve(req, res, () => this.#githubToken(req)),
    );
    this.#https = createHttpsServer(
      tls,
      (req, res) => void this.#serve(req, res, (body) => this.#cloud(req, body)),
    );
    this.oidcUrl = `http://127.0.0.1:${await listen(this.#oidc)}/token?api-version=2.0`;
    this.baseUrl = `https://127.0.0.1:${await listen(this.#https)}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const server of [this.#oidc, this.#https]) {
      if (!server) continue;
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    }
  }

  async #serve(
    req: IncomingMessage,
    res: ServerResponse,
    handle: (body: string) => Reply,
  ): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const reply = handle(body);
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  }

  #githubToken(req: IncomingMessage): Reply {
    if (req.headers.authorization !== `Bearer ${this.requestToken}`) return { status: 401 };
    const audience = new URL(req.url ?? '', 'http://x').searchParams.get('audience') ?? '';
    this.githubTokensIssued++;
    return { status: 200, body: { value: this.mintFederatedToken(this.subject, audience) } };
  }

  /** A token as GitHub signs it, e.g. to write into AZURE_FEDERATED_TOKEN_FILE. */
  mintFederatedToken(subject: string, audience = 'api://AzureADTokenExchange'): string {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      jti: randomUUID(),
      iss: GITHUB_ISSUER,
      sub: subject,
      aud: audience,
      job_workflow_ref: 'octo-org/pg-infra/.github/workflows/deploy.yml@refs/heads/main',
      iat: now,
      nbf: now - 5,
      exp: now + 300,
    };
    return jwt(claims, this.#github.privateKey);
  }

  #cloud(req: IncomingMessage, body: string): Reply {
    const path = new URL(req.url ?? '', this.baseUrl).pathname;
    if (path === `/${this.tenantId}/v2.0/.well-known/openid-configuration`) {
      const base = `${this.baseUrl}/${this.tenantId}`;
      return {
        status: 200,
        body: {
          issuer: `${base}/v2.0`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        },
      };
    }
    if (path === `/${this.tenantId}/oauth2/v2.0/token` && req.method === 'POST')
      return this.#exchange(new URLSearchParams(body));
    if (path.startsWith('/subscriptions/')) return this.#arm(req, path, body);
    return { status: 404, body: { error: 'not_found' } };
  }

  #exchange(form: URLSearchParams): Reply {
    this.entraExchanges++;
    const fail = (code: number, description: string): Reply => ({
      status: 400,
      body: {
        error: 'invalid_client',
        error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${randomUUID()}`,
        error_codes: [code],
      },
    });
    const clientId = form.get('client_id') ?? '';
    if (!this.clients.has(clientId))
      return fail(
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${this.tenantId}'.`,
      );
    const claims = verified(form.get('client_assertion') ?? '', this.#github.publicKey);
    if (!claims) return fail(700027, 'Client assertion failed signature validation.');
    if (Number(claims.exp) * 1000 < Date.now())
      return fail(700024, 'Client assertion is not within its valid time range.');
    const match = this.records.find(
      (r) => r.clientId === clientId && r.issuer === claims.iss && r.subject === claims.sub,
    );
    if (!match || claims.aud !== 'api://AzureADTokenExchange') {
      return fail(
        70021,
        `No matching federated identity record found for presented assertion. Assertion Issuer: '${String(claims.iss)}'. Assertion Subject: '${String(claims.sub)}'. Assertion Audience: '${String(claims.aud)}'.`,
      );
    }
    const audience = (form.get('scope') ?? '').replace(/\/\.default$/, '');
    const now = Math.floor(Date.now() / 1000);
    const token = jwt(
      {
        iss: `https://sts.windows.net/${this.tenantId}/`,
        aud: audience,
        appid: clientId,
        iat: now,
        exp: now + 3600,
      },
      this.#entra.privateKey,
    );
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token },
    };
  }

  /** Claims of an Entra access token, when valid. */
  accessTokenClaims(token: string): Record<string, unknown> | undefined {
    return verified(token, this.#entra.publicKey);
  }

  #arm(req: IncomingMessage, path: string, body: string): Reply {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const claims = this.accessTokenClaims(token);
    if (claims?.aud !== this.baseUrl)
      return {
        status: 401,
        body: {
          error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' },
        },
      };
    if (/\/managedClusters\/[^/]+\/listClusterUserCredential$/.test(path)) {
      return {
        status: 200,
        body: {
          kubeconfigs: [
            { name: 'clusterUser', value: Buffer.from(AKS_USER_KUBECONFIG).toString('base64') },
          ],
        },
      };
    }
    if (/\/federatedIdentityCredentials\/[^/]+$/.test(path))
      return this.#fic(req.method ?? '', path, body);
    return {
      status: 404,
      body: {
        error: { code: 'ResourceNotFound', message: `The Resource '${path}' was not found.` },
      },
    };
  }

  #fic(method: string, path: string, body: string): Reply {
    const found = this.ficStore.get(path);
    if (method === 'GET')
      return found
        ? { status: 200, body: found }
        : { status: 404, body: { error: { code: 'NotFound', message: 'not found' } } };
    if (method === 'DELETE') return { status: this.ficStore.delete(path) ? 200 : 204 };
    const stored = { id: path, name: path.split('/').pop(), ...(JSON.parse(body) as object) };
    this.ficStore.set(path, stored);
    return { status: found ? 200 : 201, body: stored };
  }
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
