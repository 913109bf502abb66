// A short timeline of a backup run, from the facts: the WAL switch and its archiving (server
// clock), the Backup's creation, each phase this run saw (runner clock) and the Backup's own
// start and stop (its status), oldest first.
import type { BackupFacts } from './backup-facts.ts';
import { table } from './markdown.ts';

type TimelineFacts = Partial<Pick<BackupFacts, 'proof' | 'backup' | 'primary'>>;

interface Entry {
  readonly at: number;
  readonly what: string;
}

function entry(at: string | number | undefined, what: string): Entry[] {
  const ms = typeof at === 'number' ? at : Date.parse(at ?? '');
  return Number.isFinite(ms) ? [{ at: ms, what }] : [];
}

export function timeline(f: TimelineFacts): Entry[] {
  const p = f.proof;
  const b = f.backup;
  const entries = [
    ...entry(
      p?.switchedAt,
      `WAL switched on ${f.primary ?? 'the primary'}: segment ${p?.segment ?? ''} closed`,
    ),
    ...entry(p?.archivedAt, `segment ${p?.segment ?? ''} archived`),
    ...(b?.created ? entry(b.createdAt, `Backup ${b.name} created`) : []),
    ...(b?.phases ?? []).map((s) => ({ at: s.at, what: `Backup ${b?.name ?? ''}: ${s.phase}` })),
    ...entry(b?.startedAt, `backup started${b?.pod ? ` on ${b.pod}` : ''} (Backup status)`),
    ...entry(b?.stoppedAt, 'backup stopped (Backup status)'),
  ];
  return entries.sort((x, y) => x.at - y.at);
}

export function timelineSection(f: TimelineFacts): string {
  const entries = timeline(f);
  if (entries.length === 0) return '';
  const rows = entries.map((e) => [
    new Date(e.at).toISOString().replace('T', ' ').replace('Z', ''),
    e.what,
  ]);
  return `### Timeline (UTC)\n\n${table(['time', 'event'], rows)}`;
}
