// Switchover as CNPG 1.30 does it. `kubectl cnpg promote` merge-patches the status
// subresource (phase `Switchover in progress`, its reason, targetPrimary and its timestamp);
// the old primary shuts down cleanly and hands over the lease, the target promotes only once
// its WAL receiver has stopped, so even with a slow replication link no committed row is
// lost. A bare targetPrimary patch works too and leaves the phase alone.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRequest } from '../../sandbox/admin.ts';
import { rfc3339Micro } from '../../sandbox/cnpg/resources.ts';
import { HEALTHY, SHORT_LEASE, clusterRef, startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';
import type { AppLogin } from './ha-harness.ts';
import { HA_TEST_TIMEOUT, HEAL_MS, createCluster, idsOn, readyCluster } from './ha-harness.ts';

const NS = 'switch';
const NAME = 'sw';
let h: Harness;
let login: AppLogin;

beforeAll(async () => {
  h = await startHarness(NS, { cloud: false, objectStore: false });
  await createCluster(h, NAME, { instances: 2, primaryLease: SHORT_LEASE });
  ({ login } = await readyCluster(h, NAME, 2));
});

afterAll(async () => {
  await h.close();
});

async function patchStatus(status: Record<string, unknown>): Promise<void> {
  await h.custom.patchNamespacedCustomObjectStatus(
    { ...clusterRef(NS), name: NAME, body: { status } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
}

/** Phases seen while currentPrimary is not yet `target`. */
async function phasesUntilPromoted(target: string): Promise<string[]> {
  const phases = new Set<string>();
  await waitFor(`${target} promoted`, async () => {
    const s = await h.status(NAME);
    if (s.currentPrimary === target) return true;
    if (s.phase) phases.add(s.phase);
    return false;
  });
  return [...phases];
}

const other = (pod: string | undefined) => (pod === `${NAME}-1` ? `${NAME}-2` : `${NAME}-1`);

describe('switchover', HA_TEST_TIMEOUT, () => {
  it('works as kubectl cnpg promote does, losing nothing over a slow link', async () => {
    const before = await h.status(NAME);
    const target = other(before.currentPrimary);
    const latency = { replicationLatencyMs: 300 };
    await sandboxRequest(h.sandbox, 'PUT', '/sandbox/faults', latency, 'application/json');
    const c = await h.connect(before.currentPrimary ?? '', login);
    const written: number[] = [];
    for (let id = 100_000; id < 100_200; id++) {
      await c.query('INSERT INTO writes (id) VALUES ($1)', [id]);
      written.push(id);
    }
    await patchStatus({
      phase: 'Switchover in progress',
      phaseReason: `Switching over to ${target}`,
      targetPrimary: target,
      targetPrimaryTimestamp: rfc3339Micro(),
    });
    const phases = await phasesUntilPromoted(target);
    expect(phases).toEqual(['Switchover in progress']);
    const present = new Set(await idsOn(h, target, login));
    expect(written.filter((id) => !present.has(id))).toEqual([]);
    const after = await h.waitHealthy(NAME, 2, HEAL_MS);
    expect(after.timelineID).toBe((before.timelineID ?? 0) + 1);
    await sandboxRequest(
      h.sandbox,
      'PUT',
      '/sandbox/faults',
      { replicationLatencyMs: 0 },
      'application/json',
    );
  });

  it('follows a bare targetPrimary patch and leaves the phase alone', async () => {
    const target = other((await h.status(NAME)).currentPrimary);
    await patchStatus({ targetPrimary: target });
    const phases = await phasesUntilPromoted(target);
    expect(phases).toEqual([HEALTHY]);
    await h.waitHealthy(NAME, 2, HEAL_MS);
  });
});
