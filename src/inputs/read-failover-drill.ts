// failover-drill's inputs, read and cross-checked into one frozen FailoverDrillInputs.
import { ParseError, boolean, duration, integer, objectName, oneOf, singleLine } from './parse.ts';
import { inputReader, readShared, type GetInput } from './read.ts';
import { ACTIONS } from './spec.ts';
import type { SharedInputs } from './types.ts';

export const DRILL_MODES = ['kill', 'switchover'] as const;
export type DrillMode = (typeof DRILL_MODES)[number];

/** Seconds for the pod deletion, or the pod's own terminationGracePeriodSeconds. */
export type GracePeriod = 0 | 1 | 'default';

export interface FailoverDrillInputs extends SharedInputs {
  readonly mode: DrillMode;
  readonly gracePeriod: GracePeriod;
  /** Switchover target pod; undefined: the most advanced streaming standby. */
  readonly target?: string;
  readonly writers: number;
  readonly warmUpMs: number;
  readonly observeMs: number;
  readonly maxDowntimeMs?: number;
  /** 'any': only report. */
  readonly maxLostWrites: number | 'any';
  readonly switchBack: boolean;
  readonly keepTable: boolean;
  readonly reportPath?: string;
}

export const MAX_WRITERS = 32;

export function gracePeriod(raw: string): GracePeriod {
  if (raw === '0') return 0;
  if (raw === '1') return 1;
  if (raw === 'default') return 'default';
  throw new ParseError(`'${singleLine(raw, '1')}' is not one of 1, 0, default`, '1');
}

export function maxLostWrites(raw: string): number | 'any' {
  if (raw === 'any') return 'any';
  if (!/^\d+$/.test(raw))
    throw new ParseError(`'${singleLine(raw, '0')}' is not a whole number or any`, '0');
  return integer(raw, 0, Number.MAX_SAFE_INTEGER, '0');
}

/** A pod name, or a number n for <cluster>-n as `kubectl cnpg promote` takes it. */
export function switchoverTarget(raw: string, cluster: string | undefined): string {
  const example = cluster ? `${cluster}-2` : 'pg-orders-2';
  if (/^\d+$/.test(raw)) return `${cluster ?? '<cluster-name>'}-${raw}`;
  return objectName(raw, example);
}

function localPath(raw: string): string {
  return singleLine(raw, '${{ runner.temp }}/drill.json');
}

export function readFailoverDrillInputs(get: GetInput): FailoverDrillInputs {
  const r = inputReader(get, ACTIONS['failover-drill'].inputs);
  const shared = readShared(r);
  const mode = r.value('mode', (v) => oneOf(v, DRILL_MODES));
  const target = r.optional('target', (v) => switchoverTarget(v, shared.clusterName));
  if (target !== undefined && mode === 'kill')
    r.problem(
      'target',
      'applies to mode: switchover only',
      'mode: switchover with target: pg-orders-2',
    );
  const maxDowntimeMs = r.optional('max-downtime', (v) => duration(v, '30s', 3_600_000));
  const reportPath = r.optional('report-path', localPath);
  return r.finish({
    ...(shared as SharedInputs),
    mode,
    gracePeriod: r.value('grace-period', gracePeriod),
    ...(target === undefined ? {} : { target }),
    writers: r.value('writers', (v) => integer(v, 1, MAX_WRITERS, '4')),
    warmUpMs: r.value('warm-up', (v) => duration(v, '5s', 600_000)),
    observeMs: r.value('observe', (v) => duration(v, '10s', 3_600_000)),
    ...(maxDowntimeMs === undefined ? {} : { maxDowntimeMs }),
    maxLostWrites: r.value('max-lost-writes', maxLostWrites),
    switchBack: r.value('switch-back', boolean),
    keepTable: r.value('keep-table', boolean),
    ...(reportPath === undefined ? {} : { reportPath }),
  });
}
