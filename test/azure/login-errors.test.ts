import { describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../src/errors.ts';
import { aadstsCode, idTokenError, loginError } from '../../src/azure/login-errors.ts';

const CTX = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  clientId: '80faf920-1908-4b52-b5ef-a8e7bedfc67a',
  authorityHost: 'https://login.microsoftonline.com',
  presented: {
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:octo-org/pg-infra:environment:production',
  },
};

const TAIL =
  '\\r\\nTrace ID: 30b6df93-efd2-459c-ae6a-bad0838f6f00\\r\\nCorrelation ID: dffc6012\\r\\nTimestamp: 2026-01-01 10:00:00Z';

/** How Entra ID's error description reaches pgha through MSAL and @azure/identity. */
function msalError(description: string): Error {
  const error = new Error(`invalid_client: Error(s): 70021 - Description: ${description}${TAIL}`);
  error.name = 'AuthenticationRequiredError';
  return error;
}

describe('loginError', () => {
  test.each([
    {
      name: 'AADSTS70021 names the subject and issuer from Entra ID and what to create',
      error: msalError(
        "AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: 'https://token.actions.githubusercontent.com'. Assertion Subject: 'repo:octo-org/pg-infra:ref:refs/heads/main'. Assertion Audience: 'api://AzureADTokenExchange'.",
      ),
      config: true,
      includes: [
        '\n  subject:  repo:octo-org/pg-infra:ref:refs/heads/main\n',
        '\n  issuer:   https://token.actions.githubusercontent.com\n',
        'Add a federated credential with exactly these values (case-sensitive)',
        `client ID ${CTX.clientId}`,
        "--subject 'repo:octo-org/pg-infra:ref:refs/heads/main'",
        'Entra ID: AADSTS70021: No matching federated identity record found for presented assertion.',
      ],
    },
    {
      name: 'AADSTS700213 without issuer in the text falls back to the presented claims',
      error: msalError(
        "AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:octo-org/pg-infra:environment:production'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
      ),
      config: true,
      includes: [
        'subject:  repo:octo-org/pg-infra:environment:production',
        'issuer:   https://token.actions.githubusercontent.com',
      ],
    },
    {
      name: 'AADSTS7002138: only the letter case differs',
      error: msalError(
        "AADSTS7002138: No matching federated identity record found for presented assertion subject 'repo:Octo-Org/pg-infra:environment:Production'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison.",
      ),
      config: true,
      includes: [
        'except for letter case',
        'subject:  repo:Octo-Org/pg-infra:environment:Production',
      ],
    },
    {
      name: 'AADSTS700016: unknown client ID',
      error: msalError(
        "AADSTS700016: Application with identifier '80faf920-1908-4b52-b5ef-a8e7bedfc67a' was not found in the directory 'Contoso'.",
      ),
      config: true,
      includes: [
        'no application with client ID',
        'azure-client-id',
        'not an object ID',
        'AADSTS700016: Application',
      ],
    },
    {
      name: 'AADSTS700024: expired assertion',
      error: msalError(
        'AADSTS700024: Client assertion is not within its valid time range. Current time: 2026-01-01T10:00:00Z, assertion valid from 2026-01-01T09:00:00Z, expiry time of assertion 2026-01-01T09:05:00Z.',
      ),
      config: true,
      includes: ['expired or not yet valid', "runner's clock", 'AZURE_FEDERATED_TOKEN_FILE'],
    },
    {
      name: 'AADSTS90002: unknown tenant',
      error: msalError("AADSTS90002: Tenant '72f988bf-86f1-41af-91ab-2d7cd011db47' not found."),
      config: true,
      includes: ['azure-tenant-id', 'azure-authority-host'],
    },
    {
      name: 'code found in errorResponse and cause chain',
      error: Object.assign(
        new Error('outer', { cause: new Error('AADSTS700016: Application not found') }),
        {},
      ),
      config: true,
      includes: ['no application with client ID'],
    },
    {
      name: 'unreachable authority host',
      error: new Error('request to https://login.example/ failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND login.example'), {
          code: 'ENOTFOUND',
        }),
      }),
      config: false,
      includes: [
        'cannot reach the authority host https://login.microsoftonline.com',
        'azure-authority-host',
      ],
    },
    {
      name: 'authority host without OpenID metadata (what MSAL reports for a wrong host)',
      error: new Error(
        'endpoints_resolution_error: See https://aka.ms/msal.js.errors#endpoints_resolution_error for details',
      ),
      config: false,
      includes: [
        `read https://login.microsoftonline.com/${CTX.tenantId}/v2.0/.well-known/openid-configuration`,
        'azure-authority-host',
      ],
    },
    {
      name: 'anything else keeps the message with the login context',
      error: new Error('AADSTS50000: There was an error issuing a token.'),
      config: false,
      includes: [
        `logging in to Azure as client ${CTX.clientId} in tenant ${CTX.tenantId}: AADSTS50000`,
      ],
    },
  ])('$name', ({ error, config, includes }) => {
    const translated = loginError(error, CTX);
    expect(translated instanceof ConfigurationError).toBe(config);
    for (const text of includes) expect(translated.message).toContain(text);
    expect(translated.message).not.toContain('Trace ID');
  });
});

describe('idTokenError', () => {
  test.each([
    'Error message: Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable',
    'Error message: Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable',
  ])('%s', (message) => {
    const error = idTokenError(new Error(message));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain('permissions: id-token: write');
    expect(error.message).toContain('fork');
  });

  test('other failures of the token endpoint keep their message', () => {
    const error = idTokenError(new Error('Failed to get ID Token. Error Code : 500'));
    expect(error).not.toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/^requesting a GitHub OIDC token .*Error Code : 500/);
  });
});

describe('aadstsCode', () => {
  test.each([
    ['AADSTS70021: No matching', '70021'],
    ['x\nAADSTS7002138: case', '7002138'],
    ['no code here', undefined],
  ])('%s', (text, code) => {
    expect(aadstsCode(new Error(text))).toBe(code);
  });
});
