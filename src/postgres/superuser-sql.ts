// SQL as postgres inside an instance pod (psql over pods/exec) with what a step needs around
// it: a time bound from the step's deadline, retries when the exec connection itself fails
// for a transient reason (429, 5xx, a reset), and a clear message when RBAC forbids
// pods/exec. A psql error (the SQL failed) is not retried.
import type { KubeConfig } from '@kubernetes/client-node';
import { ExecError } from '../kube/exec.ts';
import { oneLine } from '../log-safety.ts';
import { psqlInPod } from './psql.ts';

export interface SqlTarget {
  readonly kc: KubeConfig;
  readonly namespace: string;
  readonly pod: string;
  /** Database to connect to (default postgres). */
  readonly database?: string;
  /** Absolute deadline, ms since the epoch. */
  readonly deadline: number;
  readonly now: () => number;
  readonly onRetry?: (message: string) => void;
  /** Bound of one exec (default 30 s); amcheck of a large database takes longer. */
  readonly maxExecMs?: number;
}

const ATTEMPTS = 4;
const MAX_EXEC_MS = 30_000;

function transient(error: unknown): boolean {
  if (!(error instanceof ExecError)) return false;
  return /\b(429|50[02-4])\b|ECONNRESET|ECONNREFUSED|ETIMEDOUT|socket hang up|closed without/.test(
    error.message,
  );
}

function forbidden(error: unknown): boolean {
  return error instanceof ExecError && /\b403\b/.test(error.message);
}

export async function superuserSql(t: SqlTarget, sql: string): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const left = t.deadline - t.now();
    try {
      return await psqlInPod(t.kc, t, sql, {
        timeoutMs: Math.max(1000, Math.min(t.maxExecMs ?? MAX_EXEC_MS, left)),
        ...(t.database ? { database: t.database } : {}),
      });
    } catch (error) {
      if (forbidden(error))
        throw new ExecError(
          `exec into ${t.namespace}/${t.pod} is forbidden: the identity needs create on pods/exec in namespace ${t.namespace} (Kubernetes' edit role grants it), or set verify-wal: false (${oneLine((error as Error).message)})`,
          { cause: error },
        );
      const delay = 500 * 2 ** (attempt - 1);
      if (!transient(error) || attempt >= ATTEMPTS || t.now() + delay >= t.deadline) throw error;
      t.onRetry?.(`${(error as Error).message}; retrying in ${(delay / 1000).toFixed(1)} s`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
