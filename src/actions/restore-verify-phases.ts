// The phases of restore-verify, each recording its facts and outputs on the step as soon as it
// has them, so that a failed or cancelled run still reports them: the marker proof on the
// source, the throwaway Cluster (identity, state for post, create), the wait, the checks.
import type { KubeConfig } from '@kubernetes/client-node';
import { ensureIdentityTrust } from '../azure/identity-trust.ts';
import { proveWalArchiving, readArchiver } from '../cnpg/archiving.ts';
import { appLogin } from '../cnpg/app-credentials.ts';
import { recoveryClusterManifest } from '../cnpg/recovery-cluster.ts';
import { clusterSpecSchemaProblems, warmClusterSchema } from '../cnpg/cluster-schema.ts';
import type { RestoreSource } from '../cnpg/restore-source.ts';
import { waitRestored, type Restored } from '../cnpg/restore-wait.ts';
import { ConfigurationError } from '../errors.ts';
import type { RestoreVerifyInputs } from '../inputs/read-restore-verify.ts';
import type { OutputName } from '../inputs/spec.ts';
import type { KubeHttp } from '../kube/http.ts';
import { forwardPort } from '../kube/port-forward.ts';
import { objectPath, type KubeObject } from '../kube/resources.ts';
import { oneLine } from '../log-safety.ts';
import { runAmcheck } from '../postgres/amcheck.ts';
import { readRecoveryPoint } from '../postgres/recovery-point.ts';
import { writeMarkers } from '../postgres/markers.ts';
import type { ArchiverStatus } from '../postgres/archiver.ts';
import { runSessionChecks, type CheckResult } from '../postgres/restore-checks.ts';
import { openSession } from '../postgres/session.ts';
import type { SqlTarget } from '../postgres/superuser-sql.ts';
import { pgEnv, runVerifyCommand } from '../postgres/verify-command.ts';
import type { RestoreFacts, RestoreTimes } from '../report/restore-facts.ts';
import type { Connection } from './connect.ts';
import { runOrigin, type ActionContext } from './context.ts';
import { saveRestoreState } from './restore-verify-post.ts';
import type { Step } from './step.ts';

export type RestoreStep = Step<OutputName<'restore-verify'>, RestoreFacts>;

export interface Run {
  readonly ctx: ActionContext;
  readonly step: RestoreStep;
  readonly inputs: RestoreVerifyInputs;
  readonly conn: Connection;
  readonly deadline: number;
}

export const http = (r: Run): KubeHttp => r.conn.http;
const kc = (r: Run): KubeConfig => r.conn.config.kc;

export function mark(r: Run, times: Partial<RestoreTimes>): void {
  r.step.record({ times: { ...r.step.facts.times, ...times } });
}

function sqlTarget(r: Run, namespace: string, pod: string, database?: string): SqlTarget {
  return {
    kc: kc(r),
    namespace,
    pod,
    ...(database ? { database } : {}),
    deadline: r.deadline,
    now: r.ctx.now,
    onRetry: (m) => {
      r.ctx.logger.info(`exec into ${pod}: ${oneLine(m)}`);
    },
  };
}

export interface Target {
  /** targetTime for CNPG; none restores to the end of the archive. */
  readonly time?: string;
  /**
   * marker: B's segment being proven archived while the throwaway Cluster is created (its
   * recovery Job restores the base backup first); awaited before the restore is waited for.
   * A recovery that got there before the segment would fail and be retried, never pass.
   */
  readonly archived?: Promise<void>;
}

/** marker: A, T, B, then B's segment archived; latest: A archived; a time: nothing. */
export async function prepareTarget(r: Run, source: RestoreSource): Promise<Target> {
  warmClusterSchema();
  const t = r.inputs.target;
  if (t.kind === 'time') {
    r.step.record({
      targetTime: t.time,
      proof: `restore to the explicit time ${t.time}; no markers`,
    });
    return { time: t.time };
  }
  const around = t.kind === 'marker';
  const title = around ? 'Write markers A and B' : 'Write marker A';
  const { markers, before } = await r.step.phase(title, () => writeAll(r, source, around));
  mark(r, { markersWritten: Date.parse(markers.a.writtenAt) });
  r.step.record({
    markers,
    proof: around
      ? `WAL continuity and point-in-time precision: marker A (written ${markers.a.writtenAt}) must be restored and marker B (written after the target time ${markers.t ?? ''}) must not`
      : `WAL continuity to the end of the archive: marker A (written ${markers.a.writtenAt}) must be restored`,
    ...(markers.t ? { targetTime: markers.t } : {}),
  });
  const archived = archive(r, source, before);
  // A rejection is handled where it is awaited; this only keeps it from being "unhandled".
  archived.catch(() => undefined);
  if (!around) {
    await r.step.phase('Archive the WAL with marker A', () => archived);
    return {};
  }
  return { ...(markers.t ? { time: markers.t } : {}), archived };
}

function archivingDeps(r: Run) {
  return { http: http(r), kc: kc(r), logger: r.ctx.logger, now: r.ctx.now, deadline: r.deadline };
}

async function writeAll(r: Run, source: RestoreSource, around: boolean) {
  const target = sqlTarget(r, r.inputs.namespace, source.primary, source.database);
  const before = await readArchiver(archivingDeps(r), source.where);
  const markers = await writeMarkers(target, source.owner, r.ctx.env.GITHUB_RUN_ID ?? '', around);
  r.ctx.logger.info(
    `Marker A written at ${markers.a.writtenAt}${markers.t ? `; target time ${markers.t}; marker B written at ${markers.b?.writtenAt ?? ''}` : ''} (table pgha_restore_markers in database ${source.database})`,
  );
  return { markers, before };
}

/** Switches WAL and waits until the segment with the markers is archived. */
async function archive(r: Run, source: RestoreSource, before: ArchiverStatus): Promise<void> {
  const proof = await proveWalArchiving(archivingDeps(r), source.where, before);
  mark(r, { archived: r.ctx.now() });
  r.step.record({ walProof: proof });
}

/** Ensures the identity's trust, saves the state for post, then creates the Cluster. */
export async function createThrowaway(
  r: Run,
  source: RestoreSource,
  targetTime: string | undefined,
): Promise<void> {
  const { inputs, ctx } = r;
  const manifest = recoveryClusterManifest({
    inputs,
    source,
    origin: runOrigin(ctx.env),
    ...(targetTime ? { targetTime } : {}),
  });
  const problems = await clusterSpecSchemaProblems(manifest.spec);
  if (problems.length > 0)
    throw new ConfigurationError(
      `the throwaway Cluster's spec, built from Cluster ${inputs.clusterName}, is not valid: ${problems.join('; ')}`,
    );
  const trust = await trustIdentity(r);
  saveRestoreState(ctx, {
    namespace: inputs.recoveryNamespace,
    name: inputs.recoveryCluster,
    source: inputs.clusterName,
    keep: inputs.keep,
    ...(trust ? { identity: trust } : {}),
    done: false,
  });
  const created = await http(r).json<KubeObject>({
    method: 'POST',
    path: objectPath(manifest).replace(/\/[^/]+$/, ''),
    query: { fieldManager: 'pgha' },
    body: manifest,
    context: `creating Cluster ${inputs.recoveryCluster}`,
  });
  const at = ctx.now();
  mark(r, { created: at });
  r.step.record({
    recovery: {
      name: inputs.recoveryCluster,
      namespace: inputs.recoveryNamespace,
      createdAt: at,
      ...(created.body.metadata.creationTimestamp
        ? { creationTimestamp: created.body.metadata.creationTimestamp }
        : {}),
    },
  });
  ctx.logger.info(
    `Created Cluster ${inputs.recoveryCluster} in namespace ${inputs.recoveryNamespace}: recovery of backupID ${source.backup.backupId}${targetTime ? ` to ${targetTime}` : ' to the end of the archive'}, no WAL archiving`,
  );
}

async function trustIdentity(r: Run) {
  const { inputs } = r;
  const azure = r.conn.azure;
  if (!inputs.identity || !azure || !inputs.azure || !inputs.aks) return undefined;
  const trust = await ensureIdentityTrust(
    azure.arm,
    {
      subscriptionId: inputs.azure.subscriptionId,
      aksResourceGroup: inputs.aks.resourceGroup,
      aksCluster: inputs.aks.cluster,
      identity: inputs.identity,
      namespace: inputs.recoveryNamespace,
      serviceAccount: inputs.recoveryCluster,
      dryRun: false,
    },
    r.ctx.logger,
  );
  const credential = {
    subscriptionId: inputs.azure.subscriptionId,
    resourceGroup: inputs.identity.resourceGroup,
    identity: inputs.identity.name,
    name: trust.name,
  };
  r.step.record({ identity: trust, credential });
  return credential;
}

export async function waitRestore(r: Run): Promise<Restored> {
  const { inputs, ctx } = r;
  const created = r.step.facts.times?.created ?? ctx.now();
  const limit =
    inputs.maxRestoreMs === undefined
      ? r.deadline
      : Math.min(r.deadline, created + inputs.maxRestoreMs);
  const restored = await waitRestored({
    http: http(r),
    namespace: inputs.recoveryNamespace,
    name: inputs.recoveryCluster,
    deadline: limit,
    limit: limit < r.deadline ? `input 'max-restore-time'` : `input 'timeout'`,
    logger: ctx.logger,
    now: ctx.now,
  });
  mark(r, { healthy: restored.seenAt });
  const s = restored.cluster.status;
  const recovery = r.step.facts.recovery;
  if (recovery)
    r.step.record({
      recovery: {
        ...recovery,
        healthyAt: restored.seenAt,
        ...(s?.currentPrimary ? { primary: s.currentPrimary } : {}),
        ...(s?.timelineID ? { timeline: s.timelineID } : {}),
      },
    });
  r.step.output('restore-seconds', ((restored.seenAt - created) / 1000).toFixed(2));
  ctx.logger.info(
    `Cluster ${inputs.recoveryCluster} is healthy ${((restored.seenAt - created) / 1000).toFixed(1)} s after its creation (timeline ${s?.timelineID ?? '?'})`,
  );
  return restored;
}

function addChecks(r: Run, results: readonly CheckResult[]): void {
  r.step.record({ checks: [...(r.step.facts.checks ?? []), ...results] });
  for (const c of results)
    r.ctx.logger.info(
      `${c.passed ? 'passed' : 'FAILED'}: ${oneLine(c.name)}: ${oneLine(c.observed)} (expected ${oneLine(c.expected)})`,
    );
}

/** Markers and checks over a port-forward as the application user, then verify-command. */
export async function verifyData(r: Run, restored: Restored): Promise<void> {
  const { inputs, ctx } = r;
  const primary = restored.cluster.status?.currentPrimary ?? `${inputs.recoveryCluster}-1`;
  const login = await appLogin(http(r), inputs.recoveryNamespace, restored.cluster, ctx.setSecret);
  const port = await forwardPort(kc(r), {
    namespace: inputs.recoveryNamespace,
    pod: primary,
    port: 5432,
  });
  try {
    await r.step.phase('Check the restored data (read only, as the application user)', async () => {
      const client = await openSession(port, login, { applicationName: 'pgha-restore-verify' });
      try {
        const found = await runSessionChecks(client, r.step.facts.markers, inputs.checks, ctx.now);
        addChecks(r, found.results);
      } finally {
        await client.end().catch(() => undefined);
      }
    });
    if (inputs.verifyCommand !== undefined)
      await verifyCommand(r, inputs.verifyCommand, pgEnv(port, login));
  } finally {
    await port.close();
  }
  await recoveryPoint(r, primary);
  await amcheck(r, primary);
}

/** The timeline and the point where recovery stopped, from the new timeline's history file. */
async function recoveryPoint(r: Run, primary: string): Promise<void> {
  const point = await r.step.phase('Read the recovered-to point', () =>
    readRecoveryPoint(sqlTarget(r, r.inputs.recoveryNamespace, primary)),
  );
  if (!point) return;
  r.step.record({ recoveredTo: point.lsn, recoveryReason: point.reason });
  r.step.output('recovered-to', point.lsn);
  r.ctx.logger.info(
    `Recovery stopped at ${point.lsn} (${oneLine(point.reason)}); timeline ${point.timeline} began there`,
  );
}

async function verifyCommand(r: Run, command: string, env: Record<string, string>): Promise<void> {
  const result = await r.step.phase('verify-command', () =>
    runVerifyCommand(command, env, r.ctx.now),
  );
  r.step.record({ verifyExit: result.exitCode });
  addChecks(r, [
    {
      name: 'verify-command',
      kind: 'verify-command',
      passed: result.exitCode === 0,
      observed: `exit status ${result.exitCode}`,
      expected: 'exit status 0',
      ms: result.ms,
    },
  ]);
}

async function amcheck(r: Run, primary: string): Promise<void> {
  const mode = r.inputs.amcheck;
  if (mode === 'none') return;
  const started = r.ctx.now();
  const database = r.step.facts.source?.database ?? 'app';
  const target = {
    ...sqlTarget(r, r.inputs.recoveryNamespace, primary, database),
    maxExecMs: Math.max(1000, r.deadline - started),
  };
  const result = await r.step.phase(`amcheck (${mode})`, () => runAmcheck(target, mode));
  r.step.record({ amcheck: result });
  for (const c of result.corrupt)
    r.ctx.logger.warning(`amcheck: index ${oneLine(c.index)}: ${oneLine(c.error)}`);
  addChecks(r, [
    {
      name: `amcheck ${mode}: ${result.indexes} B-tree indexes`,
      kind: 'amcheck',
      passed: result.corrupt.length === 0,
      observed:
        result.corrupt.length === 0
          ? 'no corruption'
          : `${result.corrupt.length} corrupt: ${result.corrupt.map((c) => c.index).join(', ')}`,
      expected: 'no corruption',
      ms: r.ctx.now() - started,
    },
  ]);
}
