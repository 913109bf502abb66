// The few object operations barman-cloud makes, over either object store of the sandbox: a
// container in Azurite (Azure Blob destinations) or a bucket behind the S3 front (s3://
// destinations). Archiving, base backups, retention and recovery go through this, so that
// both stores behave the same way to them and refuse the same way to bad credentials.
import { Readable } from 'node:stream';
import type { ContainerClient } from '@azure/storage-blob';
import type { S3Bucket } from '../objectstore/s3-client.ts';

export interface StoredObject {
  readonly name: string;
  readonly size: number;
}

export interface ArchiveStore {
  /** "bucket backups" or "container backups", for barman's log lines. */
  readonly what: string;
  /** Whether the container or bucket exists (HeadBucket, Get Container Properties). */
  exists(): Promise<boolean>;
  create(): Promise<void>;
  list(prefix: string): AsyncIterable<StoredObject>;
  get(name: string): Promise<Buffer>;
  read(name: string): Promise<Readable>;
  put(name: string, body: Buffer): Promise<void>;
  /** A streamed upload (a base backup's tar): S3 takes it whole, Blob in blocks. */
  upload(name: string, body: Readable): Promise<void>;
  delete(name: string): Promise<void>;
}

export function blobStore(container: ContainerClient): ArchiveStore {
  return {
    what: `container ${container.containerName}`,
    exists: () => container.exists(),
    create: async () => {
      await container.create();
    },
    list: async function* (prefix) {
      for await (const blob of container.listBlobsFlat({ prefix }))
        yield { name: blob.name, size: blob.properties.contentLength ?? 0 };
    },
    get: (name) => container.getBlobClient(name).downloadToBuffer(),
    read: async (name) => {
      const body = (await container.getBlobClient(name).download()).readableStreamBody;
      if (!body) throw new Error(`${name} has no content`);
      return Readable.from(body);
    },
    put: async (name, body) => {
      await container.getBlockBlobClient(name).uploadData(body);
    },
    upload: async (name, body) => {
      await container.getBlockBlobClient(name).uploadStream(body, 4 * 1024 * 1024, 4);
    },
    delete: async (name) => {
      await container.deleteBlob(name);
    },
  };
}

export function s3Store(bucket: S3Bucket): ArchiveStore {
  return {
    what: `bucket ${bucket.name}`,
    exists: () => bucket.exists(),
    create: () => bucket.create(),
    list: async function* (prefix) {
      for await (const o of bucket.list(prefix)) yield { name: o.key, size: o.size };
    },
    get: (name) => bucket.get(name),
    read: async (name) => Readable.from([await bucket.get(name)]),
    put: (name, body) => bucket.put(name, body),
    upload: async (name, body) => {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      await bucket.put(name, Buffer.concat(chunks));
    },
    delete: (name) => bucket.delete(name),
  };
}

/** The first object under `prefix`, or undefined. */
export async function firstObject(
  store: ArchiveStore,
  prefix: string,
): Promise<StoredObject | undefined> {
  for await (const o of store.list(prefix)) return o;
  return undefined;
}
