// Parsers of deploy's structured inputs: object store destinations, retention, node
// selectors, CIDR lists and YAML maps.
import { isIP } from 'node:net';
import { load } from 'js-yaml';
import { ParseError, singleLine } from './parse.ts';
import type { BackupDestination, YamlMap, YamlValue } from './types.ts';

const AZURE_EXAMPLE = 'https://pgbackups.blob.core.windows.net/backups';
const BLOB_HOST =
  /^([a-z0-9]{3,24})\.blob\.core\.(windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)$/;
const CONTAINER = /^[a-z0-9](-?[a-z0-9]){2,62}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function destination(raw: string): BackupDestination {
  singleLine(raw, AZURE_EXAMPLE);
  const text = raw.replace(/\/+$/, '');
  if (text.startsWith('s3://')) return s3Destination(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ParseError(`'${raw}' is not an Azure Blob or s3:// URL`, AZURE_EXAMPLE);
  }
  return azureDestination(url, text);
}

function azureDestination(url: URL, text: string): BackupDestination {
  const segments = url.pathname.split('/').filter(Boolean);
  const host = BLOB_HOST.exec(url.hostname);
  const emulator = ['127.0.0.1', 'localhost'].includes(url.hostname);
  const [account, container, ...rest] = host?.[1]
    ? [host[1], ...segments]
    : emulator
      ? segments
      : [];
  if (!account || !container || (url.protocol !== 'https:' && !emulator)) {
    throw new ParseError(
      `'${text}' is not https://<account>.blob.core.windows.net/<container>[/path]`,
      AZURE_EXAMPLE,
    );
  }
  if (!CONTAINER.test(container))
    throw new ParseError(`container '${container}' is not a valid container name`, AZURE_EXAMPLE);
  const path = rest.length > 0 ? rest.join('/') : undefined;
  return { kind: 'azure', url: text, account, container, ...(path ? { path } : {}) };
}

function s3Destination(text: string): BackupDestination {
  const [bucket = '', ...rest] = text.slice('s3://'.length).split('/');
  if (!BUCKET.test(bucket) || bucket.includes('..')) {
    throw new ParseError(`'${bucket}' is not a valid S3 bucket name`, 's3://pg-backups/orders');
  }
  const path = rest.filter(Boolean).join('/');
  return { kind: 's3', url: text, bucket, ...(path ? { path } : {}) };
}

export function endpointUrl(raw: string): string {
  const example = 'http://minio.minio:9000';
  singleLine(raw, example);
  if (!/^https?:\/\/[^\s/]+(\/.*)?$/.test(raw))
    throw new ParseError(`'${raw}' is not an http(s) URL`, example);
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

export function cidrs(raw: string, allowPublic: boolean): string[] {
  const example = '203.0.113.7/32';
  singleLine(raw, example);
  return raw.split(',').map((part) => {
    const cidr = part.trim();
    const [ip = '', bits = '', extra] = cidr.split('/');
    const max = isIP(ip) === 4 ? 32 : isIP(ip) === 6 ? 128 : 0;
    if (!max || extra !== undefined || !/^\d+$/.test(bits) || Number(bits) > max) {
      throw new ParseError(`'${cidr}' is not an IPv4 or IPv6 CIDR`, example);
    }
    if (Number(bits) === 0 && !allowPublic) {
      throw new ParseError(
        `'${cidr}' opens the database to the whole internet; set allow-public: true if you mean it`,
        example,
      );
    }
    return cidr;
  });
}

function yamlMap(raw: string, example: string): YamlMap {
  let doc: unknown;
  try {
    doc = load(raw);
  } catch (e) {
    throw new ParseError(
      `is not valid YAML: ${(e as Error).message.split('\n')[0] ?? ''}`,
      example,
    );
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new ParseError('is not a YAML map', example);
  return doc as YamlMap;
}

/** A YAML map of scalars; values become the strings PostgreSQL expects (booleans on/off). */
export function postgresqlParameters(raw: string): Record<string, string> {
  const example = '"max_connections: 200"';
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(yamlMap(raw, example))) {
    if (!/^[a-z_][a-z0-9_.]*$/.test(key))
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
