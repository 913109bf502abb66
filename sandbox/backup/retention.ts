// barman-cloud's retention policy as CNPG applies it (`retentionPolicy: 30d`): a RECOVERY
// WINDOW OF N DAYS|WEEKS|MONTHS (a month is 31 days, as in barman). Every DONE backup that
// ended inside [now - window, now] is kept, plus the newest DONE backup that ended before the
// window start (needed to recover to it); older DONE backups and FAILED backups older than the
// oldest kept one are deleted, with the WAL (compressed or not) older than the oldest kept
// backup's begin_wal.
// Timeline history files are always kept. Without any DONE backup nothing is deleted.
import type { ArchiveStore } from './archive-store.ts';
import type { BackupInfo } from './backup-info.ts';
import { listBackups } from './catalog.ts';
import { stripWalSuffix } from './compression.ts';
import { basePrefix, isHistoryFile, isWalName, walsPrefix } from './layout.ts';

export interface RecoveryWindow {
  /** End time of the oldest DONE backup: the earliest point a recovery can reach. */
  firstRecoverabilityPoint: Date | undefined;
  /** End time of the newest DONE backup. */
  lastSuccessfulBackupTime: Date | undefined;
}

export interface RetentionResult extends RecoveryWindow {
  /** Ids of the backups left in the store (any status), oldest first. */
  keptBackups: string[];
  /** Ids of the backups deleted (all their blobs under base/<id>/), oldest first. */
  removedBackups: string[];
  /** Blob names of the WAL files deleted (segments, `.backup` and `.partial` files). */
  removedWals: string[];
}

const POLICY = /^([1-9][0-9]*)([dwm])$/;
const SEGMENT_NAME = /^[0-9A-F]{24}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const UNIT_DAYS: Record<string, number> = { d: 1, w: 7, m: 31 };

/** The recovery window of a retentionPolicy, in milliseconds. */
export function parseRetention(policy: string): number {
  const match = POLICY.exec(policy);
  const days = UNIT_DAYS[match?.[2] ?? ''];
  if (!match || days === undefined)
    throw new Error(
      `retentionPolicy "${policy}" is invalid: expected a positive whole number followed by ` +
        'd (days), w (weeks) or m (months), e.g. 30d (pattern ^[1-9][0-9]*[dwm]$)',
    );
  return Number(match[1]) * days * DAY_MS;
}

function doneBackups(backups: BackupInfo[]): BackupInfo[] {
  return backups
    .filter((b) => b.status === 'DONE')
    .sort((a, b) => a.endTime.getTime() - b.endTime.getTime());
}

/** The recovery window the backups give, without a policy: oldest and newest DONE backups. */
export function recoveryWindow(backups: BackupInfo[]): RecoveryWindow {
  const done = doneBackups(backups);
  return {
    firstRecoverabilityPoint: done[0]?.endTime,
    lastSuccessfulBackupTime: done.at(-1)?.endTime,
  };
}

/** The DONE backups the policy keeps: those ended in the window, and the newest before it. */
function keptDone(done: BackupInfo[], windowStart: number): BackupInfo[] {
  const before = done.filter((b) => b.endTime.getTime() < windowStart);
  const inside = done.filter((b) => b.endTime.getTime() >= windowStart);
  const anchor = before.at(-1);
  return anchor ? [anchor, ...inside] : inside;
}

/** Whether a backup is obsolete given the oldest kept DONE backup (barman orders by id). */
function obsolete(b: BackupInfo, kept: ReadonlySet<string>, oldest: BackupInfo): boolean {
  if (kept.has(b.backupId)) return false;
  if (b.status === 'DONE') return true;
  return b.status === 'FAILED' && b.backupId < oldest.backupId;
}

/** Whether a WAL file name precedes the begin_wal segment (older timeline, or same and lower). */
function walBefore(walName: string, beginWal: string): boolean {
  if (isHistoryFile(walName) || !isWalName(walName)) return false;
  const segment = walName.slice(0, 24);
  const timeline = segment.slice(0, 8);
  const beginTimeline = beginWal.slice(0, 8);
  if (timeline !== beginTimeline) return timeline < beginTimeline;
  return segment < beginWal;
}

async function deletePrefix(store: ArchiveStore, prefix: string): Promise<void> {
  const names: string[] = [];
  for await (const o of store.list(prefix)) names.push(o.name);
  for (const name of names) await store.delete(name);
}

async function deleteWalsBefore(
  store: ArchiveStore,
  root: string,
  beginWal: string,
): Promise<string[]> {
  const removed: string[] = [];
  for await (const o of store.list(walsPrefix(root))) {
    if (walBefore(stripWalSuffix(o.name), beginWal)) removed.push(o.name);
  }
  for (const name of removed) await store.delete(name);
  return removed;
}

/** Applies a retentionPolicy to the server at `root` in the container or bucket, as of `now`. */
export async function applyRetention(
  store: ArchiveStore,
  root: string,
  policy: string,
  now: Date,
): Promise<RetentionResult> {
  const windowStart = now.getTime() - parseRetention(policy);
  const backups = await listBackups(store, root);
  const kept = keptDone(doneBackups(backups), windowStart);
  const oldest = kept[0];
  if (!oldest)
    return {
      keptBackups: backups.map((b) => b.backupId),
      removedBackups: [],
      removedWals: [],
      ...recoveryWindow([]),
    };
  const keptIds = new Set(kept.map((b) => b.backupId));
  const removed = backups.filter((b) => obsolete(b, keptIds, oldest));
  for (const b of removed) await deletePrefix(store, `${basePrefix(root)}${b.backupId}/`);
  const removedWals = SEGMENT_NAME.test(oldest.beginWal)
    ? await deleteWalsBefore(store, root, oldest.beginWal)
    : [];
  return {
    keptBackups: backups.filter((b) => !removed.includes(b)).map((b) => b.backupId),
    removedBackups: removed.map((b) => b.backupId),
    removedWals,
    ...recoveryWindow(kept),
  };
}
