// pods/portforward over WebSocket, as the kubelet streams it to @kubernetes/client-node:
// subprotocol v5/v4/.../channel.k8s.io; per requested port a data channel (2i) and an error
// channel (2i+1), each opened by a frame [channel, port as uint16 little-endian]; then
// frames [channel, ...bytes] both ways. v5 adds [255, channel] to close one direction.
// A stream ends with its target: when the server stops or the pod goes (the resolver's
// `closed` signal), the tunnel is torn down at once, so a client does not hang on it.
import { connect, type Socket } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

export type ForwardResolver = (
  namespace: string,
  pod: string,
  port: number,
) => { host: string; port: number; closed?: AbortSignal } | undefined;

const PROTOCOLS = [
  'v5.channel.k8s.io',
  'v4.channel.k8s.io',
  'v3.channel.k8s.io',
  'v2.channel.k8s.io',
  'channel.k8s.io',
];
const CLOSE = 255;
const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward$/;

export interface PortForwardServer {
  /** True when it took the upgrade (a portforward path); false leaves the socket to others. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, authorized: boolean): boolean;
  close(): void;
}

export function portForwardServer(resolve: ForwardResolver): PortForwardServer {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  return {
    upgrade(req, socket, head, authorized) {
      const url = new URL(req.url ?? '/', 'https://sandbox');
      const match = PATH.exec(url.pathname);
      if (!match) return false;
      const fail = (code: number, text: string) => {
        socket.end(`HTTP/1.1 ${code} ${text}\r\nContent-Length: 0\r\n\r\n`);
        return true;
      };
      if (!authorized) return fail(401, 'Unauthorized');
      const ports = (url.searchParams.getAll('ports').join(',') || '')
        .split(',')
        .filter(Boolean)
        .map(Number);
      if (ports.length === 0 || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535))
        return fail(400, 'Bad Request');
      const [namespace, pod] = [
        decodeURIComponent(match[1] ?? ''),
        decodeURIComponent(match[2] ?? ''),
      ];
      wss.handleUpgrade(req, socket, head, (ws) => {
        tunnel(ws, namespace, pod, ports, resolve);
      });
      return true;
    },
    close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

function frame(channel: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([channel]), data]);
}

function tunnel(
  ws: WebSocket,
  namespace: string,
  pod: string,
  ports: number[],
  resolve: ForwardResolver,
): void {
  const sockets: (Socket | undefined)[] = [];
  ports.forEach((port, i) => {
    const header = Buffer.alloc(2);
    header.writeUInt16LE(port);
    ws.send(frame(2 * i, header));
    ws.send(frame(2 * i + 1, header));
    const target = resolve(namespace, pod, port);
    if (!target) {
      const message = `error forwarding port ${port} to pod ${pod}: no server listens on port ${port} (the pod is not running or its instance is down)`;
      ws.send(frame(2 * i + 1, Buffer.from(message)));
      ws.close(1011, 'port unavailable');
      return;
    }
    const socket = connect(target.port, target.host);
    sockets[i] = socket;
    const end = () => {
      socket.destroy();
      if (ws.readyState === ws.OPEN) ws.close(1000);
    };
    if (target.closed?.aborted) end();
    target.closed?.addEventListener('abort', end, { once: true });
    socket.once('close', () => target.closed?.removeEventListener('abort', end));
    socket.on('data', (d: Buffer) => {
      if (ws.readyState === ws.OPEN) ws.send(frame(2 * i, d));
    });
    socket.on('error', (e) => {
      if (ws.readyState === ws.OPEN)
        ws.send(frame(2 * i + 1, Buffer.from(`error forwarding port ${port}: ${e.message}`)));
    });
    socket.on('close', () => {
      if (ws.readyState === ws.OPEN) ws.close(1000);
    });
  });
  ws.on('message', (raw: RawData) => {
    const data = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer);
    const channel = data[0];
    if (channel === undefined) return;
    if (channel === CLOSE) {
      const which = data[1] ?? 0;
      sockets[which / 2]?.end();
      return;
    }
    if (channel % 2 === 0) sockets[channel / 2]?.write(data.subarray(1));
  });
  ws.on('close', () => {
    for (const s of sockets) s?.destroy();
  });
  ws.on('error', () => {
    for (const s of sockets) s?.destroy();
  });
}
