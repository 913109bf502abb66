// s3rver (npm `s3rver` 3.7.1) as the S3 front's storage engine, in this process, listening on
// its own loopback port (path-style, no authentication: only the front talks to it). Two
// faults of its file-system store are mended on the instance, because S3 clients rely on
// what they break:
// - putObject answers once its hashing stream has seen the body, before the file is written
//   out, so an immediate GET could read a short file: here it answers once the file is flushed.
// - deleteObject removes the key's emptied directories without a lock, so two deletes in one
//   directory (DeleteObjects runs its keys concurrently) fail with ENOENT, and a put racing a
//   delete can lose its directory: writes and deletes here take turns.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Engine } from './s3-front.ts';
import type { StoredObject } from './s3-list.ts';

interface S3rverObject {
  bucket: string;
  key: string;
  size: number;
  lastModifiedDate: Date;
  content: Readable | Buffer | null;
  metadata: Record<string, string | undefined>;
}

interface Stored {
  size: number;
  md5: string;
}

interface FilesystemStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putMetadata(
    bucket: string,
    key: string,
    metadata: S3rverObject['metadata'],
    md5: string,
  ): Promise<void>;
  listObjects(bucket: string, options: { prefix: string }): Promise<{ objects: S3rverObject[] }>;
  putObject(object: S3rverObject): Promise<Stored>;
  copyObject(...args: unknown[]): Promise<unknown>;
  deleteObject(bucket: string, key: string): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: Server;
  store: FilesystemStore;
}

type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export async function loadEngine(root: string): Promise<S3Engine> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory: root,
    // Also silences Koa's printing of errors.
    silent: true,
    vhostBuckets: false,
    resetOnClose: false,
  });
  mendStore(server.store);
  const address = await server.run();
  return {
    url: `http://127.0.0.1:${String(address.port)}`,
    list: async (bucket, prefix): Promise<StoredObject[]> =>
      (await server.store.listObjects(bucket, { prefix })).objects.map((o) => ({
        key: o.key,
        size: o.size,
        etag: o.metadata.etag ?? '""',
        lastModified: o.lastModifiedDate,
      })),
    // An upload's parts live in <bucket>/._S3rver_uploads/<uploadId>/ until it completes.
    uploadExists: async (bucket, uploadId) =>
      (
        await stat(uploadDir(server.store, bucket, uploadId)).catch(() => undefined)
      )?.isDirectory() ?? false,
    abortUpload: (bucket, uploadId) =>
      rm(uploadDir(server.store, bucket, uploadId), { recursive: true, force: true }),
    close: async () => {
      server.httpServer?.closeAllConnections();
      await server.close();
    },
  };
}

function uploadDir(store: FilesystemStore, bucket: string, uploadId: string): string {
  return join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId);
}

function mendStore(store: FilesystemStore): void {
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const done = turn.then(work, work);
    turn = done.catch(() => undefined);
    return done;
  };
  const copyObject = store.copyObject.bind(store);
  const deleteObject = store.deleteObject.bind(store);
  // putObjectMultipart calls this putObject, so it must not take a turn itself.
  store.putObject = (object) => inTurn(() => putFlushed(store, object));
  store.copyObject = (...args) => inTurn(() => copyObject(...args));
  store.deleteObject = (bucket, key) => inTurn(() => deleteObject(bucket, key));
}

/** s3rver's putObject, on the same files, answering once the content is on disk. */
async function putFlushed(store: FilesystemStore, object: S3rverObject): Promise<Stored> {
  const path = store.getResourcePath(object.bucket, object.key, 'object');
  await mkdir(dirname(path), { recursive: true });
  const md5 = createHash('md5');
  let size = 0;
  const content = object.content ?? Buffer.alloc(0);
  await pipeline(
    Buffer.isBuffer(content) ? Readable.from([content]) : content,
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        md5.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    }),
    createWriteStream(path),
  );
  const digest = md5.digest('hex');
  await store.putMetadata(object.bucket, object.key, object.metadata, digest);
  return { size, md5: digest };
}
