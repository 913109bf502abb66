// Deletes a cluster's backups in Azure Blob Storage (everything barman-cloud wrote under
// <container>/<path>/<serverName>/) with the bearer token of the workflow's Azure login, over
// the Blob REST API: List Blobs page by page, then Delete Blob for each, a few at a time. The
// identity needs a data role (Storage Blob Data Contributor); account keys are never used.
import { isIP } from 'node:net';
import type { TokenCredential } from '@azure/identity';
import { ConfigurationError } from '../errors.ts';
import { isLoopback } from '../http/loopback.ts';
import { deletePages, type Removed } from '../http/paged-delete.ts';
import type { Logger } from '../logging.ts';
import { blobHttp, type BlobHttp } from './blob-http.ts';
import { parseBlobList, type BlobPage, type ListedBlob } from './blob-xml.ts';
import { tokenSource } from './token-cache.ts';

/** The token scope of Azure Storage, the same in every cloud. */
export const STORAGE_SCOPE = 'https://storage.azure.com/.default';

export interface BlobLocation {
  readonly account: string;
  /** The account's Blob service, no trailing slash: https://<account>.blob.core.windows.net. */
  readonly serviceUrl: string;
  readonly container: string;
  /** What every blob of the server starts with: `<path>/<serverName>/` or `<serverName>/`. */
  readonly prefix: string;
}

export interface BlobDeps {
  readonly credential: TokenCredential;
  readonly logger: Logger;
  readonly signal?: AbortSignal;
  /** Masks each new token (the login's credential masks its tokens already). */
  readonly setSecret?: (secret: string) => void;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface DeleteBlobOptions {
  /** Count what would be deleted, delete nothing. */
  readonly dryRun?: boolean;
  /** Blobs per List Blobs page (maxresults); default: the service's, 5000. */
  readonly pageSize?: number;
  /** Deletes in flight at once. Default 8. */
  readonly concurrency?: number;
}

export type DeletedBlobs = Removed;

const ACCOUNT = /^[a-z0-9]{3,24}$/;
/** <account>.blob.core.windows.net and other clouds' hosts, private-link and DNS-zone names. */
const BLOB_HOST = /^([a-z0-9]{3,24})\.(?:(?:privatelink|z\d{1,2})\.)?blob\.[a-z0-9.-]+$/;
const CONTAINER = /^(?:\$root|[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9])$/;

/**
 * Where barman-cloud keeps a server's backups: destinationPath as CNPG takes it,
 * https://<account>.blob.core.windows.net/<container>[/<path>] or path-style
 * http(s)://<host>[:port]/<account>/<container>[/<path>] (Azurite), and the serverName.
 * endpointOverride (input blob-endpoint) replaces the account's Blob service URL, e.g. a
 * private endpoint; requests then go path-style to <endpointOverride>/<container>/<blob>.
 */
export function blobLocation(
  destinationPath: string,
  serverName: string,
  endpointOverride?: string,
): BlobLocation {
  const dest = parseDestination(destinationPath);
  if (!serverName || serverName.includes('/'))
    throw new ConfigurationError(`serverName '${serverName}' is not a barman server name`);
  const serviceUrl = endpointOverride
    ? serviceUrlOf(endpointOverride, "input 'blob-endpoint'", '(example: https://10.0.0.5)')
    : serviceUrlOf(
        dest.virtualHosted ? dest.origin : `${dest.origin}/${dest.account}`,
        `destinationPath '${destinationPath}'`,
        '(set blob-endpoint to an https URL of the Blob service)',
      );
  const prefix = [...dest.path, serverName, ''].join('/');
  return { account: dest.account, serviceUrl, container: dest.container, prefix };
}

interface Destination {
  readonly origin: string;
  /** <account>.blob.<suffix>; otherwise path-style, the account in the path. */
  readonly virtualHosted: boolean;
  readonly account: string;
  readonly container: string;
  readonly path: readonly string[];
}

function parseDestination(destinationPath: string): Destination {
  const bad = (problem: string) =>
    new ConfigurationError(
      `destinationPath '${destinationPath}': ${problem} (example: https://mystorage.blob.core.windows.net/backups/pg)`,
    );
  const url = destinationUrl(destinationPath);
  const host = BLOB_HOST.exec(url.hostname);
  if (!host && !pathStyleHost(url))
    throw bad(
      `${url.hostname} is not an Azure Blob service host (<account>.blob.core.windows.net)`,
    );
  const segments = decodedSegments(url.pathname);
  if (!segments) throw bad('the path is not validly percent-encoded');
  const account = host?.[1] ?? segments.shift() ?? '';
  const [container = '', ...path] = segments;
  if (!ACCOUNT.test(account)) throw bad(`'${account}' is not a storage account name`);
  if (!CONTAINER.test(container)) throw bad(`'${container}' is not a container name`);
  return { origin: url.origin, virtualHosted: host !== null, account, container, path };
}

function destinationUrl(destinationPath: string): URL {
  let url: URL;
  try {
    url = new URL(destinationPath);
  } catch {
    throw new ConfigurationError(
      `destinationPath '${destinationPath}' is not a URL (example: https://mystorage.blob.core.windows.net/backups)`,
    );
  }
  if (url.protocol === 's3:' || url.protocol === 'gs:')
    throw new ConfigurationError(
      `destinationPath '${destinationPath}': pgha deletes backups in Azure Blob Storage only, not in ${url.protocol === 's3:' ? 'S3' : 'Google Cloud Storage'}`,
    );
  return url;
}

/** Azurite and other path-style endpoints: an IP address, a port, or a single-label host. */
function pathStyleHost(url: URL): boolean {
  const name = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(name) !== 0 || url.port !== '' || !name.includes('.');
}

function decodedSegments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** An https URL, or http on loopback only: the bearer token never crosses a network unencrypted. */
function serviceUrlOf(input: string, what: string, hint: string): string {
  let url: URL | undefined;
  try {
    url = new URL(input);
  } catch {
    url = undefined;
  }
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && isLoopback(url));
  if (!url || !secure || url.search || url.username)
    throw new ConfigurationError(
      `${what}: '${input}' is not an https Blob service URL without credentials ${hint}`,
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Deletes every blob under the location's prefix (dryRun: counts them) and says how much. */
export function deleteBlobPrefix(
  deps: BlobDeps,
  loc: BlobLocation,
  opts: DeleteBlobOptions = {},
): Promise<DeletedBlobs> {
  return blobPrefix(deps, loc)(opts);
}

/**
 * deleteBlobPrefix for repeated use on one location: one token (refreshed when it nears its
 * expiry) and one connection setup for a count before and a deletion after.
 */
export function blobPrefix(
  deps: BlobDeps,
  loc: BlobLocation,
): (opts?: DeleteBlobOptions) => Promise<DeletedBlobs> {
  const { credential, setSecret = () => undefined, ...rest } = deps;
  const getToken = tokenSource(credential, STORAGE_SCOPE, { setSecret });
  const http = blobHttp({ ...rest, target: loc, getToken });
  return (opts = {}) => deletePrefix(http, deps.logger, loc, opts);
}

function deletePrefix(
  http: BlobHttp,
  logger: Logger,
  loc: BlobLocation,
  opts: DeleteBlobOptions,
): Promise<DeletedBlobs> {
  return deletePages({
    list: async (marker) => {
      const page = await listPage(http, loc, marker, opts.pageSize);
      return { items: page.blobs, ...(page.nextMarker ? { next: page.nextMarker } : {}) };
    },
    remove: (blobs) => deleteAll(http, logger, loc, blobs, opts.concurrency ?? 8),
    dryRun: opts.dryRun === true,
    logger,
    what: `blobs under ${where(loc)}`,
  });
}

async function listPage(
  http: BlobHttp,
  loc: BlobLocation,
  marker: string | undefined,
  pageSize: number | undefined,
): Promise<BlobPage> {
  const url = new URL(`${loc.serviceUrl}/${encodeURIComponent(loc.container)}`);
  url.searchParams.set('restype', 'container');
  url.searchParams.set('comp', 'list');
  url.searchParams.set('prefix', loc.prefix);
  if (marker) url.searchParams.set('marker', marker);
  if (pageSize) url.searchParams.set('maxresults', String(pageSize));
  const context = `listing blobs under ${where(loc)}`;
  const { text } = await http({ method: 'GET', url, context });
  try {
    return parseBlobList(text);
  } catch (error) {
    throw new Error(`${context}: ${(error as Error).message}`, { cause: error });
  }
}

/** Deletes the blobs, `limit` at a time; returns those deleted (not those already gone). */
async function deleteAll(
  http: BlobHttp,
  logger: Logger,
  loc: BlobLocation,
  blobs: readonly ListedBlob[],
  limit: number,
): Promise<ListedBlob[]> {
  const deleted: ListedBlob[] = [];
  await eachLimited(blobs, limit, async (blob) => {
    const path = blobPath(blob.name);
    if (path === undefined) {
      logger.warning(
        `not deleting blob '${blob.name}' in ${loc.container}: a '.' or '..' segment cannot be addressed by URL (delete it with az storage blob delete)`,
      );
      return;
    }
    const { status } = await http({
      method: 'DELETE',
      url: new URL(`${loc.serviceUrl}/${encodeURIComponent(loc.container)}/${path}`),
      context: `deleting blob ${blob.name} in ${where(loc)}`,
      headers: { 'x-ms-delete-snapshots': 'include' },
      allowNotFound: true,
    });
    if (status === 404) logger.debug(`blob ${blob.name} was already gone`);
    else deleted.push(blob);
  });
  return deleted;
}

/** The blob's name, each segment URL-encoded; undefined when URL parsing would drop a segment. */
export function blobPath(name: string): string | undefined {
  const segments = name.split('/');
  if (segments.some((s) => s === '.' || s === '..')) return undefined;
  return segments.map(encodeURIComponent).join('/');
}

/** Runs fn over items with at most `limit` in flight; stops starting new ones after a failure. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  const results = await Promise.allSettled(workers);
  const rejected = results.find((r) => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

function where(loc: BlobLocation): string {
  return `${loc.container}/${loc.prefix} in storage account ${loc.account}`;
}
