// barman's backup.info: one `key=value` per line, written at the end of a base backup (facts
// §8). Strings with newlines (backup_label) are written as Python literals, as barman does.

export interface BackupInfo {
  backupId: string;
  backupName: string;
  serverName: string;
  status: 'DONE' | 'FAILED' | 'STARTED';
  beginTime: Date;
  endTime: Date;
  beginWal: string;
  endWal: string;
  beginXlog: string;
  endXlog: string;
  timeline: number;
  systemId: string;
  /** server_version_num, e.g. 180004. */
  version: number;
  size: number;
  backupLabel: string;
  error: string;
}

function pythonString(s: string): string {
  return `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`;
}

function unPython(s: string): string {
  if (!/^'.*'$/s.test(s)) return s;
  return s.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

/** barman's timestamp text: `2026-12-01 10:00:00.123456+00:00`. */
function barmanTime(d: Date): string {
  return `${d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.(\d{3})Z$/, '.$1000')}+00:00`;
}

export function formatBackupInfo(b: BackupInfo): string {
  const lines: [string, string][] = [
    ['backup_id', b.backupId],
    ['backup_label', pythonString(b.backupLabel)],
    ['backup_name', b.backupName],
    ['begin_offset', String(parseInt(b.beginXlog.split('/')[1] ?? '0', 16) % 0x1000000)],
    ['begin_time', barmanTime(b.beginTime)],
    ['begin_wal', b.beginWal],
    ['begin_xlog', b.beginXlog],
    ['compression', 'None'],
    ['end_offset', String(parseInt(b.endXlog.split('/')[1] ?? '0', 16) % 0x1000000)],
    ['end_time', barmanTime(b.endTime)],
    ['end_wal', b.endWal],
    ['end_xlog', b.endXlog],
    ['error', b.error === '' ? 'None' : b.error],
    ['mode', 'concurrent'],
    ['pgdata', '/var/lib/postgresql/data/pgdata'],
    ['server_name', b.serverName],
    ['size', String(b.size)],
    ['status', b.status],
    ['systemid', b.systemId],
    ['tablespaces', 'None'],
    ['timeline', String(b.timeline)],
    ['version', String(b.version)],
    ['xlog_segment_size', String(16 * 1024 * 1024)],
  ];
  return `${lines.map(([k, v]) => `${k}=${v}`).join('\n')}\n`;
}

function parseTime(s: string | undefined): Date {
  return new Date((s ?? '').replace(' ', 'T'));
}

export function parseBackupInfo(text: string): BackupInfo {
  const kv = new Map<string, string>();
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) kv.set(line.slice(0, at), line.slice(at + 1));
  }
  const get = (k: string) => kv.get(k) ?? '';
  const status = get('status');
  return {
    backupId: get('backup_id'),
    backupName: get('backup_name'),
    serverName: get('server_name'),
    status: status === 'DONE' || status === 'FAILED' ? status : 'STARTED',
    beginTime: parseTime(kv.get('begin_time')),
    endTime: parseTime(kv.get('end_time')),
    beginWal: get('begin_wal'),
    endWal: get('end_wal'),
    beginXlog: get('begin_xlog'),
    endXlog: get('end_xlog'),
    timeline: Number(get('timeline')),
    systemId: get('systemid'),
    version: Number(get('version')),
    size: Number(get('size')),
    backupLabel: unPython(get('backup_label')),
    error: get('error') === 'None' ? '' : get('error'),
  };
}
