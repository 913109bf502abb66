// A switchover to a target that cannot take over, as CNPG 1.30 handles it: the old primary
// shuts down as soon as targetPrimary names another instance. A missing target is reset by
// the operator and a failover follows; a target that is not ready (while another instance
// is) keeps the Cluster waiting until it is, then promotes. (With no ready instance at all
// the operator resets the target too, cluster_status.go:266-290.)
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_LEASE, clusterRef, startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';
import { HA_TEST_TIMEOUT, HEAL_MS, createCluster, readyCluster } from './ha-harness.ts';

const NS = 'switch-target';
const NAME = 'st';
let h: Harness;

beforeAll(async () => {
  h = await startHarness(NS, { cloud: false, objectStore: false });
  await createCluster(h, NAME, { instances: 3, primaryLease: SHORT_LEASE });
  await readyCluster(h, NAME, 3);
});

afterAll(async () => {
  h.sandbox.faults.set({ failingInstances: [] });
  await h.close();
});

async function patchTarget(targetPrimary: string): Promise<void> {
  await h.custom.patchNamespacedCustomObjectStatus(
    { ...clusterRef(NS), name: NAME, body: { status: { targetPrimary } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
}

const serverRuns = (pod: string) => h.sandbox.cnpg.instance(NS, pod)?.running === true;

describe('switchover to a target that cannot take over', HA_TEST_TIMEOUT, () => {
  it('shuts the old primary down for a missing target, then fails over', async () => {
    const before = await h.status(NAME);
    const old = before.currentPrimary ?? '';
    await patchTarget(`${NAME}-9`);
    await waitFor('the old primary down', () => Promise.resolve(!serverRuns(old)), 10_000);
    const s = await waitFor('a failover', async () => {
      const st = await h.status(NAME);
      return st.currentPrimary !== old && st.currentPrimary === st.targetPrimary && st;
    });
    expect(s.timelineID).toBe((before.timelineID ?? 0) + 1);
    const events = await h.core.listNamespacedEvent({ namespace: NS });
    expect(events.items.map((e) => e.reason)).toContain('FailingOver');
    await h.waitHealthy(NAME, 3, HEAL_MS);
  });

  it('shuts the old primary down for an unready target and waits for it', async () => {
    const old = (await h.status(NAME)).currentPrimary ?? '';
    const target = [1, 2, 3].map((i) => `${NAME}-${i}`).find((p) => p !== old) ?? '';
    h.sandbox.faults.set({ failingInstances: [target] });
    await h.sandbox.cnpg.instance(NS, target)?.stop('fast');
    await waitFor('the target unready', async () => {
      const pod = await h.core.readNamespacedPod({ name: target, namespace: NS });
      return pod.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff';
    });
    await patchTarget(target);
    await waitFor('the old primary down', () => Promise.resolve(!serverRuns(old)), 10_000);
    await new Promise((r) => setTimeout(r, 2000));
    const waiting = await h.status(NAME);
    expect(waiting).toMatchObject({ currentPrimary: old, targetPrimary: target });
    h.sandbox.faults.set({ failingInstances: [] });
    await waitFor(
      'the target promoted',
      async () => (await h.status(NAME)).currentPrimary === target,
    );
    await h.waitHealthy(NAME, 3, HEAL_MS);
  });
});
