// verify-command: the team's own check of the restored database (a script, a migration dry
// run, pg_dump --schema-only against a reference), run on the runner with bash through
// @actions/exec, with PGHOST, PGPORT, PGUSER, PGPASSWORD (masked before) and PGDATABASE
// pointing at the restored database over the port-forward. Its exit status is the result;
// its output goes to the log as it comes (the caller wraps it in a collapsed group).
import type { Credentials } from './session.ts';

export interface VerifyCommandResult {
  readonly exitCode: number;
  readonly ms: number;
}

export function pgEnv(
  port: { readonly host: string; readonly port: number },
  login: Credentials,
): Record<string, string> {
  return {
    PGHOST: port.host,
    PGPORT: String(port.port),
    PGUSER: login.user,
    PGPASSWORD: login.password,
    PGDATABASE: login.database,
  };
}

export async function runVerifyCommand(
  command: string,
  env: Readonly<Record<string, string>>,
  now: () => number,
): Promise<VerifyCommandResult> {
  const { exec } = await import('@actions/exec');
  const started = now();
  const base = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const exitCode = await exec('bash', ['-e', '-o', 'pipefail', '-c', command], {
    env: { ...base, ...env },
    ignoreReturnCode: true,
  });
  return { exitCode, ms: now() - started };
}
