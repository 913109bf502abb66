// The primary Lease of CNPG 1.30 (facts §6, §7): a coordination.k8s.io/v1 Lease named after
// the Cluster, owned by it, held and renewed by the primary, recreated when deleted; after an
// abrupt loss of the primary a standby promotes only once the lease has gone unrenewed for a
// full leaseDurationSeconds (spec.primaryLease, a short one here).
import type * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_LEASE, clusterRef, startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';
import {
  HA_TEST_TIMEOUT,
  HEAL_MS,
  createCluster,
  leaseApi,
  readyCluster,
  recordLease,
} from './ha-harness.ts';

const NS = 'lease';
const NAME = 'lz';
let h: Harness;
let leases: k8s.CoordinationV1Api;

beforeAll(async () => {
  h = await startHarness(NS, { cloud: false, objectStore: false });
  leases = leaseApi(h);
  await createCluster(h, NAME, { instances: 2, primaryLease: SHORT_LEASE });
  await readyCluster(h, NAME, 2);
});

afterAll(async () => {
  await h.close();
});

const readLease = () => leases.readNamespacedLease({ name: NAME, namespace: NS });
/** client-node leaves MicroTime fields as the RFC 3339 strings the server sent. */
const renewTime = (l: k8s.V1Lease) => Date.parse(String(l.spec?.renewTime));

describe('the primary Lease', HA_TEST_TIMEOUT, () => {
  it('is named after the Cluster, owned by it, held and renewed by the primary', async () => {
    const cluster = (await h.custom.getNamespacedCustomObject({
      ...clusterRef(NS),
      name: NAME,
    })) as { metadata: { uid: string }; status: { currentPrimary: string } };
    const lease = await readLease();
    expect(lease.metadata?.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Cluster', name: NAME, uid: cluster.metadata.uid }),
    ]);
    expect(lease.metadata?.ownerReferences?.[0]?.controller).toBe(true);
    expect(lease.spec).toMatchObject({
      holderIdentity: cluster.status.currentPrimary,
      leaseDurationSeconds: SHORT_LEASE.leaseDurationSeconds,
    });
    expect(lease.spec?.leaseTransitions).toBeGreaterThanOrEqual(1);
    const renewed = renewTime(lease);
    await waitFor('a renewal', async () => renewTime(await readLease()) > renewed);
  });

  it('is recreated after a deletion, owned by the Cluster again', async () => {
    const before = await readLease();
    await leases.deleteNamespacedLease({ name: NAME, namespace: NS });
    // The operator recreates it empty (or adopts the one the holder's renewal recreates);
    // the primary holds it again at its next renewal.
    const again = await waitFor('the lease back, held', async () => {
      const l = await readLease();
      const owned = (l.metadata?.ownerReferences ?? []).length > 0;
      const held = l.spec?.holderIdentity === before.spec?.holderIdentity;
      return l.metadata?.uid !== before.metadata?.uid && owned && held && l;
    });
    expect(again.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Cluster', name: NAME });
  });

  it("lets a standby promote only after a killed primary's lease has expired", async () => {
    const old = (await readLease()).spec?.holderIdentity ?? '';
    const record = await recordLease(h, NAME);
    await h.core.deleteNamespacedPod({ name: old, namespace: NS, gracePeriodSeconds: 0 });
    const s = await waitFor('a new primary', async () => {
      const st = await h.status(NAME);
      return st.currentPrimary !== old && st.currentPrimary === st.targetPrimary && st;
    });
    record.stop();
    const byOld = record.versions.filter((v) => v.holder === old);
    const taken = record.versions.find((v) => v.holder === s.currentPrimary);
    const lastRenewal = Math.max(...byOld.map((v) => v.renewTime ?? 0));
    expect(taken?.acquireTime).toBeDefined();
    // Nothing released it: the candidate saw it unchanged for a full lease duration.
    expect(record.versions.some((v) => v.holder === '')).toBe(false);
    const waitedMs = (taken?.acquireTime ?? 0) - lastRenewal;
    console.log(`lease of the killed primary taken over ${waitedMs} ms after its last renewal`);
    expect(waitedMs).toBeGreaterThanOrEqual(SHORT_LEASE.leaseDurationSeconds * 1000);
    expect(taken?.transitions).toBe((byOld.at(-1)?.transitions ?? 0) + 1);
    const promotedAt = Date.parse(String((await h.status(NAME)).currentPrimaryTimestamp));
    expect(promotedAt).toBeGreaterThanOrEqual(taken?.acquireTime ?? Infinity);
    await h.waitHealthy(NAME, 2, HEAL_MS);
  });
});
