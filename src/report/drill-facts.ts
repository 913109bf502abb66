// What a failover-drill run finds out and measures, recorded on its step as it goes; the job
// summary and the JSON report are built from it.
import type { Durability, LeaseSettings } from '../cnpg/durability.ts';
import type { FailoverDrillInputs } from '../inputs/read-failover-drill.ts';
import type { TimelineRows } from '../postgres/drill-table.ts';
import type { DrillResults, DrillTimestamps, Verdict } from './drill-results.ts';

export interface DrillTableFacts {
  readonly schema: string;
  readonly name: string;
  readonly database: string;
  /** kept (keep-table), dropped by main, or left for the post step. */
  readonly state: 'kept' | 'dropped' | 'left';
}

export interface DrillFacts {
  readonly inputs: FailoverDrillInputs;
  readonly durability: Durability;
  readonly lease: LeaseSettings;
  readonly refused: readonly string[];
  readonly oldPrimary: string;
  readonly oldTimeline: number;
  readonly target: string;
  readonly podGraceSeconds: number;
  readonly fault: string;
  readonly newPrimary: string;
  readonly timeline: number;
  /** status.currentPrimaryTimestamp the new primary wrote (the cluster's clock). */
  readonly promotedAt: string;
  readonly timestamps: DrillTimestamps;
  readonly table: DrillTableFacts;
  readonly results: DrillResults;
  readonly byTimeline: readonly TimelineRows[];
  readonly switchedBackTo: string;
  readonly verdict: Verdict;
  readonly reportPath: string;
}
