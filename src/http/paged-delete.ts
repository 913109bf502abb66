// Emptying a prefix of an object store page by page (Blob: List Blobs and Delete Blob; S3:
// ListObjectsV2 and DeleteObjects): each page is deleted before the next is listed, so that
// a listing never runs ahead of what is gone, with a progress line every ten pages.
import type { Logger } from '../logging.ts';

export interface Page<T> {
  readonly items: readonly T[];
  /** Where the next page starts; undefined on the last page. */
  readonly next?: string;
}

export interface Removed {
  /** Objects deleted (with dryRun: found). */
  readonly files: number;
  /** Their sizes, summed. */
  readonly bytes: number;
}

export async function deletePages<T extends { readonly bytes: number }>(o: {
  readonly list: (next: string | undefined) => Promise<Page<T>>;
  /** Deletes a page's items and returns those that are gone. */
  readonly remove: (items: readonly T[]) => Promise<readonly T[]>;
  readonly dryRun?: boolean;
  readonly logger: Logger;
  /** "blobs under backups/pg/", for the progress lines. */
  readonly what: string;
}): Promise<Removed> {
  const total = { files: 0, bytes: 0 };
  let next: string | undefined;
  let pages = 0;
  do {
    const page = await o.list(next);
    const gone = o.dryRun ? page.items : await o.remove(page.items);
    total.files += gone.length;
    total.bytes += gone.reduce((sum, item) => sum + item.bytes, 0);
    next = page.next;
    pages += 1;
    if (next && pages % 10 === 0)
      o.logger.info(`${o.dryRun ? 'found' : 'deleted'} ${total.files} ${o.what} so far`);
  } while (next);
  return total;
}
