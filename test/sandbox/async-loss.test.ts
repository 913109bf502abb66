// The data loss real asynchronous replication has. Every standby streams through a link that
// the replicationLatencyMs fault slows down (200 ms here); killing the primary drops what the
// link still holds. So under write load an asynchronous Cluster loses the last commits its
// clients saw succeed, and one with synchronous replication (method any, number 1,
// dataDurability required) loses none. Three kills each (bench/failover.ts measures more).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRequest } from '../../sandbox/admin.ts';
import { lostIds } from '../helpers/writers.ts';
import { SHORT_LEASE, startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';
import type { AppLogin } from './ha-harness.ts';
import {
  HA_TEST_TIMEOUT,
  HEAL_MS,
  createCluster,
  idsOn,
  readyCluster,
  waitAcked,
  writeThroughRw,
} from './ha-harness.ts';

const NS = 'loss';
const RUNS = 2;
const SYNC = { method: 'any', number: 1, dataDurability: 'required' };
let h: Harness;
const logins = new Map<string, AppLogin>();

beforeAll(async () => {
  h = await startHarness(NS, { cloud: false, objectStore: false });
  await createCluster(h, 'as', { instances: 2, primaryLease: SHORT_LEASE });
  await createCluster(h, 'sy', {
    instances: 2,
    primaryLease: SHORT_LEASE,
    postgresql: { synchronous: SYNC },
  });
  for (const name of ['as', 'sy']) logins.set(name, (await readyCluster(h, name, 2)).login);
  const faults = { replicationLatencyMs: 200 };
  await sandboxRequest(h.sandbox, 'PUT', '/sandbox/faults', faults, 'application/json');
});

afterAll(async () => {
  await h.close();
});

/**
 * Kills the primary under write load; acknowledged writes missing on the new primary. The
 * Cluster is healed (old primary re-cloned) before the next run only.
 */
async function killUnderLoad(name: string, run: number): Promise<number> {
  const login = logins.get(name) as AppLogin;
  const writers = writeThroughRw(h, name, login, run * 1_000_000);
  await waitAcked(writers, 10);
  await new Promise((r) => setTimeout(r, 1000));
  const old = (await h.status(name)).currentPrimary ?? '';
  await h.core.deleteNamespacedPod({ name: old, namespace: NS, gracePeriodSeconds: 0 });
  const record = await writers.stop();
  const s = await waitFor('a new primary', async () => {
    const st = await h.status(name);
    return st.currentPrimary !== old && st.currentPrimary === st.targetPrimary && st;
  });
  const lost = lostIds(record, await idsOn(h, s.currentPrimary ?? '', login)).length;
  if (run < RUNS) await h.waitHealthy(name, 2, HEAL_MS);
  return lost;
}

async function runs(name: string): Promise<number[]> {
  const lost: number[] = [];
  for (let run = 1; run <= RUNS; run++) lost.push(await killUnderLoad(name, run));
  return lost;
}

describe(
  'committed rows lost when the primary is killed (200 ms replication latency)',
  HA_TEST_TIMEOUT,
  () => {
    // Four kills and two re-clones, two Clusters at a time.
    it(
      'are some with asynchronous replication and none with synchronous',
      { timeout: 240_000 },
      async () => {
        const [asyncLost, syncLost] = await Promise.all([runs('as'), runs('sy')]);
        console.log(
          `lost committed rows per kill: async ${asyncLost.join(', ')}; sync ${syncLost.join(', ')}`,
        );
        expect(asyncLost.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
        expect(syncLost).toEqual(Array.from({ length: RUNS }, () => 0));
      },
    );
  },
);
