// Compression of archived WAL (wal.compression) and base backups (data.compression) as
// barman-cloud names it: `<segment>.gz`, `.bz2`, `.xz`, `.snappy`, `.zst`, `.lz4` for WAL
// (barman/clients/cloud_walarchive.py) and `data.tar.gz`, `.bz2`, `.snappy` for base backups
// (barman/cloud.py). The sandbox writes and reads gzip with node:zlib, and WAL in the LZ4
// frame format (what python-lz4's lz4.frame writes for barman) with the npm package lz4js;
// the other algorithms are refused with a message saying so, where a user would see it (the
// ContinuousArchiving condition for WAL, the Backup's error for data).
import { createRequire } from 'node:module';
import { createGunzip, createGzip, gunzip, gzip } from 'node:zlib';
import type { Transform } from 'node:stream';
import { promisify } from 'node:util';

const WAL_SUFFIXES: Record<string, string> = {
  gzip: '.gz',
  bzip2: '.bz2',
  xz: '.xz',
  snappy: '.snappy',
  zstd: '.zst',
  lz4: '.lz4',
};
const DATA_SUFFIXES: Record<string, string> = { gzip: '.gz', bzip2: '.bz2', snappy: '.snappy' };
/** WAL compressions the sandbox writes and reads. */
const WAL_IMPLEMENTED = new Set(['gzip', 'lz4']);
const lz4 = createRequire(import.meta.url)('lz4js') as {
  compress(data: Uint8Array): Uint8Array;
  decompress(data: Uint8Array): Uint8Array;
};
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export class CompressionError extends Error {
  override name = 'CompressionError';
}

function refuse(field: string, algorithm: string, what: string): CompressionError {
  return new CompressionError(
    `${field} ${algorithm} is not implemented by the sandbox, which writes ${what} compressed ` +
      `with ${what === 'WAL' ? 'gzip or lz4' : 'gzip'} or uncompressed: set ${field} to gzip or remove it`,
  );
}

/** The object-name suffix of archived WAL for wal.compression ('' when none). */
export function walSuffix(compression: string | undefined): string {
  if (!compression) return '';
  if (!WAL_IMPLEMENTED.has(compression)) throw refuse('wal.compression', compression, 'WAL');
  return WAL_SUFFIXES[compression] ?? '';
}

/** The base backup's archive name for data.compression: data.tar or data.tar.gz. */
export function dataTarName(compression: string | undefined): string {
  if (!compression) return 'data.tar';
  if (compression !== 'gzip') throw refuse('data.compression', compression, 'base backups');
  return `data.tar${DATA_SUFFIXES.gzip ?? '.gz'}`;
}

export async function compressWal(data: Buffer, suffix: string): Promise<Buffer> {
  if (suffix === '.lz4') return Buffer.from(lz4.compress(data));
  return suffix === '' ? data : gzipAsync(data);
}

/** The compression suffix of an archived WAL object name ('' for none), if it is one barman knows. */
export function walSuffixOf(objectName: string, walName: string): string | undefined {
  const base = objectName.slice(objectName.lastIndexOf('/') + 1);
  if (base === walName) return '';
  const suffix = base.slice(walName.length);
  return base.startsWith(walName) && Object.values(WAL_SUFFIXES).includes(suffix)
    ? suffix
    : undefined;
}

/** The WAL file name of an archived object (compression suffix removed). */
export function stripWalSuffix(objectName: string): string {
  const base = objectName.slice(objectName.lastIndexOf('/') + 1);
  const suffix = Object.values(WAL_SUFFIXES).find((s) => base.endsWith(s));
  return suffix ? base.slice(0, -suffix.length) : base;
}

export async function decompressWal(data: Buffer, suffix: string, name: string): Promise<Buffer> {
  if (suffix === '') return data;
  if (suffix === '.gz') return gunzipAsync(data);
  if (suffix === '.lz4') return Buffer.from(lz4.decompress(data));
  const algorithm = Object.entries(WAL_SUFFIXES).find(([, s]) => s === suffix)?.[0] ?? suffix;
  throw new CompressionError(
    `${name}${suffix} is compressed with ${algorithm}, which the sandbox cannot decompress (it reads gzip and lz4)`,
  );
}

/** The data.tar* object of a base backup among its files, with the stream that unpacks it. */
export function dataTarReader(names: string[]): { name: string; unpack?: () => Transform } {
  const tar = names.find((n) => /\/data\.tar(\.[a-z0-9]+)?$/.test(n));
  if (!tar) throw new Error('the base backup has no data.tar');
  if (tar.endsWith('.tar')) return { name: tar };
  if (tar.endsWith('.tar.gz')) return { name: tar, unpack: () => createGunzip() };
  throw new CompressionError(
    `${tar.slice(tar.lastIndexOf('/') + 1)} is compressed with an algorithm the sandbox cannot read (it reads gzip)`,
  );
}

/** The stream that compresses a data.tar being written, when data.compression asks for it. */
export function dataTarWriter(name: string): Transform | undefined {
  return name.endsWith('.gz') ? createGzip() : undefined;
}
