// Runs the real kubectl against a sandbox, with its own cache and HOME, for the tests.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** The kubectl on PATH, or undefined (the tests that need it are skipped). */
export function findKubectl(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', 'command -v kubectl'], (err, out) => {
      resolve(err ? undefined : out.trim());
    });
  });
}

export function runKubectl(kubeconfig: string, home: string, args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      'kubectl',
      [`--kubeconfig=${kubeconfig}`, `--cache-dir=${join(home, 'cache')}`, ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: home }, timeout: 60_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
