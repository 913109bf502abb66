// The List Blobs and error documents of Azure Blob Storage as pgha reads them, including the
// forms Azure sends that Azurite does not (Encoded names, numeric references, a BOM).
import { describe, expect, test } from 'vitest';
import { parseBlobError, parseBlobList } from '../../src/azure/blob-xml.ts';

const page = (blobs: string, next = '<NextMarker />') =>
  `\ufeff<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="https://a.blob.core.windows.net/" ContainerName="backups"><Prefix>pg/</Prefix><MaxResults>2</MaxResults><Blobs>${blobs}</Blobs>${next}</EnumerationResults>`;
const blob = (name: string, length: number | undefined, attrs = '') =>
  `<Blob><Name${attrs}>${name}</Name><Properties><Last-Modified>Wed, 02 Dec 2026 12:00:00 GMT</Last-Modified>${length === undefined ? '' : `<Content-Length>${length}</Content-Length>`}<BlobType>BlockBlob</BlobType></Properties><OrMetadata /></Blob>`;

describe('parseBlobList', () => {
  test.each([
    ['an empty last page', page(''), { blobs: [] }],
    [
      'names with entities and numeric references, and a next marker',
      page(
        blob('pg/a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos;', 10) + blob('pg/&#233;&#x20AC;', 0),
        '<NextMarker>2!80!MDAwMDE2IXBnL3pxxx&amp;</NextMarker>',
      ),
      {
        blobs: [
          { name: `pg/a&b <c> "d" 'e'`, bytes: 10 },
          { name: 'pg/é€', bytes: 0 },
        ],
        nextMarker: '2!80!MDAwMDE2IXBnL3pxxx&',
      },
    ],
    [
      'a name Azure percent-encodes (Encoded="true") and a missing length',
      page(blob('pg/bad%EF%BF%BEname', undefined, ' Encoded="true"')),
      { blobs: [{ name: 'pg/bad\ufffename', bytes: 0 }] },
    ],
  ])('%s', (_what, xml, expected) => {
    expect(parseBlobList(xml)).toEqual(expected);
  });

  test('an answer that is not a listing is refused, quoted', () => {
    expect(() => parseBlobList('<html>proxy login</html>')).toThrow(
      /not a List Blobs result: <html>proxy login/,
    );
  });
});

describe('parseBlobError', () => {
  test.each([
    [
      'Azure 401 with its detail',
      '\ufeff<?xml version="1.0" encoding="utf-8"?><Error><Code>InvalidAuthenticationInfo</Code><Message>Server failed to authenticate the request. Please refer to the information in the www-authenticate header.\nRequestId:1b2c\nTime:2026-12-02T12:00:00.0000000Z</Message><AuthenticationErrorDetail>Lifetime validation failed. The token is expired.</AuthenticationErrorDetail></Error>',
      {
        code: 'InvalidAuthenticationInfo',
        message:
          'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.',
        detail: 'Lifetime validation failed. The token is expired.',
      },
    ],
    ['no body (HEAD)', '', {}],
    ['not XML', 'Bad Gateway', {}],
  ])('%s', (_what, xml, expected) => {
    expect(parseBlobError(xml)).toEqual(expected);
  });
});
