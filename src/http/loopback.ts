// This machine's own addresses: the only hosts pgha talks to over plain http (the sandbox,
// Azurite) without a warning.
const LOOPBACK: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

export const isLoopback = (url: URL): boolean => LOOPBACK.has(url.hostname);
