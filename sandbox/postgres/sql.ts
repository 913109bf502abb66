// Superuser connections of the sandbox itself: `postgres` over the unix socket (trust).
import pg from 'pg';

export interface SocketTarget {
  socketDir: string;
  port: number;
}

export interface ClientOptions {
  database?: string;
  connectTimeoutMs?: number;
}

export async function connect(t: SocketTarget, opts: ClientOptions = {}): Promise<pg.Client> {
  const client = new pg.Client({
    host: t.socketDir,
    port: t.port,
    user: 'postgres',
    database: opts.database ?? 'postgres',
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    application_name: 'pgha-sandbox',
  });
  // A server that dies under an open connection must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  return client;
}

export async function withClient<T>(
  t: SocketTarget,
  fn: (c: pg.Client) => Promise<T>,
  opts: ClientOptions = {},
): Promise<T> {
  const client = await connect(t, opts);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function queryRows<T extends Record<string, unknown>>(
  t: SocketTarget,
  sql: string,
  values: unknown[] = [],
  opts: ClientOptions = {},
): Promise<T[]> {
  return withClient(t, async (c) => (await c.query<T>(sql, values)).rows, opts);
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
