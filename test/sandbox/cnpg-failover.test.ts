// Failover of a 2-instance Cluster with synchronous replication and a short primary lease,
// driven as a failover drill drives AKS: delete the primary pod (grace 1 s) while a client
// keeps writing through `-rw`. Switchover as `kubectl cnpg promote` does it:
// switchover.test.ts.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_LEASE, clusterRef, startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';

const NS = 'drill';
const NAME = 'pg-ha';
let h: Harness;
const app = { user: 'app', password: '', database: 'app' };

beforeAll(async () => {
  h = await startHarness(NS, { cloud: false, objectStore: false });
  await h.custom.createNamespacedCustomObject({
    ...clusterRef(NS),
    body: {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: NAME, namespace: NS },
      spec: {
        instances: 2,
        storage: { size: '1Gi' },
        postgresql: { synchronous: { method: 'any', number: 1 } },
        primaryLease: SHORT_LEASE,
      },
    },
  });
  await h.waitHealthy(NAME, 2, 120_000);
  const secret = await h.core.readNamespacedSecret({ name: `${NAME}-app`, namespace: NS });
  app.password = Buffer.from(secret.data?.password ?? '', 'base64').toString();
  const c = await h.connect(`${NAME}-1`, app);
  await c.query('CREATE TABLE orders (id int PRIMARY KEY)');
  await c.end();
});

afterAll(async () => {
  await h.close();
});

/** Inserts a row every 50 ms through whatever pod `-rw` selects; measures the write gap. */
function startWriter(): { stop: () => Promise<{ committed: number[]; gapMs: number }> } {
  const state = { running: true, gapMs: 0, lastOk: Date.now(), id: 1000 };
  const committed: number[] = [];
  const loop = (async () => {
    let client: pg.Client | undefined;
    while (state.running) {
      try {
        client ??= await h.connect((await h.podBehind(`${NAME}-rw`)) ?? '', app);
        const id = ++state.id;
        await client.query('INSERT INTO orders VALUES ($1)', [id]);
        committed.push(id);
        state.gapMs = Math.max(state.gapMs, Date.now() - state.lastOk);
        state.lastOk = Date.now();
      } catch {
        await client?.end().catch(() => undefined);
        client = undefined;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await client?.end().catch(() => undefined);
  })();
  return {
    stop: async () => {
      state.running = false;
      await loop;
      return { committed, gapMs: state.gapMs };
    },
  };
}

describe('high availability', () => {
  it('fails over when the primary pod is deleted, losing no committed row', async () => {
    const before = (await h.status(NAME)).timelineID ?? 0;
    const writer = startWriter();
    await new Promise((r) => setTimeout(r, 500));
    await h.core.deleteNamespacedPod({ name: `${NAME}-1`, namespace: NS, gracePeriodSeconds: 1 });
    // While the WAL receivers are still up, each operator pass resets `pending` (not an active
    // pod) to the old primary and sets it again, as CNPG does: wait for the marker itself.
    const pending = await waitFor('failover start', async () => {
      const s = await h.status(NAME);
      return s.targetPrimary === 'pending' && s;
    });
    expect(pending.phase).toBe('Failing over');
    const s = await waitFor('a new primary', async () => {
      const st = await h.status(NAME);
      return st.currentPrimary !== `${NAME}-1` && st.currentPrimary === st.targetPrimary && st;
    });
    await new Promise((r) => setTimeout(r, 1000));
    const { committed, gapMs } = await writer.stop();
    console.log(`write gap after deleting the primary (3 s lease): ${gapMs} ms`);
    // The writer's session holds off the smart shutdown, so the kubelet kills the container
    // after its 2 s minimum and the lease is not released: the new primary waits out the
    // lease. CNPG's own budget is lease + retry period + margin (tests/e2e/
    // fastfailover_test.go); here 2 s of kubelet grace and 8 s of margin for a loaded host.
    const { leaseDurationSeconds: lease, retryPeriodSeconds: retry } = SHORT_LEASE;
    expect(gapMs).toBeGreaterThanOrEqual(lease * 1000);
    expect(gapMs).toBeLessThan((2 + lease + retry + 8) * 1000);
    expect(s.timelineID).toBe(before + 1);
    expect(await h.podBehind(`${NAME}-rw`)).toBe(s.currentPrimary);
    const primary = await h.connect(s.currentPrimary ?? '', app);
    const { rows } = await primary.query<{ id: number }>('SELECT id FROM orders');
    await primary.end();
    const present = new Set(rows.map((r) => r.id));
    expect(committed.length).toBeGreaterThan(10);
    expect(committed.filter((id) => !present.has(id))).toEqual([]);
    await h.waitHealthy(NAME, 2);
    const events = await h.core.listNamespacedEvent({ namespace: NS });
    const reasons = events.items.map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['FailingOver', 'FailoverTarget']));
  });
});
