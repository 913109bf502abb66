import type { AccessToken, TokenCredential } from '@azure/identity';
import { describe, expect, test } from 'vitest';
import { tokenSource } from '../../src/azure/token-cache.ts';

/** A credential that issues numbered tokens valid for `lifetimeMs` on a fake clock. */
function countingCredential(clock: { now: number }, lifetimeMs: number) {
  const scopes: string[] = [];
  const credential: TokenCredential = {
    getToken: async (scope): Promise<AccessToken> => {
      await Promise.resolve();
      scopes.push(String(scope));
      return { token: `token-${scopes.length}`, expiresOnTimestamp: clock.now + lifetimeMs };
    },
  };
  return { credential, scopes };
}

describe('tokenSource', () => {
  test('caches until a minute before expiry, masking each new token once', async () => {
    const clock = { now: 1_000_000 };
    const { credential, scopes } = countingCredential(clock, 10 * 60_000);
    const masked: string[] = [];
    const next = tokenSource(credential, 'aks/.default', {
      setSecret: (s) => masked.push(s),
      now: () => clock.now,
    });
    expect(await next()).toBe('token-1');
    clock.now += 8 * 60_000;
    expect(await next()).toBe('token-1');
    clock.now += 60_001; // within the last minute
    expect(await next()).toBe('token-2');
    expect(scopes).toEqual(['aks/.default', 'aks/.default']);
    expect(masked).toEqual(['token-1', 'token-2']);
  });

  test('concurrent callers share one request', async () => {
    const clock = { now: 0 };
    const { credential, scopes } = countingCredential(clock, 3_600_000);
    const next = tokenSource(credential, 's', { setSecret: () => undefined, now: () => clock.now });
    expect(await Promise.all([next(), next(), next()])).toEqual(['token-1', 'token-1', 'token-1']);
    expect(scopes).toHaveLength(1);
  });

  test('a failed request is not cached', async () => {
    let calls = 0;
    const credential: TokenCredential = {
      getToken: () => {
        calls++;
        return calls === 1
          ? Promise.reject(new Error('down'))
          : Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 });
      },
    };
    const next = tokenSource(credential, 's', { setSecret: () => undefined });
    await expect(next()).rejects.toThrow('down');
    expect(await next()).toBe('t');
  });
});
