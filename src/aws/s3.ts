// Deletes a cluster's backups in S3 or an S3-compatible store (everything barman-cloud wrote
// under <bucket>/<path>/<serverName>/) with the access keys of the cluster's own s3Credentials:
// ListObjectsV2 page by page, then DeleteObjects for each page (at most 1000 keys a request).
// Requests go path-style to endpointURL when the cluster sets one, else virtual-hosted to
// https://<bucket>.s3.<region>.amazonaws.com (path-style for a bucket name with dots).
import { isIP } from 'node:net';
import { ConfigurationError } from '../errors.ts';
import { deletePages, type Removed } from '../http/paged-delete.ts';
import type { Logger } from '../logging.ts';
import { s3Error } from './s3-errors.ts';
import { s3Http, type S3Http, type S3HttpOptions } from './s3-http.ts';
import {
  deleteObjectsBody,
  parseDeleteResult,
  parseObjectList,
  xmlSafe,
  type ListedObject,
  type ObjectPage,
} from './s3-xml.ts';
import { s3Query } from './sigv4.ts';

export interface S3Location {
  readonly bucket: string;
  /** What every object of the server starts with: `<path>/<serverName>/` or `<serverName>/`. */
  readonly prefix: string;
  /** endpointURL without a trailing slash; undefined: AWS S3. */
  readonly endpoint?: string;
}

/** Region, keys and the rest of S3HttpOptions; the target comes from the location. */
export type S3Deps = Omit<S3HttpOptions, 'target'> & {
  /** Where the keys came from, for errors: "keys ACCESS_KEY_ID, ACCESS_SECRET_KEY of Secret s3 in namespace db". */
  readonly credentialsFrom: string;
};

export interface DeleteObjectOptions {
  /** Count what would be deleted, delete nothing. */
  readonly dryRun?: boolean;
  /** Keys per ListObjectsV2 page (max-keys, at most 1000); default: the store's, 1000. */
  readonly pageSize?: number;
}

export type DeletedObjects = Removed;

/** S3's bucket naming rules: 3-63 lowercase letters, digits, dots and hyphens. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Where barman-cloud keeps a server's backups: destinationPath s3://<bucket>[/<path>] as CNPG
 * takes it, the serverName, and the cluster's endpointURL for an S3-compatible store, or the
 * override (teardown's input s3-endpoint) for when the runner reaches the store elsewhere.
 */
export function s3Location(
  destinationPath: string,
  serverName: string,
  endpointURL?: string,
  override?: string,
): S3Location {
  const bad = (problem: string) =>
    new ConfigurationError(
      `destinationPath '${destinationPath}': ${problem} (example: s3://pg-backups/orders)`,
    );
  if (!destinationPath.startsWith('s3://')) throw bad('is not an s3:// URL');
  const [bucket = '', ...path] = destinationPath.slice('s3://'.length).split('/');
  if (!BUCKET.test(bucket) || bucket.includes('..') || isIP(bucket) !== 0)
    throw bad(
      `'${bucket}' is not an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)`,
    );
  if (!serverName || serverName.includes('/'))
    throw new ConfigurationError(
      `serverName '${serverName}' is not a barman server name (example: serverName: pg-orders)`,
    );
  const prefix = [...path.filter(Boolean), serverName, ''].join('/');
  const endpoint =
    override !== undefined
      ? endpointOf(override, "input 's3-endpoint'")
      : endpointURL === undefined
        ? undefined
        : endpointOf(endpointURL, 'endpointURL');
  return { bucket, prefix, ...(endpoint ? { endpoint } : {}) };
}

/**
 * An http(s) URL without credentials, query or fragment. Plain http is taken, as the cluster
 * itself takes it for an in-cluster MinIO: the requests are signed and carry no key, but what
 * they list and delete crosses the network readable (the caller warns).
 */
export function endpointOf(input: string, what: string): string {
  let url: URL | undefined;
  try {
    url = new URL(input);
  } catch {
    url = undefined;
  }
  const web = url?.protocol === 'https:' || url?.protocol === 'http:';
  if (!url || !web || url.search || url.hash || url.username || url.password)
    throw new ConfigurationError(
      `${what} '${input}' is not an http(s) URL without credentials, query or fragment (example: https://minio.example.com:9000)`,
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Lists (dryRun: counts) and deletes every object under the location's prefix. */
export function s3Prefix(
  deps: S3Deps,
  loc: S3Location,
): (opts?: DeleteObjectOptions) => Promise<DeletedObjects> {
  const { credentialsFrom, ...rest } = deps;
  const target = {
    bucket: loc.bucket,
    prefix: loc.prefix,
    credentialsFrom,
    ...(loc.endpoint ? { endpoint: loc.endpoint } : {}),
  };
  const http = s3Http({ ...rest, target });
  return (opts = {}) => deletePrefix(http, deps.logger, { ...loc, credentialsFrom }, opts);
}

type Where = S3Location & { readonly credentialsFrom: string };

function deletePrefix(
  http: S3Http,
  logger: Logger,
  loc: Where,
  opts: DeleteObjectOptions,
): Promise<DeletedObjects> {
  return deletePages({
    list: async (token) => {
      const page = await listPage(http, loc, token, opts.pageSize);
      return {
        items: page.objects,
        ...(page.continuationToken ? { next: page.continuationToken } : {}),
      };
    },
    remove: (objects) => deleteObjects(http, logger, loc, objects),
    dryRun: opts.dryRun === true,
    logger,
    what: `objects under ${where(loc)}`,
  });
}

async function listPage(
  http: S3Http,
  loc: Where,
  token: string | undefined,
  pageSize: number | undefined,
): Promise<ObjectPage> {
  const query = s3Query({
    'list-type': '2',
    prefix: loc.prefix,
    ...(token ? { 'continuation-token': token } : {}),
    ...(pageSize ? { 'max-keys': String(pageSize) } : {}),
  });
  const context = `listing ${where(loc)}`;
  const { text } = await http({ method: 'GET', query, context });
  try {
    return parseObjectList(text);
  } catch (error) {
    throw new Error(`${context}: ${(error as Error).message}`, { cause: error });
  }
}

/** Deletes the objects, 1000 a request; returns those deleted. */
async function deleteObjects(
  http: S3Http,
  logger: Logger,
  loc: Where,
  objects: readonly ListedObject[],
): Promise<ListedObject[]> {
  const deletable = objects.filter((o) => {
    if (xmlSafe(o.key)) return true;
    logger.warning(
      `not deleting s3://${loc.bucket}/${o.key}: its key has characters XML cannot carry (delete it with aws s3api delete-object)`,
    );
    return false;
  });
  const deleted: ListedObject[] = [];
  for (let i = 0; i < deletable.length; i += 1000) {
    const batch = deletable.slice(i, i + 1000);
    const context = `deleting ${batch.length} object(s) under ${where(loc)}`;
    const { text } = await http({
      method: 'POST',
      query: 'delete=',
      body: deleteObjectsBody(batch.map((o) => o.key)),
      headers: { 'content-type': 'application/xml' },
      context,
    });
    const result = parseResult(context, text);
    const failed = result.errors;
    if (failed.length > 0) {
      const first = failed[0] ?? { key: '', code: 'unknown', message: '' };
      const more = failed.length > 1 ? ` (and ${failed.length - 1} more)` : '';
      throw s3Error(`${context}: ${first.key}${more}`, loc, 200, first);
    }
    const done = new Set(result.deleted);
    deleted.push(...batch.filter((o) => done.has(o.key)));
  }
  return deleted;
}

function parseResult(context: string, text: string): ReturnType<typeof parseDeleteResult> {
  try {
    return parseDeleteResult(text);
  } catch (error) {
    throw new Error(`${context}: ${(error as Error).message}`, { cause: error });
  }
}

function where(loc: S3Location): string {
  return `s3://${loc.bucket}/${loc.prefix}${loc.endpoint ? ` at ${loc.endpoint}` : ''}`;
}
