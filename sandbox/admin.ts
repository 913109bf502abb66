// Requests to the sandbox's API server with its own admin token: the test hooks
// (/sandbox/writes, /sandbox/requests, /sandbox/faults) and kubectl-like edits.
import { request } from 'node:https';

export interface SandboxEndpoint {
  url: string;
  caPem: string;
  token: string;
}

export function sandboxRequest(
  sandbox: SandboxEndpoint,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/apply-patch+yaml',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, sandbox.url),
      {
        method,
        ca: sandbox.caPem,
        headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': contentType },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: text });
        });
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** The API writes the sandbox recorded while fn ran, as "METHOD path". */
export async function writesDuring(
  sandbox: SandboxEndpoint,
  fn: () => Promise<unknown>,
): Promise<string[]> {
  await sandboxRequest(sandbox, 'DELETE', '/sandbox/writes');
  await fn();
  const log = JSON.parse((await sandboxRequest(sandbox, 'GET', '/sandbox/writes')).body) as {
    method: string;
    path: string;
  }[];
  return log.map((w) => `${w.method} ${w.path}`);
}

/** Every API request the sandbox served while fn ran, as "METHOD path". */
export async function requestsDuring(
  sandbox: SandboxEndpoint,
  fn: () => Promise<unknown>,
): Promise<string[]> {
  await sandboxRequest(sandbox, 'DELETE', '/sandbox/requests');
  await fn();
  return JSON.parse((await sandboxRequest(sandbox, 'GET', '/sandbox/requests')).body) as string[];
}
