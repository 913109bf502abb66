// delete-backups: the cluster's data in Azure Blob Storage, everything under
// <container>/<path>/<serverName>/, reached with the workflow's own Azure login (no storage
// key). The access is checked by listing before anything is deleted, so that a missing role
// refuses the run while the cluster still stands.
import { blobLocation, blobPrefix, type DeletedBlobs } from '../azure/blob.ts';
import type { BackupData } from '../cnpg/teardown-plan.ts';
import { ConfigurationError } from '../errors.ts';
import type { TeardownInputs } from '../inputs/read-teardown.ts';
import type { BackupDataReport } from '../report/teardown-facts.ts';
import type { Connection } from './connect.ts';
import type { ActionContext } from './context.ts';

export interface DataAccess {
  readonly location: string;
  /** Deletes (dryRun: counts) the blobs, with the token of the check. */
  readonly prefix: (opts?: { dryRun?: boolean }) => Promise<DeletedBlobs>;
}

export async function checkBackupData(
  ctx: ActionContext,
  conn: Connection,
  inputs: TeardownInputs,
  data: BackupData,
): Promise<DataAccess> {
  const location = `${data.destination}/${data.serverName}/`;
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
  const prefix = blobPrefix(deps, where);
  const found = await prefix({ dryRun: true });
  ctx.logger.info(`${location}: ${found.files} file(s), ${found.bytes} bytes to delete`);
  return { location, prefix };
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
