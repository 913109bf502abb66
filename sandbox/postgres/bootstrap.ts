// bootstrap.initdb's application database: the owner role (LOGIN, password from the app
// secret, scram over TCP) and the database it owns. Idempotent; updates the password.
import type { Instance } from './instance.ts';
import { quoteIdent, quoteLiteral } from './sql.ts';

export interface ApplicationDatabase {
  database: string;
  owner: string;
  password: string;
}

export async function ensureApplicationDatabase(
  primary: Instance,
  app: ApplicationDatabase,
): Promise<void> {
  const role = quoteIdent(app.owner);
  const exists = await primary.query('SELECT FROM pg_roles WHERE rolname = $1', [app.owner]);
  const verb = exists.length > 0 ? 'ALTER' : 'CREATE';
  await primary.query(`${verb} ROLE ${role} WITH LOGIN PASSWORD ${quoteLiteral(app.password)}`);
  const db = await primary.query('SELECT FROM pg_database WHERE datname = $1', [app.database]);
  if (db.length === 0) {
    await primary.query(`CREATE DATABASE ${quoteIdent(app.database)} OWNER ${role}`);
  }
}

/** Runs statements (bootstrap.initdb.postInitSQL and friends) in a database, in order. */
export async function runStatements(
  primary: Instance,
  database: string,
  statements: string[],
): Promise<void> {
  if (statements.length === 0) return;
  const client = await primary.connect(database);
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}
