// Connections break as they do on a cluster. A Service's Endpoints drop a pod the moment it is
// terminating, while the sessions it already has go on through its smart shutdown; a
// port-forward stream ends when the server behind it stops, so the client of a killed primary
// sees its connection end instead of hanging.
import * as k8s from '@kubernetes/client-node';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardPort } from '../../src/kube/port-forward.ts';
import { SHORT_LEASE, startHarness, waitFor } from './cnpg-harness.ts';
import type { Harness } from './cnpg-harness.ts';
import type { AppLogin } from './ha-harness.ts';
import { HA_TEST_TIMEOUT, HEAL_MS, createCluster, kubeConfig, readyCluster } from './ha-harness.ts';

const NS = 'conn';
const NAME = 'cx';
const SMART_SECONDS = 3;
let h: Harness;
let login: AppLogin;
let kc: k8s.KubeConfig;

beforeAll(async () => {
  h = await startHarness(NS, { cloud: false, objectStore: false });
  kc = kubeConfig(h);
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

async function endpointPods(service: string): Promise<string[]> {
  const ep = await h.core.readNamespacedEndpoints({ name: service, namespace: NS });
  const addresses = (ep.subsets ?? []).flatMap((s) => s.addresses ?? []);
  return addresses.map((a) => a.targetRef?.name ?? '').sort();
}

/** A client through pods/portforward (WebSocket), and when it saw its connection end. */
async function forwardedClient(pod: string) {
  const tunnel = await forwardPort(kc, { namespace: NS, pod, port: 5432 });
  const client = new pg.Client({ host: tunnel.host, port: tunnel.port, ...login });
  const ended = { at: 0 };
  const mark = () => {
    ended.at ||= Date.now();
  };
  client.on('end', mark);
  client.on('error', mark);
  await client.connect();
  return { client, tunnel, ended };
}

async function newPrimaryAfter(old: string): Promise<string> {
  return waitFor('a new primary', async () => {
    const st = await h.status(NAME);
    return st.currentPrimary !== old && st.currentPrimary === st.targetPrimary && st.currentPrimary;
  });
}

describe('connections', HA_TEST_TIMEOUT, () => {
  it('drop a terminating pod from Endpoints while its sessions finish', async () => {
    const old = (await h.status(NAME)).currentPrimary ?? '';
    const standby = old === `${NAME}-1` ? `${NAME}-2` : `${NAME}-1`;
    expect(await endpointPods(`${NAME}-rw`)).toEqual([old]);
    expect(await endpointPods(`${NAME}-ro`)).toEqual([standby]);
    expect(await endpointPods(`${NAME}-r`)).toEqual([old, standby].sort());
    const session = await forwardedClient(old);
    const deleted = Date.now();
    await h.core.deleteNamespacedPod({ name: old, namespace: NS, gracePeriodSeconds: 30 });
    await waitFor(
      'the pod out of the endpoints',
      async () => !(await endpointPods(`${NAME}-r`)).includes(old),
      2000,
    );
    expect(await endpointPods(`${NAME}-rw`)).toEqual([]);
    const pod = await h.core.readNamespacedPod({ name: old, namespace: NS });
    expect(pod.metadata?.deletionTimestamp).toBeDefined();
    await session.client.query('SELECT 1');
    await waitFor('the session ended', () => Promise.resolve(session.ended.at > 0), 20_000);
    expect(session.ended.at - deleted).toBeGreaterThanOrEqual((SMART_SECONDS - 1) * 1000);
    await session.tunnel.close();
    const primary = await newPrimaryAfter(old);
    await waitFor('the new primary behind -rw', async () => {
      return (await endpointPods(`${NAME}-rw`)).join() === primary;
    });
    await h.waitHealthy(NAME, 2, HEAL_MS);
  });

  it('end a port-forward stream to a killed primary at once', async () => {
    const old = (await h.status(NAME)).currentPrimary ?? '';
    const session = await forwardedClient(old);
    await session.client.query('SELECT 1');
    const killed = Date.now();
    await h.core.deleteNamespacedPod({ name: old, namespace: NS, gracePeriodSeconds: 0 });
    await waitFor('the stream ended', () => Promise.resolve(session.ended.at > 0), 5000);
    console.log(
      `port-forward stream to a killed primary ended after ${session.ended.at - killed} ms`,
    );
    const started = Date.now();
    await expect(session.client.query('SELECT 1')).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1000);
    await session.tunnel.close();
    await newPrimaryAfter(old);
    await h.waitHealthy(NAME, 2, HEAL_MS);
  });
});
