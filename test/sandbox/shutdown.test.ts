// How a primary goes away, as CNPG 1.30 handles it: a graceful pod delete runs a smart
// shutdown (existing sessions keep writing) for up to spec.smartShutdownTimeout, then a fast
// one, and releases the primary lease, so the standby takes over without waiting for it to
// expire; spec.failoverDelay holds the failover back, with currentPrimaryFailingSinceTimestamp
// set and the phase left alone.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lostIds } from '../helpers/writers.ts';
import { SHORT_LEASE, clusterRef, startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';
import type { AppLogin } from './ha-harness.ts';
import {
  HA_TEST_TIMEOUT,
  HEAL_MS,
  createCluster,
  idsOn,
  readyCluster,
  recordLease,
  waitAcked,
  writeThroughRw,
} from './ha-harness.ts';

const NS = 'shutdown';
const NAME = 'gd';
const SMART_SECONDS = 3;
let h: Harness;
let login: AppLogin;

beforeAll(async () => {
  h = await startHarness(NS, { cloud: false, objectStore: false });
  await createCluster(h, NAME, {
    instances: 2,
    primaryLease: SHORT_LEASE,
    smartShutdownTimeout: SMART_SECONDS,
  });
  ({ login } = await readyCluster(h, NAME, 2));
});

afterAll(async () => {
  await h.close();
});

async function newPrimaryAfter(old: string) {
  return waitFor('a new primary', async () => {
    const st = await h.status(NAME);
    return st.currentPrimary !== old && st.currentPrimary === st.targetPrimary && st;
  });
}

describe('primary shutdown', HA_TEST_TIMEOUT, () => {
  it('keeps sessions through the smart shutdown, then hands over a released lease', async () => {
    const old = (await h.status(NAME)).currentPrimary ?? '';
    const writers = writeThroughRw(h, NAME, login, 1);
    await waitAcked(writers, 20);
    const record = await recordLease(h, NAME);
    const deleted = Date.now();
    await h.core.deleteNamespacedPod({ name: old, namespace: NS, gracePeriodSeconds: 30 });
    const s = await newPrimaryAfter(old);
    await waitAcked(writers, writers.acked() + 10);
    const result = await writers.stop();
    record.stop();
    const onOld = result.acks.filter((a) => a.pod === old).map((a) => a.at);
    const keptWriting = Math.max(...onOld) - deleted;
    console.log(
      `graceful delete: old primary took writes for ${keptWriting} ms, write gap ${result.gapMs} ms`,
    );
    expect(keptWriting).toBeGreaterThanOrEqual((SMART_SECONDS - 1) * 1000);
    const released = record.versions.find((v) => v.holder === '');
    const taken = record.versions.find((v) => v.holder === s.currentPrimary);
    expect(released?.durationSeconds).toBe(1);
    expect(taken?.acquireTime).toBeGreaterThanOrEqual(released?.renewTime ?? Infinity);
    // Taken at a poll after the release, not after a lease duration of silence.
    const handOver = (taken?.acquireTime ?? 0) - (released?.renewTime ?? 0);
    expect(handOver).toBeLessThan(SHORT_LEASE.leaseDurationSeconds * 1000);
    expect(lostIds(result, await idsOn(h, s.currentPrimary ?? '', login))).toEqual([]);
    await h.waitHealthy(NAME, 2, HEAL_MS);
  });

  it('waits spec.failoverDelay with currentPrimaryFailingSinceTimestamp, phase untouched', async () => {
    const delay = 3;
    await h.custom.patchNamespacedCustomObject(
      { ...clusterRef(NS), name: NAME, body: { spec: { failoverDelay: delay } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    const old = (await h.status(NAME)).currentPrimary ?? '';
    await h.core.deleteNamespacedPod({ name: old, namespace: NS, gracePeriodSeconds: 0 });
    const failing = await waitFor('failing since', async () => {
      const st = await h.status(NAME);
      return st.currentPrimaryFailingSinceTimestamp ? st : undefined;
    });
    expect(failing.phase).not.toBe('Failing over');
    expect(failing.targetPrimary).toBe(old);
    const started = await waitFor('the failover', async () => {
      const st = await h.status(NAME);
      return st.targetPrimary !== old && Date.now();
    });
    const since = Date.parse(failing.currentPrimaryFailingSinceTimestamp ?? '');
    expect(started - since).toBeGreaterThanOrEqual(delay * 1000);
    await newPrimaryAfter(old);
    const healthy = await h.waitHealthy(NAME, 2, HEAL_MS);
    expect(healthy.currentPrimaryFailingSinceTimestamp).toBeUndefined();
  });

  it("stops a deleted Cluster's pods with its cached smartShutdownTimeout, sessions going on", async () => {
    const primary = (await h.status(NAME)).currentPrimary ?? '';
    const writers = writeThroughRw(h, NAME, login, 1_000_000);
    await waitAcked(writers, 20);
    const deleted = Date.now();
    await h.custom.deleteNamespacedCustomObject({ ...clusterRef(NS), name: NAME });
    await waitFor(
      'the pods gone',
      async () => {
        const pods = await h.core.listNamespacedPod({ namespace: NS });
        return pods.items.length === 0;
      },
      20_000,
    );
    const result = await writers.stop();
    const onPrimary = result.acks.filter((a) => a.pod === primary).map((a) => a.at);
    // The instance manager keeps its Cluster: smart shutdown for SMART_SECONDS, not a fast one at once.
    expect(Math.max(...onPrimary) - deleted).toBeGreaterThanOrEqual((SMART_SECONDS - 1) * 1000);
  });
});
