// Running a command in a pod's container through pods/exec (client-node's Exec, over
// WebSocket), as `kubectl exec` does: stdout, stderr and the exit status, bounded in time.
import { Writable } from 'node:stream';
import type { KubeConfig, V1Status } from '@kubernetes/client-node';

export interface ExecTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
}

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  /** The command's exit status; undefined when the API server did not say. */
  readonly exitCode: number | undefined;
  /** The Status of the error channel, when it was not Success. */
  readonly message?: string;
}

export class ExecError extends Error {
  override readonly name = 'ExecError';
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** The exit code in a metav1.Status of the exec error channel (reason NonZeroExitCode). */
export function exitCodeOf(status: V1Status): number | undefined {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  return cause?.message === undefined ? undefined : Number(cause.message);
}

export async function execInPod(
  kc: KubeConfig,
  target: ExecTarget,
  command: readonly string[],
  timeoutMs: number,
): Promise<ExecResult> {
  const { Exec } = await import('@kubernetes/client-node');
  const out = collector();
  const err = collector();
  const where = `${target.namespace}/${target.pod} (container ${target.container})`;
  return new Promise<ExecResult>((resolve, reject) => {
    let socket: { close(): void } | undefined;
    const timer = setTimeout(() => {
      socket?.close();
      reject(
        new ExecError(`exec in ${where} did not finish within ${Math.round(timeoutMs / 1000)} s`),
      );
    }, timeoutMs);
    let finished = false;
    const done = (status: V1Status) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const exitCode = exitCodeOf(status);
      resolve({
        stdout: out.text(),
        stderr: err.text(),
        exitCode,
        ...(status.status === 'Success' ? {} : { message: status.message ?? status.reason ?? '' }),
      });
    };
    new Exec(kc)
      .exec(
        target.namespace,
        target.pod,
        target.container,
        [...command],
        out.stream,
        err.stream,
        null,
        false,
        done,
      )
      .then((ws) => {
        socket = ws;
        // A connection that ends with no status on the error channel: report what came.
        ws.on('close', () => {
          setTimeout(() => {
            done({
              status: 'Failure',
              message: 'the exec connection closed without an exit status',
            });
          }, 100);
        });
      })
      .catch((error: unknown) => {
        clearTimeout(timer);
        reject(
          new ExecError(
            `exec in ${where}: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          ),
        );
      });
  });
}
