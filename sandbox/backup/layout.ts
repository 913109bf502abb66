// The barman-cloud object store layout CNPG users see (facts §8): under
// <destinationPath>/<serverName>/, base backups in base/<backupId>/ (data.tar, backup.info)
// and WAL in wals/<first 16 hex of the segment>/<segment>; timeline history files directly
// in wals/, `.backup` label files and `.partial` segments beside their segment.

/** A 24-hex WAL segment name, optionally with `.partial` or `.<8 hex>.backup`. */
const SEGMENT = /^[0-9A-F]{24}(\.partial|\.[0-9A-F]{8}\.backup)?$/;
const HISTORY = /^[0-9A-F]{8}\.history$/;

export function isWalName(name: string): boolean {
  return SEGMENT.test(name) || HISTORY.test(name);
}

export function isHistoryFile(name: string): boolean {
  return HISTORY.test(name);
}

/** `<prefix>/<serverName>` inside the container (prefix may be ''). */
export function serverRoot(prefix: string, serverName: string): string {
  return [prefix, serverName].filter(Boolean).join('/');
}

/** Blob name of a WAL file (segment, history, .backup or .partial). */
export function walBlobName(root: string, walName: string): string {
  if (!isWalName(walName)) throw new Error(`${walName} is not a WAL file name`);
  if (isHistoryFile(walName)) return `${root}/wals/${walName}`;
  return `${root}/wals/${walName.slice(0, 16)}/${walName}`;
}

export function walsPrefix(root: string): string {
  return `${root}/wals/`;
}

export function basePrefix(root: string): string {
  return `${root}/base/`;
}

export function backupBlobName(root: string, backupId: string, file: string): string {
  return `${root}/base/${backupId}/${file}`;
}

/** barman's backup id: %Y%m%dT%H%M%S of the (UTC) container clock. */
export function backupIdAt(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, '')
    .slice(0, 15);
}

/** Segment name of an LSN on a timeline (16 MB segments). */
export function segmentOf(timeline: number, lsn: string): string {
  const [hi = '0', lo = '0'] = lsn.split('/');
  const seg = Math.floor(parseInt(lo, 16) / 0x1000000);
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');
  return `${hex(timeline)}${hex(parseInt(hi, 16))}${hex(seg)}`;
}
