import { describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../src/errors.ts';
import { ArmError, armError, isRetryable, parseArmError } from '../../src/azure/arm-errors.ts';
import { retryAfterMs, retryDelay } from '../../src/http/retries.ts';

const CONTEXT = 'getting AKS cluster aks-pg in rg-pg';

describe('armError', () => {
  test.each([
    {
      name: 'ResourceNotFound: a user mistake, with the operation in front',
      status: 404,
      body: {
        error: {
          code: 'ResourceNotFound',
          message:
            "The Resource 'Microsoft.ContainerService/managedClusters/aks-pg' under resource group 'rg-pg' was not found.",
        },
      },
      config: true,
      starts: `${CONTEXT}: ResourceNotFound: The Resource 'Microsoft.ContainerService/managedClusters/aks-pg'`,
      includes: 'Check azure-subscription-id, resource-group',
    },
    {
      name: 'AuthorizationFailed on listClusterUserCredential names the AKS role',
      status: 403,
      body: {
        error: {
          code: 'AuthorizationFailed',
          message:
            "The client 'c' with object id 'o' does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action' over scope '/subscriptions/s/resourceGroups/rg-pg/providers/Microsoft.ContainerService/managedClusters/aks-pg' or the scope is invalid.",
        },
      },
      config: true,
      starts: `${CONTEXT}: AuthorizationFailed: The client 'c'`,
      includes: 'Grant the identity Azure Kubernetes Service Cluster User Role on the AKS cluster',
    },
    {
      name: 'AuthorizationFailed on a federated credential names Managed Identity Contributor',
      status: 403,
      body: {
        error: {
          code: 'AuthorizationFailed',
          message:
            "... perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write' over scope ...",
        },
      },
      config: true,
      starts: `${CONTEXT}: AuthorizationFailed`,
      includes: 'Managed Identity Contributor',
    },
    {
      name: 'admin credentials of a cluster without local accounts',
      status: 400,
      body: {
        code: 'BadRequest',
        message:
          'Getting static credential is not allowed because this cluster is set to disable local accounts.',
      },
      config: true,
      starts: `${CONTEXT}: BadRequest: Getting static credential is not allowed`,
      includes: 'set aks-admin: false',
    },
    {
      name: 'a server error is not the user\u2019s, and carries the request id',
      status: 500,
      body: {
        error: {
          code: 'InternalServerError',
          message: 'boom',
          details: [{ code: 'Inner', message: 'deeper' }],
        },
      },
      config: false,
      starts: `${CONTEXT}: InternalServerError: boom | Inner: deeper (x-ms-request-id req-1)`,
      includes: 'req-1',
    },
    {
      name: 'a body that is not ARM JSON',
      status: 502,
      body: '<html>Bad Gateway</html>',
      config: false,
      starts: `${CONTEXT}: HTTP 502: <html>Bad Gateway</html>`,
      includes: 'HTTP 502',
    },
  ])('$name', ({ status, body, config, starts, includes }) => {
    const error = armError(CONTEXT, status, body, 'req-1');
    expect(error instanceof ConfigurationError).toBe(config);
    expect(error instanceof ArmError).toBe(!config);
    expect(error.message.startsWith(starts)).toBe(true);
    expect(error.message).toContain(includes);
  });
});

describe('parseArmError', () => {
  test.each([
    [404, { error: { code: 'NotFound', message: 'gone' } }, { code: 'NotFound', message: 'gone' }],
    [
      409,
      { code: 'Conflict', message: 'top-level form' },
      { code: 'Conflict', message: 'top-level form' },
    ],
    [503, undefined, { code: 'HTTP 503', message: '' }],
  ])('%i %j', (status, body, expected) => {
    expect(parseArmError(status, body)).toEqual(expected);
  });
});

describe('isRetryable', () => {
  test.each([
    [429, 'TooManyRequests', true],
    [500, 'InternalServerError', true],
    [503, 'HTTP 503', true],
    [409, 'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity', true],
    [400, 'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity', true],
    [409, 'Conflict', false],
    [404, 'ResourceNotFound', false],
    [403, 'AuthorizationFailed', false],
  ])('%i %s -> %s', (status, code, expected) => {
    expect(isRetryable(status, code)).toBe(expected);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T10:00:00Z');
  test.each([
    [null, undefined],
    ['', undefined],
    ['7', 7000],
    [' 0 ', 0],
    ['Thu, 01 Jan 2026 10:00:30 GMT', 30_000],
    ['Thu, 01 Jan 2026 09:59:00 GMT', 0],
    ['soon', undefined],
  ])('%j -> %j', (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});

describe('retryDelay', () => {
  const settings = (random: number) => ({
    random: () => random,
    maxAttempts: 5,
    maxRetryAfterMs: 60_000,
  });
  test.each([
    {
      name: 'not retryable',
      outcome: { retryable: false },
      attempt: 1,
      random: 0,
      expected: undefined,
    },
    {
      name: 'attempts used up',
      outcome: { retryable: true },
      attempt: 5,
      random: 0,
      expected: undefined,
    },
    {
      name: 'first backoff, least jitter',
      outcome: { retryable: true },
      attempt: 1,
      random: 0,
      expected: 500,
    },
    {
      name: 'first backoff, most jitter',
      outcome: { retryable: true },
      attempt: 1,
      random: 1,
      expected: 1000,
    },
    {
      name: 'fourth backoff',
      outcome: { retryable: true },
      attempt: 4,
      random: 0.5,
      expected: 6000,
    },
    {
      name: 'Retry-After honoured, plus jitter',
      outcome: { retryable: true, retryAfterMs: 3000 },
      attempt: 1,
      random: 0.5,
      expected: 3250,
    },
    {
      name: 'Retry-After too long: give up',
      outcome: { retryable: true, retryAfterMs: 120_000 },
      attempt: 1,
      random: 0,
      expected: undefined,
    },
  ])('$name', ({ outcome, attempt, random, expected }) => {
    expect(retryDelay(outcome, attempt, settings(random))).toBe(expected);
  });
});
