// The instance manager's WAL endpoint: archive_command and restore_command (wal-command.mjs,
// run by PostgreSQL as the server user) POST {instance, name, path} here, and the sandbox,
// which can read and write every data directory, moves the file to or from the object store.
// 200: done; 404: not in the archive (restore); 500: failed, with the message as the body.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ArchiveHook } from '../postgres/config.ts';
import { NODE24 } from '../runner.ts';

export interface WalRequest {
  namespace: string;
  pod: string;
  /** %f: the WAL file name. */
  name: string;
  /** %p made absolute: where PostgreSQL has (archive) or wants (restore) the file. */
  path: string;
}

export interface WalHandler {
  archive(req: WalRequest): Promise<void>;
  /** False when the archive does not have the file. */
  restore(req: WalRequest): Promise<boolean>;
}

export interface WalService {
  url: string;
  /** archive_command (and, for a recovering instance, restore_command) of a server. */
  hook(namespace: string, pod: string, o?: { restore?: boolean }): ArchiveHook;
  close(): Promise<void>;
}

const SCRIPT = join(import.meta.dirname, 'wal-command.mjs');

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

function parseRequest(body: Record<string, unknown>): WalRequest {
  const { instance, name, path } = body;
  const [namespace = '', pod = ''] = typeof instance === 'string' ? instance.split('/') : [];
  if (!namespace || !pod || typeof name !== 'string' || typeof path !== 'string')
    throw new Error('bad request: instance, name and path are required');
  return { namespace, pod, name, path };
}

async function serve(
  handler: WalHandler,
  token: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const reply = (code: number, text: string) => res.writeHead(code).end(text);
  if (req.headers.authorization !== `Bearer ${token}`) return void reply(401, 'unauthorized');
  try {
    const wal = parseRequest(await readJson(req));
    if (req.url === '/archive') {
      await handler.archive(wal);
      reply(200, '');
    } else if (req.url === '/restore') {
      const found = await handler.restore(wal);
      reply(found ? 200 : 404, found ? '' : 'not in the archive');
    } else {
      reply(404, `${req.url ?? ''} not found`);
    }
  } catch (error) {
    reply(500, error instanceof Error ? error.message : String(error));
  }
}

export async function startWalService(handler: WalHandler): Promise<WalService> {
  const token = randomBytes(16).toString('hex');
  const server = createServer((req, res) => void serve(handler, token, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  const command = (verb: string, instance: string) =>
    [NODE24, SCRIPT, verb, url, token, instance].map(shellQuote).concat(['%f', '%p']).join(' ');
  return {
    url,
    hook: (namespace, pod, o = {}) => ({
      archiveCommand: command('archive', `${namespace}/${pod}`),
      ...(o.restore ? { restoreCommand: command('restore', `${namespace}/${pod}`) } : {}),
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
