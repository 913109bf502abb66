// The Blob service as Azure serves it to Entra ID principals, in front of the sandbox's
// Azurite. Azurite takes bearer tokens only over HTTPS and never checks their signature, so
// this HTTPS listener does what Azure Storage does instead: it verifies the token with the
// sandbox's Entra ID (audience https://storage.azure.com), authorises the request with the
// principal's Storage Blob Data role assignments, and answers Azure's error shapes (401 with
// a WWW-Authenticate challenge, 403 AuthorizationPermissionMismatch). The accounts allow no
// key-based access here (403 KeyBasedAuthenticationNotPermitted, as with allowSharedKeyAccess
// false). An authorised request goes on to Azurite unchanged (method, path-style
// /<account>/<container>/<blob>, query, headers, body) with an account SAS from the account
// key instead of the token, and Azurite's answer streams back.
import { randomUUID } from 'node:crypto';
import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import {
  AccountSASPermissions,
  generateAccountSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import type { ObjectStore, StorageAccount } from '../objectstore/azurite.ts';
import type { AzureResourceManager, BlobDataAction } from './arm.ts';
import type { EntraId } from './entra.ts';

export const STORAGE_RESOURCE = 'https://storage.azure.com';
/** OAuth needs service version 2017-11-09 or later. */
const FIRST_OAUTH_VERSION = '2017-11-09';
/** Request headers Azurite must not see: the token, and what belongs to this connection. */
const DROPPED = new Set(['authorization', 'host', 'connection', 'keep-alive']);
/** Response headers of Azurite's connection, not of the answer. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);
const SAS_LIFETIME_MS = 24 * 3600_000;

interface BlobError {
  status: number;
  code: string;
  message: string;
  detail?: string;
  headers?: Record<string, string>;
}

/** The parts of a path-style Blob request. */
interface Target {
  account: string;
  container?: string;
}

export class BlobFront {
  /** Azurite, once the sandbox has started it; until then no account exists. */
  objectStore?: ObjectStore;
  /** Every request answered, as "METHOD /account/container... status" (no query, no token). */
  readonly requests: string[] = [];
  readonly #entra: EntraId;
  readonly #arm: AzureResourceManager;
  readonly #resourceGroup: string;
  readonly #sas = new Map<string, { query: string; renewAt: number }>();

  constructor(entra: EntraId, arm: AzureResourceManager, resourceGroup: string) {
    this.#entra = entra;
    this.#arm = arm;
    this.#resourceGroup = resourceGroup;
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://blob.invalid');
    res.on('finish', () => {
      this.requests.push(`${req.method ?? 'GET'} ${url.pathname} ${res.statusCode}`);
    });
    const target = targetOf(url.pathname);
    const account = target && this.objectStore?.accounts.get(target.account);
    if (!target || !account) {
      reply(req, res, notFound(target?.account));
      return;
    }
    const refusal = this.#refusal(req, url, target);
    if (refusal) reply(req, res, refusal);
    else this.#forward(req, res, url, account);
  }

  /** Why the request may not go on: authentication, then authorisation; undefined if it may. */
  #refusal(req: IncomingMessage, url: URL, target: Target): BlobError | undefined {
    const authorization = req.headers.authorization ?? '';
    const token = /^bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!token && (authorization || url.searchParams.has('sig'))) return keyBased();
    if (!token) return this.#unauthenticated('NoAuthenticationInformation');
    const version = header(req, 'x-ms-version');
    if (!version)
      return { status: 400, code: 'MissingRequiredHeader', message: missingVersionMessage };
    if (version < FIRST_OAUTH_VERSION)
      return {
        status: 400,
        code: 'InvalidHeaderValue',
        message: `The value for one of the HTTP headers is not in the correct format. OAuth requires x-ms-version ${FIRST_OAUTH_VERSION} or later.`,
      };
    const checked = this.#entra.verifyAccessToken(token, STORAGE_RESOURCE);
    if (!checked.ok)
      return this.#unauthenticated('InvalidAuthenticationInfo', validationDetail(checked.problem));
    const principal = String(checked.claims.oid);
    if (!this.#arm.mayUseBlobData(principal, this.#resourceOf(target), actionOf(req.method)))
      return {
        status: 403,
        code: 'AuthorizationPermissionMismatch',
        message: 'This request is not authorized to perform this operation using this permission.',
      };
    return undefined;
  }

  #unauthenticated(code: string, detail?: string): BlobError {
    const challenge = `Bearer authorization_uri=${this.#entra.url}/${this.#entra.tenantId}/oauth2/authorize resource_id=${STORAGE_RESOURCE}`;
    return {
      status: 401,
      code,
      message:
        'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.',
      ...(detail ? { detail } : {}),
      headers: { 'www-authenticate': challenge },
    };
  }

  /** The ARM scope a role assignment must cover: the container, or the account's Blob service. */
  #resourceOf(target: Target): string {
    const service = `${this.#arm.storageAccountId(this.#resourceGroup, target.account)}/blobServices/default`;
    return target.container ? `${service}/containers/${target.container}` : service;
  }

  #forward(req: IncomingMessage, res: ServerResponse, url: URL, account: StorageAccount): void {
    const store = this.objectStore;
    if (!store) return;
    const query = [url.search.slice(1), this.#sasOf(account)].filter(Boolean).join('&');
    const upstream = httpRequest(
      `${store.url}${url.pathname}?${query}`,
      { method: req.method ?? 'GET', headers: without(req.headers, DROPPED) },
      (answer) => {
        res.writeHead(answer.statusCode ?? 500, without(answer.headers, HOP_BY_HOP));
        answer.pipe(res);
      },
    );
    // The client went away before the answer was complete: stop asking Azurite.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.on('error', (error) => {
      if (res.headersSent) res.destroy(error);
      else reply(req, res, internalError(error));
    });
    req.pipe(upstream);
  }

  /** An account SAS for Azurite (all Blob permissions), renewed well before it expires. */
  #sasOf(account: StorageAccount): string {
    const cached = this.#sas.get(account.name);
    if (cached && cached.renewAt > Date.now()) return cached.query;
    const query = generateAccountSASQueryParameters(
      {
        expiresOn: new Date(Date.now() + SAS_LIFETIME_MS),
        permissions: AccountSASPermissions.parse('rwdxylacupitf'),
        services: 'b',
        resourceTypes: 'sco',
        protocol: SASProtocol.HttpsAndHttp,
      },
      new StorageSharedKeyCredential(account.name, account.key),
    ).toString();
    this.#sas.set(account.name, { query, renewAt: Date.now() + SAS_LIFETIME_MS / 2 });
    return query;
  }
}

/** `/<account>[/<container>[/<blob>]]`, or undefined without an account. */
function targetOf(pathname: string): Target | undefined {
  const [account, container] = pathname.split('/').slice(1);
  if (!account) return undefined;
  return container ? { account, container: decodeURIComponent(container) } : { account };
}

function actionOf(method: string | undefined): BlobDataAction {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return 'read';
  return method === 'DELETE' ? 'delete' : 'write';
}

function without(headers: IncomingHttpHeaders, names: ReadonlySet<string>): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.has(name)));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const missingVersionMessage =
  "An HTTP header that's mandatory for this request is not specified. (x-ms-version)";

/** Azure's AuthenticationErrorDetail for the sandbox Entra ID's reasons to refuse a token. */
function validationDetail(problem: string): string {
  if (/expired/.test(problem)) return 'Lifetime validation failed. The token is expired.';
  if (/audience/.test(problem)) return 'Audience validation failed. Audience did not match.';
  if (/tenant/.test(problem)) return 'Issuer validation failed. Issuer did not match.';
  return 'Signature validation failed. Signature is invalid.';
}

function keyBased(): BlobError {
  return {
    status: 403,
    code: 'KeyBasedAuthenticationNotPermitted',
    message: 'Key based authentication is not permitted on this storage account.',
  };
}

/** An unknown account: Azure's DNS would not resolve it; path-style, the resource is missing. */
function notFound(account: string | undefined): BlobError {
  return {
    status: 404,
    code: 'ResourceNotFound',
    message: `The specified resource does not exist. (no storage account ${account ?? '(none)'} in the sandbox)`,
  };
}

function internalError(error: Error): BlobError {
  return {
    status: 500,
    code: 'InternalError',
    message: `The server encountered an internal error. Please retry the request. (${error.message})`,
  };
}

/** Azure's error answer: XML body (none for HEAD), x-ms-error-code and x-ms-request-id. */
function reply(req: IncomingMessage, res: ServerResponse, error: BlobError): void {
  const requestId = randomUUID();
  const detail = error.detail
    ? `<AuthenticationErrorDetail>${escapeXml(error.detail)}</AuthenticationErrorDetail>`
    : '';
  const message = `${error.message}\nRequestId:${requestId}\nTime:${new Date().toISOString()}`;
  const body = `\ufeff<?xml version="1.0" encoding="utf-8"?><Error><Code>${error.code}</Code><Message>${escapeXml(message)}</Message>${detail}</Error>`;
  req.resume();
  const version = header(req, 'x-ms-version');
  res.writeHead(error.status, {
    'content-type': 'application/xml',
    server: 'Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0',
    'x-ms-request-id': requestId,
    'x-ms-error-code': error.code,
    ...(version ? { 'x-ms-version': version } : {}),
    ...error.headers,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );
}
