// SQL as the postgres superuser inside an instance pod, the way `kubectl cnpg psql` reaches it:
// pods/exec into the `postgres` container, `psql -U postgres` over the local socket. Used for
// what needs the superuser (switching WAL, reading pg_stat_archiver) without any password.
import type { KubeConfig } from '@kubernetes/client-node';
import { execInPod, type ExecResult } from '../kube/exec.ts';

export const POSTGRES_CONTAINER = 'postgres';

export class PsqlError extends Error {
  override readonly name = 'PsqlError';
  readonly result: ExecResult;
  constructor(message: string, result: ExecResult) {
    super(message);
    this.result = result;
  }
}

/** The psql arguments: no psqlrc, unaligned tuples only, quiet, stop at the first error. */
export function psqlArgs(sql: string, database: string): string[] {
  return [
    'psql',
    '-U',
    'postgres',
    '-X',
    '-A',
    '-t',
    '-q',
    '-v',
    'ON_ERROR_STOP=1',
    '-d',
    database,
    '-c',
    sql,
  ];
}

/** Runs one SQL text; returns the output lines (one per row, columns joined by '|'). */
export async function psqlInPod(
  kc: KubeConfig,
  where: { readonly namespace: string; readonly pod: string },
  sql: string,
  options: { readonly database?: string; readonly timeoutMs?: number } = {},
): Promise<string[]> {
  const result = await execInPod(
    kc,
    { ...where, container: POSTGRES_CONTAINER },
    psqlArgs(sql, options.database ?? 'postgres'),
    options.timeoutMs ?? 60_000,
  );
  if (result.exitCode !== 0) {
    const why = result.stderr.trim() || result.message || `exit status ${String(result.exitCode)}`;
    throw new PsqlError(`psql in ${where.namespace}/${where.pod} failed: ${why}`, result);
  }
  return result.stdout.split('\n').filter((line) => line !== '');
}
