// A PostgreSQL session over a port-forward with node-postgres. The bytes travel inside the
// API server's TLS WebSocket, so the session itself does not add TLS (CNPG's default pg_hba
// accepts scram-sha-256 over plain host connections). node-postgres loads on first use.
import type { Client } from 'pg';
import type { LocalPort } from '../kube/port-forward.ts';

export interface Credentials {
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

export interface SessionOptions {
  readonly connectTimeoutMs?: number;
  /** Shown in pg_stat_activity, so that a DBA can tell pgha's sessions apart. */
  readonly applicationName?: string;
  /** Told about errors of an idle connection (a broken tunnel) instead of crashing. */
  readonly onError?: (error: Error) => void;
}

export async function openSession(
  port: Pick<LocalPort, 'host' | 'port'>,
  auth: Credentials,
  options: SessionOptions = {},
): Promise<Client> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    host: port.host,
    port: port.port,
    user: auth.user,
    password: auth.password,
    database: auth.database,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: options.applicationName ?? 'pgha',
  });
  client.on('error', (error) => options.onError?.(error));
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}
