// Parsers of deploy's structured inputs: object store destinations, retention, node
// selectors and YAML maps (CIDR lists are in cidr.ts). Object store URLs are never quoted in
// a message: a credential could hide anywhere in them.
import { ParseError, singleLine } from './parse.ts';
import type { BackupDestination, YamlMap, YamlValue } from './types.ts';
import { loadInputYaml } from './yaml.ts';

export { cidrs } from './cidr.ts';

const AZURE_EXAMPLE = 'https://pgbackups.blob.core.windows.net/backups';
const BLOB_HOST =
  /^([a-z0-9]{3,24})\.blob\.core\.(windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)$/;
const CONTAINER = /^[a-z0-9](-?[a-z0-9]){2,62}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** The sandbox's Azurite serves path-style URLs http://127.0.0.1:<port>/<account>/<container>. */
const AZURITE_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost']);

const DESTINATION_CREDENTIALS =
  'credentials do not belong in the URL: keep a SAS token in a Secret and set backup-credentials: sas-token with backup-credentials-secret (or storage-key, s3-keys or workload identity)';
const ENDPOINT_CREDENTIALS =
  'credentials do not belong in the URL: keep the access keys in the Secret named by backup-credentials-secret (keys ACCESS_KEY_ID and ACCESS_SECRET_KEY)';

/** A query string (SAS token, presigned signature), user info or fragment: refused unquoted. */
function refuseCredentials(raw: string, example: string, hint: string): void {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/]*)/i.exec(raw)?.[1] ?? '';
  if (raw.includes('?') || raw.includes('#') || authority.includes('@')) {
    throw new ParseError(
      `has a query string, user info or fragment (?, @ or #), not repeated here: ${hint}`,
      example,
    );
  }
}

export function destination(raw: string): BackupDestination {
  singleLine(raw, AZURE_EXAMPLE);
  refuseCredentials(raw, AZURE_EXAMPLE, DESTINATION_CREDENTIALS);
  const text = raw.replace(/\/+$/, '');
  if (text.startsWith('s3://')) return s3Destination(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ParseError(
      'is not an Azure Blob URL (https://<account>.blob.core.windows.net/<container>) or an s3:// URL',
      AZURE_EXAMPLE,
    );
  }
  return azureDestination(url, text);
}

/** Plain http only for the sandbox's Azurite: loopback, with an explicit port. */
function isAzurite(url: URL): boolean {
  return (
    AZURITE_HOSTS.has(url.hostname) &&
    url.port !== '' &&
    (url.protocol === 'http:' || url.protocol === 'https:')
  );
}

function azureDestination(url: URL, text: string): BackupDestination {
  const segments = url.pathname.split('/').filter(Boolean);
  const host = BLOB_HOST.exec(url.hostname);
  const emulator = isAzurite(url);
  const [account, container, ...rest] = host?.[1]
    ? [host[1], ...segments]
    : emulator
      ? segments
      : [];
  if (!account || !container || (url.protocol !== 'https:' && !emulator)) {
    throw new ParseError(
      "is not https://<account>.blob.core.windows.net/<container>[/path] (plain http only for the sandbox's Azurite: http://127.0.0.1:<port>/<account>/<container>)",
      AZURE_EXAMPLE,
    );
  }
  if (!CONTAINER.test(container))
    throw new ParseError(
      'has no valid container name (3-63 lowercase letters, digits and single hyphens)',
      AZURE_EXAMPLE,
    );
  const path = rest.length > 0 ? rest.join('/') : undefined;
  return { kind: 'azure', url: text, account, container, ...(path ? { path } : {}) };
}

function s3Destination(text: string): BackupDestination {
  const [bucket = '', ...rest] = text.slice('s3://'.length).split('/');
  if (!BUCKET.test(bucket) || bucket.includes('..')) {
    throw new ParseError(
      'has no valid S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)',
      's3://pg-backups/orders',
    );
  }
  const path = rest.filter(Boolean).join('/');
  return { kind: 's3', url: text, bucket, ...(path ? { path } : {}) };
}

export function endpointUrl(raw: string): string {
  const example = 'http://minio.minio:9000';
  singleLine(raw, example);
  refuseCredentials(raw, example, ENDPOINT_CREDENTIALS);
  if (!/^https?:\/\/[^\s/]+(\/.*)?$/.test(raw))
    throw new ParseError('is not an http(s) URL', example);
  return raw.replace(/\/+$/, '');
}

export function retention(raw: string): string {
  if (!/^[1-9][0-9]*[dwm]$/.test(singleLine(raw, '7d'))) {
    throw new ParseError(`'${raw}' is not a retention such as 7d, 4w or 3m`, '7d');
  }
  return raw;
}

const LABEL_NAME =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

export function nodeSelector(raw: string): Record<string, string> {
  const example = 'workload=postgres';
  singleLine(raw, example);
  const out: Record<string, string> = {};
  for (const pair of raw.split(',').map((p) => p.trim())) {
    const [key = '', value, extra] = pair.split('=');
    if (
      value === undefined ||
      extra !== undefined ||
      !LABEL_NAME.test(key) ||
      !LABEL_VALUE.test(value)
    ) {
      throw new ParseError(`'${pair}' is not key=value with a valid label key and value`, example);
    }
    out[key] = value;
  }
  return out;
}

function yamlMap(raw: string, example: string): YamlMap {
  const doc = loadInputYaml(raw, example);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new ParseError('is not a YAML map', example);
  return doc as YamlMap;
}

/** CloudNativePG's rule for parameter names (a GUC, or a custom one with a single dot), lowercase. */
export const PARAMETER_NAME = /^[a-z_][a-z0-9_$]*(\.[a-z_][a-z0-9_$]*)?$/;

/** A YAML map of scalars; values become the strings PostgreSQL expects (booleans on/off). */
export function postgresqlParameters(raw: string): Record<string, string> {
  const example = '"max_connections: 200"';
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(yamlMap(raw, example))) {
    if (!PARAMETER_NAME.test(key))
      throw new ParseError(`'${singleLine(key, example)}' is not a parameter name`, example);
    out[key] = scalarText(key, value, example);
  }
  return out;
}

function scalarText(key: string, value: YamlValue, example: string): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return singleLine(value, example);
  throw new ParseError(`the value of '${key}' is not a scalar`, example);
}

export function overrides(raw: string): YamlMap {
  return yamlMap(raw, '"enablePDB: false"');
}
