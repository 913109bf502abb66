// pods/exec over WebSocket as the API server and kubelet serve it to kubectl and client-node:
// subprotocol v5.channel.k8s.io or v4.channel.k8s.io, frames [channel, ...bytes] with stdin 0,
// stdout 1, stderr 2, the error channel 3 (a metav1.Status: Success, or NonZeroExitCode with
// an ExitCode cause) and resize 4; v5 adds [255, channel] to close a stream (stdin EOF).
// Errors found before the upgrade (no pod, bad container) are answered as HTTP Status bodies,
// which client-go turns into StatusErrors as it does against a real cluster.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { statusBody } from './respond.ts';
import { ApiError, type KubeObject } from './types.ts';

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/;
const [STDIN, STDOUT, STDERR, ERROR, CLOSE] = [0, 1, 2, 3, 255];

/** What runs for an exec: a program with its environment, as a given user. */
export interface ExecSpawn {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  ids?: { uid: number; gid: number };
}

/** The process for `command` in a pod's container; an ApiError when the pod cannot exec. */
export type ExecResolver = (pod: KubeObject, container: string, command: string[]) => ExecSpawn;

/** The HTTP status an upgrade request was refused with (for the request log). */
export const refusedWith = new WeakMap<Duplex, number>();

export interface ExecServer {
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, authorized: boolean): boolean;
  close(): void;
}

export function execServer(
  getPod: (namespace: string, name: string) => KubeObject | undefined,
  resolve: ExecResolver,
): ExecServer {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  return {
    upgrade(req, socket, head, authorized) {
      const url = new URL(req.url ?? '/', 'https://sandbox');
      const match = PATH.exec(url.pathname);
      if (!match) return false;
      try {
        if (!authorized) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
        const [ns, name] = [decodeURIComponent(match[1] ?? ''), decodeURIComponent(match[2] ?? '')];
        const run = prepare(getPod(ns, name), name, url.searchParams, resolve);
        const offered = (req.headers['sec-websocket-protocol'] ?? '')
          .split(',')
          .map((p) => p.trim());
        if (!PROTOCOLS.some((p) => offered.includes(p)))
          throw new ApiError(
            400,
            'BadRequest',
            `unable to upgrade: the sandbox speaks ${PROTOCOLS.join(', ')} only`,
          );
        wss.handleUpgrade(req, socket, head, (ws) => {
          stream(ws, run);
        });
      } catch (e) {
        refuse(socket, e);
      }
      return true;
    },
    close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

interface Run {
  spawn: ExecSpawn;
  stdin: boolean;
  tty: boolean;
  command: string[];
}

function prepare(
  pod: KubeObject | undefined,
  name: string,
  query: URLSearchParams,
  resolve: ExecResolver,
): Run {
  if (!pod) throw new ApiError(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' });
  const containers = ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name);
  let container = query.get('container') ?? '';
  if (!container && containers.length === 1) container = containers[0] ?? '';
  if (!container)
    throw new ApiError(
      400,
      'BadRequest',
      `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`,
    );
  if (!containers.includes(container))
    throw new ApiError(400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
  const command = query.getAll('command');
  if (command.length === 0)
    throw new ApiError(400, 'BadRequest', 'you must specify at least 1 command');
  const flag = (n: string) => ['true', '1'].includes(query.get(n) ?? '');
  return {
    spawn: resolve(pod, container, command),
    stdin: flag('stdin'),
    tty: flag('tty'),
    command,
  };
}

function refuse(socket: Duplex, e: unknown): void {
  const err = e instanceof ApiError ? e : new ApiError(500, 'InternalError', String(e));
  refusedWith.set(socket, err.code);
  const body = JSON.stringify(statusBody(err));
  socket.end(
    `HTTP/1.1 ${err.code} ${err.reason || 'Error'}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function frame(channel: number, data: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from([channel]), Buffer.from(data)]);
}

function stream(ws: WebSocket, run: Run): void {
  const { spawn: s } = run;
  const child = spawn(s.command, s.args, {
    env: s.env,
    cwd: s.cwd,
    stdio: [run.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    ...(s.ids ?? {}),
  });
  const send = (channel: number, data: Buffer | string) => {
    if (ws.readyState === ws.OPEN) ws.send(frame(channel, data));
  };
  child.stdout?.on('data', (d: Buffer) => {
    send(STDOUT, d);
  });
  child.stderr?.on('data', (d: Buffer) => {
    send(run.tty ? STDOUT : STDERR, d);
  });
  child.stdin?.on('error', () => undefined);
  let failed: Error | undefined;
  child.on('error', (e) => (failed = e));
  child.on('close', (code, signal) => {
    send(ERROR, JSON.stringify(exitStatus(run.command, failed, code, signal)));
    if (ws.readyState === ws.OPEN) ws.close(1000);
  });
  ws.on('message', (raw: RawData) => {
    const data = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer);
    if (data[0] === STDIN) child.stdin?.write(data.subarray(1));
    else if (data[0] === CLOSE && data[1] === STDIN) child.stdin?.end();
  });
  ws.on('close', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
}

function exitStatus(
  command: string[],
  failed: Error | undefined,
  code: number | null,
  signal: string | null,
): Record<string, unknown> {
  if (failed) {
    const message = `Internal error occurred: error executing command in container: failed to exec in container: ${(failed as NodeJS.ErrnoException).code === 'ENOENT' ? `exec: "${command[0] ?? ''}": executable file not found in $PATH` : failed.message}`;
    return { metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 };
  }
  // A process killed by a signal exits as a shell reports it: 128 + the signal number.
  const rc = code ?? 128 + (signal ? constants.signals[signal as NodeJS.Signals] : 0);
  if (rc === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${rc}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(rc) }] },
  };
}
