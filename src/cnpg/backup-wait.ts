// Watching a Backup until it is completed or failed, the only terminal phases (facts §3).
// Every phase change is logged and kept with its time for the timeline; walArchivingFailing
// is a warning as soon as it shows, and a Backup left pending is reported every 30 s (CNPG
// runs one backup per cluster at a time and retries a pending one; a missing or unready
// target pod also leaves it pending). The step's deadline ends the wait, with the Backup's
// phase and error, the Cluster's conditions and the events of both.
import { DiagnosedError } from '../errors.ts';
import type { KubeHttp } from '../kube/http.ts';
import { CNPG_CLUSTER, collectionPath, type KubeObject } from '../kube/resources.ts';
import { WatchTimeout, waitFor } from '../kube/watch.ts';
import { oneLine } from '../log-safety.ts';
import type { Logger } from '../logging.ts';
import { BACKUP, isDone, type BackupView } from './backups.ts';
import { gatherDiagnostics, recentEvents } from './diagnostics.ts';

export interface PhaseSeen {
  readonly phase: string;
  /** ms since the epoch, this machine's clock. */
  readonly at: number;
}

export interface BackupWaitOptions {
  readonly namespace: string;
  readonly name: string;
  readonly cluster: string;
  readonly deadline: number;
  readonly logger: Logger;
  readonly now: () => number;
  /** Receives each phase as it is first seen. */
  readonly onPhase?: (seen: PhaseSeen) => void;
}

const PENDING_REMINDER_MS = 30_000;

/** The Backup failed or did not finish in time; `backup` is how it was last seen. */
export class BackupWaitError extends DiagnosedError {
  readonly backup: BackupView | undefined;
  constructor(
    message: string,
    diagnostics: string,
    backup: BackupView | undefined,
    options?: ErrorOptions,
  ) {
    super(message, diagnostics, options);
    this.backup = backup;
  }
}

const HINTS: Readonly<Record<string, string>> = {
  pending:
    'CNPG runs one backup of a cluster at a time and retries a pending one; a missing or unready target pod also keeps it pending',
  walArchivingFailing:
    'CNPG checks that WAL is archived before it backs up and retries for up to 10 minutes; the ContinuousArchiving condition says why it fails',
  'invalid backup definition':
    'the Backup spec was refused by the operator; fix it and use another backup-name',
};

class PhaseLog {
  #phase: string | undefined;
  #since = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly o: BackupWaitOptions;
  constructor(o: BackupWaitOptions) {
    this.o = o;
  }

  see(b: BackupView | undefined): void {
    const phase = b ? (b.status?.phase ?? 'new') : 'deleted';
    if (phase === this.#phase) return;
    const now = this.o.now();
    if (this.#phase === 'pending')
      this.o.logger.info(
        `Backup ${this.o.name} waited ${((now - this.#since) / 1000).toFixed(1)} s in pending`,
      );
    this.#phase = phase;
    this.#since = now;
    this.o.onPhase?.({ phase, at: now });
    const hint = HINTS[phase];
    const text = `Backup ${this.o.name}: ${oneLine(phase)}${b?.status?.error ? ` (${oneLine(b.status.error)})` : ''}${hint ? `: ${hint}` : ''}`;
    if (phase === 'walArchivingFailing' || phase === 'invalid backup definition')
      this.o.logger.warning(text);
    else this.o.logger.info(text);
    this.#remind(phase);
  }

  #remind(phase: string): void {
    clearInterval(this.#timer);
    if (phase !== 'pending' && phase !== 'walArchivingFailing') return;
    this.#timer = setInterval(() => {
      const s = Math.round((this.o.now() - this.#since) / 1000);
      this.o.logger.warning(
        `Backup ${this.o.name} is still ${phase} after ${s} s: ${HINTS[phase] ?? ''}`,
      );
    }, PENDING_REMINDER_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

export async function waitBackup(http: KubeHttp, o: BackupWaitOptions): Promise<BackupView> {
  const log = new PhaseLog(o);
  let done: BackupView;
  try {
    done = await waitFor(
      http,
      {
        collection: collectionPath(BACKUP.apiVersion, BACKUP.kind, o.namespace),
        name: o.name,
        what: `Backup ${o.name} to complete`,
      },
      {
        deadline: o.deadline,
        now: o.now,
        check: (obj) => {
          const b: BackupView | undefined = obj;
          log.see(b);
          return isDone(b) ? b : undefined;
        },
        onReconnect: (reason) => {
          o.logger.info(`Watch interrupted (${oneLine(reason)}); resuming`);
        },
      },
    );
  } catch (error) {
    if (!(error instanceof WatchTimeout)) throw error;
    const last: BackupView | undefined = error.last;
    throw new BackupWaitError(
      `Backup ${o.name} did not complete within the step's timeout (input 'timeout'): it is ${last?.status?.phase ?? 'new'}${last?.status?.error ? `: ${oneLine(last.status.error)}` : ''}`,
      await backupDiagnostics(http, o, last),
      last,
      { cause: error },
    );
  } finally {
    log.stop();
  }
  if (done.status?.phase === 'failed')
    throw new BackupWaitError(
      `Backup ${o.name} failed: ${oneLine(done.status.error ?? '(no error recorded)')}`,
      await backupDiagnostics(http, o, done),
      done,
    );
  return done;
}

/** The Backup's phase and error, the Cluster's conditions and pods, the events of both. */
export async function backupDiagnostics(
  http: KubeHttp,
  o: Pick<BackupWaitOptions, 'namespace' | 'name' | 'cluster'>,
  b: BackupView | undefined,
): Promise<string> {
  const s = b?.status;
  const lines = [
    b
      ? `Backup ${o.name}: phase ${oneLine(s?.phase ?? 'new')}${s?.error ? `, error: ${oneLine(s.error)}` : ''}${s?.instanceID?.podName ? `, on ${s.instanceID.podName}` : ''}`
      : `Backup ${o.name}: not found`,
  ];
  let cluster: KubeObject | undefined;
  try {
    const { body } = await http.json<KubeObject>({
      method: 'GET',
      path: `${collectionPath(CNPG_CLUSTER.apiVersion, CNPG_CLUSTER.kind, o.namespace)}/${o.cluster}`,
      context: `reading Cluster ${o.cluster}`,
    });
    cluster = body;
  } catch {
    cluster = undefined;
  }
  lines.push(await gatherDiagnostics(http, o.namespace, o.cluster, cluster));
  try {
    const events = await recentEvents(http, o.namespace, [o.name]);
    if (events.length > 0)
      lines.push(`Events of Backup ${o.name}:`, ...events.map((e) => `  ${e}`));
  } catch {
    // best effort: the cluster's events are above
  }
  return lines.join('\n');
}
