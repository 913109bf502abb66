// Entra ID for one tenant: OpenID metadata, a JWKS, and the v2.0 token endpoint for the
// client-credentials grant with a federated client assertion. The assertion is checked as
// Entra ID checks it: a known application, an issuer that one of its federated credentials
// trusts, the signature against that issuer's JWKS, the time window, the audience, and the
// subject compared case-sensitively. Access tokens are signed with the tenant's own key.
import { randomUUID } from 'node:crypto';
import { json, type Reply, type Request } from './http.ts';
import { epoch, SigningKey, verifySignature, type Claims, type Jwk } from './jwt.ts';

export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface FederatedCredential {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export interface Application {
  clientId: string;
  displayName: string;
  objectId: string;
  federatedCredentials: FederatedCredential[];
}

export class EntraId {
  readonly tenantId = randomUUID();
  readonly key = new SigningKey();
  readonly applications = new Map<string, Application>();
  /** Issuers whose tokens may be exchanged, with their keys (GitHub, AKS OIDC issuers). */
  readonly issuers = new Map<string, () => readonly Jwk[]>();
  /** Resources tokens can be issued for (ARM, the AKS server application, ...). */
  readonly resources = new Set<string>();
  /** Every exchange attempt: the client, the presented iss/sub/aud and the outcome. */
  readonly exchanges: { clientId: string; claims?: Claims; error?: string }[] = [];
  url = '';

  addApplication(displayName: string, clientId: string = randomUUID()): Application {
    const app = { clientId, displayName, objectId: randomUUID(), federatedCredentials: [] };
    this.applications.set(clientId, app);
    return app;
  }

  handle(req: Request): Reply {
    const [tenant = '', ...rest] = req.url.pathname.split('/').filter(Boolean);
    const path = rest.join('/');
    if (tenant !== this.tenantId && tenant !== 'organizations' && tenant !== 'common')
      return aadError(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    const base = `${this.url}/${this.tenantId}`;
    if (path === 'v2.0/.well-known/openid-configuration')
      return json(200, {
        issuer: `${base}/v2.0`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        token_endpoint_auth_methods_supported: [
          'client_secret_post',
          'private_key_jwt',
          'client_secret_basic',
        ],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        tenant_region_scope: 'EU',
      });
    if (path === 'discovery/v2.0/keys' || path === 'discovery/keys')
      return json(200, { keys: [this.key.jwk] });
    if (path === 'oauth2/v2.0/token' && req.method === 'POST')
      return this.#token(new URLSearchParams(req.body));
    return json(404, { error: 'not_found' });
  }

  #token(form: URLSearchParams): Reply {
    const clientId = form.get('client_id') ?? '';
    const record = (error: string | undefined, claims?: Claims): void => {
      this.exchanges.push({
        clientId,
        ...(claims ? { claims: presented(claims) } : {}),
        ...(error ? { error } : {}),
      });
    };
    const fail = (status: number, error: string, code: number, text: string): Reply => {
      record(`AADSTS${code}`);
      return aadError(status, error, code, text);
    };
    if (form.get('grant_type') !== 'client_credentials')
      return fail(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${form.get('grant_type') ?? ''}'.`,
      );
    const app = this.applications.get(clientId);
    if (!app)
      return fail(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${this.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    if (form.get('client_assertion_type') !== JWT_BEARER || !form.get('client_assertion'))
      return fail(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    const assertion = form.get('client_assertion') ?? '';
    const unverified = claimsOf(assertion);
    if (!unverified)
      return fail(401, 'invalid_client', 50027, 'JWT token is invalid or malformed.');
    const issuer = String(unverified.iss);
    const trusted = app.federatedCredentials.filter((c) => c.issuer === issuer);
    const keys = this.issuers.get(issuer);
    if (trusted.length === 0 || !keys) {
      record('AADSTS700211', unverified);
      return aadError(
        401,
        'invalid_client',
        700211,
        `No matching federated identity record found for presented assertion issuer '${issuer}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.`,
      );
    }
    const verified = verifySignature(assertion, keys());
    if (!verified.ok)
      return fail(
        401,
        'invalid_client',
        700027,
        `Client assertion failed signature validation (${verified.problem}).`,
      );
    const claims = verified.claims;
    const now = epoch();
    const nbf = Number(claims.nbf ?? claims.iat ?? 0);
    const exp = Number(claims.exp ?? 0);
    if (now < nbf - 300 || now >= exp) {
      record('AADSTS700024', claims);
      return aadError(
        401,
        'invalid_client',
        700024,
        `Client assertion is not within its valid time range. Current time: ${iso(now)}, assertion valid from ${iso(nbf)}, expiry time of assertion ${iso(exp)}.`,
      );
    }
    const audiences = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud)];
    const byAudience = trusted.filter((c) => c.audiences.some((a) => audiences.includes(a)));
    if (byAudience.length === 0) {
      record('AADSTS700212', claims);
      return aadError(
        401,
        'invalid_client',
        700212,
        `No matching federated identity record found for presented assertion audience '${audiences.join(', ')}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.`,
      );
    }
    if (!byAudience.some((c) => c.subject === claims.sub)) {
      record('AADSTS70021', claims);
      return aadError(
        400,
        'invalid_request',
        70021,
        `No matching federated identity record found for presented assertion. Assertion Issuer: '${issuer}'. Assertion Subject: '${String(claims.sub)}'. Assertion Audience: '${audiences.join(', ')}'. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`,
      );
    }
    const scope = form.get('scope') ?? '';
    const resource = scope.replace(/\/\.default$/, '');
    if (!scope.endsWith('/.default') || !this.resources.has(resource.replace(/\/$/, '')))
      return fail(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${resource} was not found in the tenant named ${this.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
      );
    record(undefined, claims);
    const lifetime = 3599;
    const accessToken = this.key.sign({
      aud: resource,
      iss: `https://sts.windows.net/${this.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      appid: clientId,
      appidacr: '2',
      idp: `https://sts.windows.net/${this.tenantId}/`,
      idtyp: 'app',
      oid: app.objectId,
      sub: app.objectId,
      tid: this.tenantId,
      ver: '1.0',
    });
    return json(200, {
      token_type: 'Bearer',
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
    });
  }

  /** The claims of an access token this tenant issued for `resource`, or why it is refused. */
  verifyAccessToken(
    token: string,
    resource: string,
  ): { ok: true; claims: Claims } | { ok: false; problem: string } {
    const verified = verifySignature(token, [this.key.jwk]);
    if (!verified.ok) return verified;
    const { claims } = verified;
    if (claims.tid !== this.tenantId)
      return { ok: false, problem: 'the token is from another tenant' };
    if (String(claims.aud).replace(/\/$/, '') !== resource.replace(/\/$/, ''))
      return {
        ok: false,
        problem: `the token's audience is ${String(claims.aud)}, not ${resource}`,
      };
    if (Number(claims.exp) <= epoch()) return { ok: false, problem: 'the token has expired' };
    return { ok: true, claims };
  }
}

function aadError(status: number, error: string, code: number, text: string): Reply {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return json(status, {
    error,
    error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
  });
}

function claimsOf(token: string): Claims | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as unknown;
    return claims && typeof claims === 'object' ? (claims as Claims) : undefined;
  } catch {
    return undefined;
  }
}

/** What a sign-in log shows of an assertion: issuer, subject, audience; never the token. */
function presented(claims: Claims): Claims {
  return { iss: claims.iss, sub: claims.sub, aud: claims.aud };
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();
