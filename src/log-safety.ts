// Log text that cannot turn into a workflow command. The runner reads a stdout line as a
// command when it starts with `::` after leading blanks, or holds the legacy `##[`; text from
// the cluster (phase reasons, API and event messages) could otherwise mask a value, stop
// command processing or fake an annotation.

const ZWSP = '\u200b';

/**
 * Breaks what the runner would parse as a workflow command, keeping the text readable: a
 * zero-width space between the colons of `::` at a line start (the runner splits lines at
 * CR and LF and trims leading blanks), and inside every legacy `##[`.
 */
export function defuseCommands(message: string): string {
  return message
    .replace(/(^|[\r\n])([^\S\r\n]*):(?=:)/g, `$1$2:${ZWSP}`)
    .replaceAll('##[', `#${ZWSP}#[`);
}

const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': ' ' };

/**
 * Text that comes from the cluster (phase reasons, API and event messages) on one log line:
 * control characters and newlines are shown escaped, so it can neither start a new line nor
 * a workflow command.
 */
export function oneLine(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f\u2028\u2029]/g,
    (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
