// delete-backups: the cluster's data in the object store, everything under
// <destination>/<serverName>/. Azure Blob Storage is reached with the workflow's own Azure
// login (no storage key); S3 with the access keys the cluster itself backs up with, read from
// the Secrets its s3Credentials name (masked at once). The access is checked by listing before
// anything is deleted, so that a missing role or wrong keys refuse the run while the cluster
// still stands, and the keys are read before teardown deletes any Secret or the namespace.
import { s3Location, s3Prefix } from '../aws/s3.ts';
import { REGION_NAME } from '../aws/s3-http.ts';
import { blobLocation, blobPrefix, type DeletedBlobs } from '../azure/blob.ts';
import type { BackupData, S3CredentialRefs } from '../cnpg/backup-data.ts';
import { ConfigurationError } from '../errors.ts';
import { isLoopback } from '../http/loopback.ts';
import type { TeardownInputs } from '../inputs/read-teardown.ts';
import { describeKeys, readSecretKeys } from '../kube/secret-keys.ts';
import type { BackupDataReport } from '../report/teardown-facts.ts';
import type { Connection } from './connect.ts';
import type { ActionContext } from './context.ts';

/** The region S3 requests are signed for when s3Credentials names none. */
export const DEFAULT_S3_REGION = 'us-east-1';

type Prefix = (opts?: { dryRun?: boolean }) => Promise<DeletedBlobs>;

export interface DataAccess {
  readonly location: string;
  /** Deletes (dryRun: counts) the objects, with the credentials of the check. */
  readonly prefix: Prefix;
}

export async function checkBackupData(
  ctx: ActionContext,
  conn: Connection,
  inputs: TeardownInputs,
  data: BackupData,
): Promise<DataAccess> {
  const location = `${data.destination}/${data.serverName}/`;
  const prefix =
    data.kind === 'azure'
      ? blobData(ctx, conn, inputs, data, location)
      : await s3Data(ctx, conn, inputs, data);
  const found = await prefix({ dryRun: true });
  ctx.logger.info(`${location}: ${found.files} file(s), ${found.bytes} bytes to delete`);
  return { location, prefix };
}

function blobData(
  ctx: ActionContext,
  conn: Connection,
  inputs: TeardownInputs,
  data: BackupData,
  location: string,
): Prefix {
  if (!conn.azure)
    throw new ConfigurationError(
      `input 'delete-backups': the backups in ${location} are deleted with the workflow's Azure login, and no Azure inputs were given (example: azure-client-id, azure-tenant-id and azure-subscription-id of an identity with Storage Blob Data Contributor on the account)`,
    );
  const where = blobLocation(data.destination, data.serverName, inputs.blobEndpoint);
  const deps = {
    credential: conn.azure.credential,
    logger: ctx.logger,
    signal: ctx.signal,
    setSecret: ctx.setSecret,
  };
  return blobPrefix(deps, where);
}

async function s3Data(
  ctx: ActionContext,
  conn: Connection,
  inputs: TeardownInputs,
  data: Extract<BackupData, { kind: 's3' }>,
): Promise<Prefix> {
  const { namespace } = inputs;
  const where = s3Location(data.destination, data.serverName, data.endpointURL, inputs.s3Endpoint);
  const plain = where.endpoint ? new URL(where.endpoint) : undefined;
  if (plain?.protocol === 'http:' && !isLoopback(plain))
    ctx.logger.warning(
      `S3 requests to ${where.endpoint} go over plain http: they are signed and carry no key, but the object names they list cross the network readable (set s3-endpoint to an https URL of the store)`,
    );
  const keys = await readS3Keys(ctx, conn, namespace, data.credentials);
  const region = keys.region ?? DEFAULT_S3_REGION;
  if (!REGION_NAME.test(region))
    throw new ConfigurationError(
      `s3Credentials.region: '${region}' from ${describeKeys(data.credentials.region ? [data.credentials.region] : [], namespace)} is not an AWS region name (example: eu-west-1)`,
    );
  ctx.logger.info(
    `S3 keys from ${keys.from}; region ${region}${keys.region ? ' (s3Credentials.region)' : ' (default)'}`,
  );
  const deps = {
    credentials: keys.credentials,
    credentialsFrom: keys.from,
    region,
    logger: ctx.logger,
    signal: ctx.signal,
  };
  return s3Prefix(deps, where);
}

async function readS3Keys(
  ctx: ActionContext,
  conn: Connection,
  namespace: string,
  refs: S3CredentialRefs,
) {
  const values = await readSecretKeys(conn.http, namespace, refs, {
    setSecret: ctx.setSecret,
    // The region names a place, not a credential: masking it would hide it in every log line.
    notSecret: ['region'],
    from: 's3Credentials of the backup configuration',
    purpose: 'to sign the requests that delete the backups, as barman-cloud does',
  });
  const { accessKeyId = '', secretAccessKey = '', sessionToken, region } = values;
  const signing = [refs.accessKeyId, refs.secretAccessKey, refs.sessionToken].filter(
    (r) => r !== undefined,
  );
  return {
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    region: region?.trim() || undefined,
    from: describeKeys(signing, namespace),
  };
}

export async function deleteBackupData(
  ctx: ActionContext,
  access: DataAccess,
): Promise<BackupDataReport> {
  const started = ctx.now();
  const done = await access.prefix();
  const seconds = (ctx.now() - started) / 1000;
  ctx.logger.info(
    `${access.location}: deleted ${done.files} file(s), ${done.bytes} bytes in ${seconds.toFixed(1)} s`,
  );
  return { location: access.location, ...done, seconds };
}
