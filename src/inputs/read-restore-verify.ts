// restore-verify's inputs, read and cross-checked into one frozen RestoreVerifyInputs before
// any request: the backup, the recovery target, the throwaway Cluster's name and size, the
// checks (YAML, validated here), amcheck, keep, the identity, the limits and the issue.
import { parseChecks, type Check } from './parse-checks.ts';
import {
  ParseError,
  boolean,
  clusterName,
  duration,
  integer,
  namespaceName,
  objectName,
  oneOf,
  quantity,
  singleLine,
} from './parse.ts';
import { MAX_TIMEOUT_MS, inputReader, readShared, type GetInput } from './read.ts';
import { readIdentity } from './read-deploy.ts';
import { ACTIONS } from './spec.ts';
import type { Quantity, SharedInputs } from './types.ts';

export const AMCHECK_MODES = ['none', 'indexes', 'heapallindexed'] as const;
export type AmcheckMode = (typeof AMCHECK_MODES)[number];
export const KEEP_MODES = ['never', 'on-failure', 'always'] as const;
export type KeepMode = (typeof KEEP_MODES)[number];

/** What to restore to and what that proves. */
export type RestoreTarget =
  | { readonly kind: 'marker' }
  | { readonly kind: 'latest' }
  | { readonly kind: 'time'; readonly time: string };

export interface RestoreVerifyInputs extends SharedInputs {
  readonly backupName?: string;
  readonly target: RestoreTarget;
  readonly recoveryCluster: string;
  readonly recoveryNamespace: string;
  readonly instances: number;
  readonly storageSize?: Quantity;
  readonly storageClass?: string;
  readonly checks: readonly Check[];
  readonly verifyCommand?: string;
  readonly amcheck: AmcheckMode;
  readonly keep: KeepMode;
  readonly identity?: { readonly name: string; readonly resourceGroup: string };
  readonly maxBackupAgeMs?: number;
  readonly maxRestoreMs?: number;
  readonly reportPath?: string;
  readonly openIssue: boolean;
  readonly githubToken?: string;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

export function restoreTarget(raw: string): RestoreTarget {
  if (raw === 'marker' || raw === 'latest') return { kind: raw };
  const example = '2026-05-01T03:00:00Z';
  if (!RFC3339.test(singleLine(raw, example)) || Number.isNaN(Date.parse(raw)))
    throw new ParseError(`'${raw}' is not marker, latest or an RFC 3339 time`, example);
  return { kind: 'time', time: raw };
}

const MAX_NAME = 50;

/**
 * <cluster>-verify-<run id>[-<attempt>], cut to 50 characters by shortening the cluster part
 * (never the run id, which tells runs apart), so pod and service names stay valid.
 */
export function recoveryClusterName(cluster: string, runId: string, attempt?: string): string {
  const suffix = `-verify-${runId}${attempt && attempt !== '1' ? `-${attempt}` : ''}`;
  const room = Math.max(1, MAX_NAME - suffix.length);
  const head = cluster.slice(0, room).replace(/-+$/, '');
  return `${head}${suffix}`.slice(0, MAX_NAME).replace(/-+$/, '');
}

/** The run id, or (outside Actions) the UTC time in seconds, lower-case and DNS-safe. */
function runTag(env: Readonly<Record<string, string | undefined>>, now: number): string {
  const id = env.GITHUB_RUN_ID ?? '';
  if (/^\d+$/.test(id)) return id;
  return new Date(now).toISOString().replace(/\D/g, '').slice(0, 14);
}

type Reader = ReturnType<typeof inputReader<(typeof ACTIONS)['restore-verify']['inputs']>>;

/** The runner passes the default `${{ github.token }}` evaluated; unevaluated, it is no token. */
function githubToken(r: Reader, openIssue: boolean): string | undefined {
  const raw = r.raw('github-token');
  const token = raw === '' || raw.startsWith('${{') ? undefined : raw;
  if (openIssue && token === undefined)
    r.problem(
      'github-token',
      'open-issue-on-failure needs a token',
      'github-token: ${{ github.token }}',
    );
  return token;
}

export function readRestoreVerifyInputs(
  get: GetInput,
  env: Readonly<Record<string, string | undefined>>,
  now: number,
): RestoreVerifyInputs {
  const r = inputReader(get, ACTIONS['restore-verify'].inputs);
  const shared = readShared(r);
  const source = shared.clusterName ?? 'pg';
  const given = r.optional('recovery-cluster', clusterName);
  const recoveryCluster =
    given ?? recoveryClusterName(source, runTag(env, now), env.GITHUB_RUN_ATTEMPT);
  const recoveryNamespace =
    r.optional('recovery-namespace', namespaceName) ?? shared.namespace ?? 'cnpg-database';
  if (recoveryCluster === source && recoveryNamespace === shared.namespace)
    r.problem('recovery-cluster', `is the source cluster itself`, `${source}-verify`);
  const openIssue = r.value('open-issue-on-failure', boolean);
  const inputs = {
    ...shared,
    backupName: r.optional('backup-name', (v) => objectName(v, 'pg-orders-20260501000000')),
    target: r.value('target', restoreTarget),
    recoveryCluster,
    recoveryNamespace,
    instances: r.value('instances', (v) => integer(v, 1, 3, '1')),
    storageSize: r.optional('storage-size', (v) => quantity(v, '10Gi', 2 ** 50)),
    storageClass: r.optional('storage-class', (v) => objectName(v, 'managed-csi-premium')),
    checks: r.optional('checks', parseChecks) ?? [],
    verifyCommand: r.raw('verify-command') || undefined,
    amcheck: r.value('amcheck', (v) => oneOf(v, AMCHECK_MODES)),
    keep: r.value('keep', (v) => oneOf(v, KEEP_MODES)),
    identity: readIdentity(r),
    maxBackupAgeMs: r.optional('max-backup-age', (v) => duration(v, '26h', 366 * MAX_TIMEOUT_MS)),
    maxRestoreMs: r.optional('max-restore-time', (v) => duration(v, '30m', MAX_TIMEOUT_MS)),
    reportPath: r.optional('report-path', (v) => singleLine(v, '${{ runner.temp }}/restore.json')),
    openIssue,
    githubToken: githubToken(r, openIssue),
  };
  return r.finish(inputs as RestoreVerifyInputs);
}
