import { describe, expect, test } from 'vitest';
import { decodeJwtClaims, formatClaims } from '../../src/azure/jwt.ts';
import { fakeJwt } from './fixtures.ts';

const GITHUB_CLAIMS = {
  iss: 'https://token.actions.githubusercontent.com',
  sub: 'repo:octo-org/pg-infra:environment:Production',
  aud: 'api://AzureADTokenExchange',
  job_workflow_ref: 'octo-org/pg-infra/.github/workflows/deploy.yml@refs/heads/main',
  exp: 1_900_000_000,
  nbf: 1_899_999_700,
  repository_id: '123456',
};

describe('decodeJwtClaims', () => {
  test.each([
    {
      name: 'GitHub OIDC token',
      claims: GITHUB_CLAIMS,
      expected: {
        iss: GITHUB_CLAIMS.iss,
        sub: GITHUB_CLAIMS.sub,
        aud: GITHUB_CLAIMS.aud,
        job_workflow_ref: GITHUB_CLAIMS.job_workflow_ref,
        exp: GITHUB_CLAIMS.exp,
        nbf: GITHUB_CLAIMS.nbf,
      },
    },
    {
      name: 'audience list, no workflow ref (projected service account token)',
      claims: {
        iss: 'https://oidc.aks.example/t/',
        sub: 'system:serviceaccount:db:pg',
        aud: ['api://AzureADTokenExchange'],
      },
      expected: {
        iss: 'https://oidc.aks.example/t/',
        sub: 'system:serviceaccount:db:pg',
        aud: ['api://AzureADTokenExchange'],
      },
    },
    {
      name: 'claims of the wrong type are left out',
      claims: { iss: 42, sub: ['x'], exp: 'soon' },
      expected: {},
    },
  ])('$name', ({ claims, expected }) => {
    const decoded = decodeJwtClaims(fakeJwt(claims));
    expect(JSON.parse(JSON.stringify(decoded))).toEqual(expected);
  });

  test.each([
    { name: 'two parts', token: 'abc.def', error: /3 dot-separated parts, found 2/ },
    { name: 'not base64 JSON', token: 'a.!!!.c', error: /not base64url-encoded JSON/ },
    {
      name: 'JSON array',
      token: `a.${Buffer.from('[1]').toString('base64url')}.c`,
      error: /not a JSON object/,
    },
  ])('rejects $name without quoting the token', ({ token, error }) => {
    expect(() => decodeJwtClaims(token)).toThrow(error);
    try {
      decodeJwtClaims(token);
    } catch (e) {
      expect((e as Error).message).not.toContain(token);
    }
  });
});

describe('formatClaims', () => {
  test.each([
    {
      claims: GITHUB_CLAIMS,
      line:
        'iss=https://token.actions.githubusercontent.com sub=repo:octo-org/pg-infra:environment:Production ' +
        'aud=api://AzureADTokenExchange job_workflow_ref=octo-org/pg-infra/.github/workflows/deploy.yml@refs/heads/main',
    },
    { claims: { sub: 's', aud: ['a', 'b'] }, line: 'sub=s aud=a,b' },
    { claims: {}, line: '' },
  ])('$line', ({ claims, line }) => {
    expect(formatClaims(claims)).toBe(line);
  });
});
