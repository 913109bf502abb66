// A minimal ustar writer for base backups: barman-cloud-backup streams the data directory
// as data.tar and adds backup_label at the end, after pg_backup_stop, which the tar binary
// cannot do to a stream it already closed. Extraction uses GNU tar (base-backup.ts).
import { PassThrough } from 'node:stream';

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function splitName(name: string): { prefix: string; base: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', base: name };
  const cut = name.lastIndexOf('/', 155);
  if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100)
    throw new Error(`tar: path too long for ustar: ${name}`);
  return { prefix: name.slice(0, cut), base: name.slice(cut + 1) };
}

function header(name: string, size: number, mode: number, mtime: Date, type: '0' | '5'): Buffer {
  const h = Buffer.alloc(BLOCK);
  const { prefix, base } = splitName(name);
  h.write(base, 0, 100);
  h.write(octal(mode & 0o7777, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(size, 12), 124);
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136);
  h.write(' '.repeat(8), 148);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.write('postgres', 265);
  h.write('postgres', 297);
  h.write(prefix, 345, 155);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

export class TarWriter {
  /** The archive as it is written; pipe it to the upload. */
  readonly stream = new PassThrough({ highWaterMark: 4 * 1024 * 1024 });
  bytes = 0;

  async #write(chunk: Buffer): Promise<void> {
    this.bytes += chunk.length;
    if (!this.stream.write(chunk))
      await new Promise<void>((resolve) => this.stream.once('drain', resolve));
  }

  async addDirectory(name: string, mode = 0o700, mtime = new Date()): Promise<void> {
    await this.#write(header(name.endsWith('/') ? name : `${name}/`, 0, mode, mtime, '5'));
  }

  async addFile(name: string, data: Buffer, mode = 0o600, mtime = new Date()): Promise<void> {
    await this.#write(header(name, data.length, mode, mtime, '0'));
    await this.#write(data);
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (pad) await this.#write(Buffer.alloc(pad));
  }

  /** Two zero blocks end the archive. */
  async end(): Promise<void> {
    await this.#write(Buffer.alloc(2 * BLOCK));
    this.stream.end();
  }
}
