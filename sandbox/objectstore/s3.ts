// The sandbox's S3-compatible object store (MinIO-like, for the bare-metal path: s3://<bucket>
// destinations with an endpointURL and keys in a Secret). Storage is s3rver (npm `s3rver`,
// files under DIR/s3, one directory per bucket); s3rver checks no SigV4 signature and lets
// anonymous requests through, so clients talk to a front (s3-front.ts) on a loopback port that
// verifies signatures with the one key pair generated per start, as S3 does, and passes
// verified requests on to s3rver's own loopback port.
//
// s3rver runs in the sandbox's process and is loaded on the first request that needs it:
// loading it (koa, winston, lodash...) costs about 250 ms of CPU, which a sandbox whose
// tests never touch S3 should not pay; as a child process it costs that plus a Node start.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { S3Front, type S3Engine } from './s3-front.ts';
import { validBucketName } from './s3-request.ts';
import { loadEngine } from './s3rver.ts';

export interface S3Service {
  /** http://127.0.0.1:<port>, the SigV4-checking front (path-style: /<bucket>/<key>). */
  url: string;
  region: string;
  /** Generated per start: 20 upper-case letters and digits, AKIA... */
  accessKeyId: string;
  /** Generated per start: 40 characters. */
  secretAccessKey: string;
  /** Created at start. */
  buckets: readonly string[];
  /** Each answered request, "METHOD /bucket/key?query STATUS [Code]" (no signature, no secret). */
  requests: readonly string[];
  stop(): Promise<void>;
}

export interface S3Options {
  /** The sandbox directory; the objects live under DIR/s3. */
  dir: string;
  /** Default: ['backups']. */
  buckets?: readonly string[];
  /** Default: us-east-1. */
  region?: string;
}

export const DEFAULT_S3_BUCKETS: readonly string[] = ['backups'];
export const S3_SECRET_NAME = 's3-keys';

const KEY_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export async function startS3(options: S3Options): Promise<S3Service> {
  const region = options.region ?? 'us-east-1';
  const buckets = [...(options.buckets ?? DEFAULT_S3_BUCKETS)];
  const invalid = buckets.filter((b) => !validBucketName(b));
  if (invalid.length > 0)
    throw new Error(
      `S3 bucket name ${invalid.join(', ')} is not valid: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit`,
    );
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    throw new Error(`S3 region "${region}" is not a region name such as us-east-1`);
  const root = join(options.dir, 's3');
  // s3rver's store: a bucket is a directory under its root.
  await Promise.all(buckets.map((b) => mkdir(join(root, b), { recursive: true })));
  const identity = { accessKeyId: accessKeyId(), secretAccessKey: secretAccessKey(), region };
  let engine: Promise<S3Engine> | undefined;
  const loadOnce = () =>
    (engine ??= loadEngine(root).catch((error: unknown) => {
      engine = undefined;
      throw error;
    }));
  const front = new S3Front({ identity, root, engine: loadOnce });
  const server = createServer((req, res) => {
    front.handle(req, res);
  });
  const port = await listen(server);
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    region,
    accessKeyId: identity.accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    buckets,
    requests: front.requests,
    stop: () =>
      (stopped ??= (async () => {
        await closeServer(server);
        front.close();
        const loaded = await engine?.catch(() => undefined);
        await loaded?.close();
      })()),
  };
}

/** The `s3` object of DIR/objectstore.json. */
export function s3Settings(s: S3Service): Record<string, unknown> {
  return {
    endpoint: s.url,
    region: s.region,
    accessKeyId: s.accessKeyId,
    secretAccessKey: s.secretAccessKey,
    buckets: s.buckets,
    destinationPaths: s.buckets.map((b) => `s3://${b}`),
    secretManifest: secretManifest(s),
  };
}

/** A Secret with the keys, for `kubectl apply -n <namespace> -f -` (no namespace in it). */
export function secretManifest(s: Pick<S3Service, 'accessKeyId' | 'secretAccessKey'>): string {
  return [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${S3_SECRET_NAME}`,
    'type: Opaque',
    'stringData:',
    `  ACCESS_KEY_ID: ${JSON.stringify(s.accessKeyId)}`,
    `  ACCESS_SECRET_KEY: ${JSON.stringify(s.secretAccessKey)}`,
    '',
  ].join('\n');
}

function accessKeyId(): string {
  let id = 'AKIA';
  while (id.length < 20) id += KEY_ID_CHARS[randomInt(KEY_ID_CHARS.length)] ?? 'A';
  return id;
}

/** 40 characters of base64, as AWS secret access keys look. */
function secretAccessKey(): string {
  return randomBytes(30).toString('base64');
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}
