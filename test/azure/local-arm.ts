// A small local ARM endpoint for the ARM client tests: each test sets `handler` to answer as
// Azure does (status codes, error JSON, Retry-After) and reads back what was `seen`.
// useLocalArm() registers the hooks and gives every test a fresh client, logger and records.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenCredential } from '@azure/identity';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createArmClient, type ArmClient } from '../../src/azure/arm.ts';
import { RecordingLogger } from '../helpers/recording-logger.ts';

export interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

export type Handler = (
  req: IncomingMessage,
  body: string,
) => { status: number; body?: unknown; headers?: Record<string, string> };

export const ARM_TOKEN = 'arm-access-token-0123456789abcdef';
export const SUB = '00000000-0000-0000-0000-000000000001';
export const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg-pg/providers/Microsoft.ContainerService/managedClusters/aks-pg`;
export const IDENTITY = `/subscriptions/${SUB}/resourceGroups/rg-pg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pg`;

/** Listens on a free loopback port; returns the port. */
export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
}

/** A credential that always yields ARM_TOKEN, recording the scopes asked for. */
export function staticCredential(scopes: string[] = []): TokenCredential {
  return {
    getToken: (scope) => {
      scopes.push(String(scope));
      return Promise.resolve({ token: ARM_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 });
    },
  };
}

export interface LocalArm {
  endpoint: string;
  handler: Handler;
  seen: Seen[];
  logger: RecordingLogger;
  masked: string[];
  sleeps: number[];
  scopes: string[];
  /** A client of the local endpoint with recorded sleeps (no real waiting) and no jitter. */
  arm: ArmClient;
}

export function useLocalArm(): LocalArm {
  const cx = { handler: () => ({ status: 500 }), seen: [] } as unknown as LocalArm;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { method = '', url = '' } = req;
      cx.seen.push({ method, url, authorization: req.headers.authorization, body });
      const answer = cx.handler(req, body);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  beforeAll(async () => {
    cx.endpoint = `http://127.0.0.1:${await listen(server)}`;
  });
  afterAll(() => close(server));
  beforeEach(() => {
    Object.assign(cx, {
      seen: [],
      logger: new RecordingLogger(),
      masked: [],
      sleeps: [],
      scopes: [],
    });
    cx.arm = createArmClient({
      credential: staticCredential(cx.scopes),
      endpoint: cx.endpoint,
      logger: cx.logger,
      setSecret: (s) => cx.masked.push(s),
      sleep: (ms) => {
        cx.sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0,
    });
  });
  return cx;
}
