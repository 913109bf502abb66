// When a CNPG Cluster counts as healthy, and the progress lines a person wants while waiting:
// each phase change, and each instance that becomes ready. Pure functions over the object;
// texts from the cluster are kept on one line (log-safety.ts).
import { oneLine } from '../log-safety.ts';

export const HEALTHY_PHASE = 'Cluster in healthy state';

export interface ClusterStatusView {
  readonly phase?: string;
  readonly phaseReason?: string;
  readonly readyInstances?: number;
  readonly instances?: number;
  readonly currentPrimary?: string;
  readonly targetPrimary?: string;
  readonly timelineID?: number;
  readonly instancesStatus?: Readonly<Record<string, readonly string[]>>;
  readonly conditions?: readonly {
    type: string;
    status: string;
    reason?: string;
    message?: string;
    observedGeneration?: number;
  }[];
}

export interface ClusterView {
  readonly metadata: { readonly generation?: number };
  readonly spec?: { readonly instances?: number };
  readonly status?: ClusterStatusView;
}

/**
 * Healthy as CNPG's own e2e suite asserts it: phase healthy, readyInstances equal to
 * spec.instances, no failover or switchover under way (currentPrimary == targetPrimary), and a
 * Ready condition that is True for the current generation when the operator records one.
 */
export function isHealthy(cluster: ClusterView | undefined): boolean {
  const s = cluster?.status;
  if (!cluster || !s) return false;
  const ready = s.conditions?.find((c) => c.type === 'Ready');
  const generation = cluster.metadata.generation;
  const current =
    ready?.observedGeneration === undefined ||
    generation === undefined ||
    ready.observedGeneration >= generation;
  return (
    s.phase === HEALTHY_PHASE &&
    s.readyInstances === cluster.spec?.instances &&
    s.currentPrimary !== undefined &&
    s.currentPrimary === s.targetPrimary &&
    (ready === undefined || ready.status === 'True') &&
    current
  );
}

/** Remembers what was reported and returns the lines that a new state adds. */
export class ProgressTracker {
  #phase: string | undefined;
  readonly #ready = new Set<string>();
  #primary: string | undefined;

  update(cluster: ClusterView | undefined): string[] {
    const s = cluster?.status;
    if (!cluster)
      return this.#phase === '(absent)' ? [] : this.#set('(absent)', 'Cluster not found yet');
    if (!s) return [];
    const lines: string[] = [];
    const phase = `${s.phase ?? '(no phase yet)'}\n${s.phaseReason ?? ''}`;
    if (phase !== this.#phase) {
      this.#phase = phase;
      lines.push(
        `phase: ${oneLine(s.phase ?? '(no phase yet)')}${s.phaseReason ? ` (${oneLine(s.phaseReason)})` : ''}`,
      );
    }
    const want = cluster.spec?.instances ?? s.instances ?? 0;
    const healthy = s.instancesStatus?.healthy ?? [];
    for (const name of healthy) {
      if (this.#ready.has(name)) continue;
      this.#ready.add(name);
      lines.push(`instance ${oneLine(name)} ready (${this.#ready.size}/${want})`);
    }
    for (const name of [...this.#ready]) if (!healthy.includes(name)) this.#ready.delete(name);
    if (s.currentPrimary && s.currentPrimary !== this.#primary) {
      this.#primary = s.currentPrimary;
      lines.push(
        `primary: ${oneLine(s.currentPrimary)}${s.timelineID ? ` (timeline ${s.timelineID})` : ''}`,
      );
    }
    return lines;
  }

  #set(phase: string, line: string): string[] {
    this.#phase = phase;
    return [line];
  }
}
