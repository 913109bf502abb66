// teardown's inputs, read and cross-checked into one frozen TeardownInputs before any request:
// what may be deleted (force, delete-backups, sweep-older-than), whether to wait, the identity
// whose federated credentials go, and where the backup storage account is reached.
import { boolean, duration, httpsUrl } from './parse.ts';
import { endpointUrl } from './parse-deploy.ts';
import { MAX_TIMEOUT_MS, inputReader, readShared, type GetInput } from './read.ts';
import { readIdentity } from './read-deploy.ts';
import { ACTIONS } from './spec.ts';
import type { SharedInputs } from './types.ts';

export interface TeardownInputs extends SharedInputs {
  readonly force: boolean;
  readonly deleteBackups: boolean;
  readonly wait: boolean;
  readonly sweepOlderThanMs?: number;
  readonly identity?: { readonly name: string; readonly resourceGroup: string };
  readonly blobEndpoint?: string;
  readonly s3Endpoint?: string;
}

/** The Blob service URL to use instead of the destination's host; a path (an account) may follow. */
export function blobEndpoint(raw: string): string {
  const url = httpsUrl(raw, 'https://10.0.0.5 or https://127.0.0.1:10000/devstoreaccount1');
  return url.href.replace(/\/+$/, '');
}

export function readTeardownInputs(get: GetInput): TeardownInputs {
  const r = inputReader(get, ACTIONS.teardown.inputs);
  const shared = readShared(r);
  const inputs = {
    ...shared,
    force: r.value('force', boolean),
    deleteBackups: r.value('delete-backups', boolean),
    wait: r.value('wait', boolean),
    sweepOlderThanMs: r.optional('sweep-older-than', (v) =>
      duration(v, '6h', 366 * MAX_TIMEOUT_MS),
    ),
    identity: readIdentity(r),
    blobEndpoint: r.optional('blob-endpoint', blobEndpoint),
    s3Endpoint: r.optional('s3-endpoint', endpointUrl),
  };
  return r.finish(inputs as TeardownInputs);
}
