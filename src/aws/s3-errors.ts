// S3 error responses (<Error><Code>, <Message>) as errors that carry the operation ("listing
// s3://pg-backups/pg/pg-orders/: AccessDenied: Access Denied") and, for the mistakes a user
// fixes in the Secret, the bucket policy or the cluster's backup configuration, what to do,
// as a ConfigurationError. Keys are named by Secret and key, never by value.
import { ConfigurationError, ServiceError } from '../errors.ts';
import type { S3ErrorBody } from './s3-xml.ts';

/** An S3 request that failed for a reason that is not the user's to fix (or not known to be). */
export class S3Error extends ServiceError {
  override readonly name = 'S3Error';
}

/** What the requests go to and what the errors name. */
export interface S3Target {
  readonly bucket: string;
  /** endpointURL of an S3-compatible store, no trailing slash; undefined: AWS S3. */
  readonly endpoint?: string;
  /** Where the keys came from: "keys ACCESS_KEY_ID and ACCESS_SECRET_KEY of Secret s3 in namespace db". */
  readonly credentialsFrom: string;
  /** The prefix being deleted, for the permission the keys need. */
  readonly prefix?: string;
}

/** The error to throw for a failed S3 request made for `context`. */
export function s3Error(
  context: string,
  target: S3Target,
  status: number,
  body: S3ErrorBody & { readonly code: string },
  requestId?: string,
): Error {
  const text = `${context}: ${body.code}: ${body.message ?? `HTTP ${status}`}`;
  const hint = userHint(target, body.code);
  if (hint !== undefined) return new ConfigurationError(`${text.replace(/\.$/, '')}. ${hint}`);
  const id = requestId ? ` (x-amz-request-id ${requestId})` : '';
  return new S3Error(`${text}${id}`, status, body.code);
}

/** What to do about an error the user fixes; undefined for the others. */
export function userHint(target: S3Target, code: string): string | undefined {
  const store = target.endpoint ? `the store at ${target.endpoint}` : 'AWS S3';
  const keys = target.credentialsFrom;
  switch (code) {
    case 'InvalidAccessKeyId':
      return `The access key id from ${keys} is not known to ${store}: put the id of an active access key there (or fix endpointURL if the keys belong to another store).`;
    case 'SignatureDoesNotMatch':
      return `The secret access key from ${keys} does not belong to its access key id: put that access key's own secret there (a proxy that rewrites requests to ${store} causes this too).`;
    case 'AccessDenied':
    case 'AllAccessDisabled':
      return `The keys from ${keys} were accepted but may not list and delete in bucket ${target.bucket}: ${permissionHint(target)}`;
    case 'InvalidToken':
    case 'ExpiredToken':
    case 'TokenRefreshRequired':
      return `The session token from ${keys} is expired or not valid: temporary credentials expire, so put current ones there, or long-lived keys without sessionToken.`;
    case 'NoSuchBucket':
      return `Bucket ${target.bucket} does not exist in ${store}: check the destinationPath${target.endpoint ? ' and endpointURL' : ''} of the cluster's backups.`;
    case 'RequestTimeTooSkewed':
      return `The runner's clock is more than 15 minutes away from ${store}'s; requests are signed with the time.`;
    case 'AuthorizationHeaderMalformed':
      return `The store refused the region the request was signed for: set s3Credentials.region to the bucket's region.`;
    default:
      return undefined;
  }
}

function permissionHint(target: S3Target): string {
  const objects = `arn:aws:s3:::${target.bucket}/${target.prefix ?? ''}*`;
  return `grant them s3:ListBucket on arn:aws:s3:::${target.bucket} and s3:DeleteObject on ${objects} (IAM policy or bucket policy; on MinIO, a policy with the same actions).`;
}
