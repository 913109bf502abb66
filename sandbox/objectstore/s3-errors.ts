// S3's error answers: a status, a code, a message and the detail elements S3 adds to the XML
// body (<Error><Code/><Message/>...<RequestId/></Error>).
export interface S3Error {
  status: number;
  code: string;
  message: string;
  /** Further elements of the <Error> body, in order (e.g. Region, HeadersNotSigned). */
  detail?: Readonly<Record<string, string>>;
}

export function s3Error(
  status: number,
  code: string,
  message: string,
  detail?: Readonly<Record<string, string>>,
): S3Error {
  return detail ? { status, code, message, detail } : { status, code, message };
}

export function errorXml(error: S3Error, requestId: string, hostId: string): string {
  const detail = Object.entries(error.detail ?? {})
    .map(([name, value]) => element(name, value))
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error>' +
    element('Code', error.code) +
    element('Message', error.message) +
    detail +
    element('RequestId', requestId) +
    element('HostId', hostId) +
    '</Error>'
  );
}

export function element(name: string, value: string | number | boolean): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** Element content as S3 writes it: &, < and > escaped, and " (its ETags read &quot;...&quot;). */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c,
  );
}
