// A local TCP port that tunnels each connection to a pod through pods/portforward (client-node's
// PortForward, one WebSocket per connection), as `kubectl port-forward` does. The pod is
// resolved again for every new connection, so that a client that reconnects after a failover
// reaches the new primary. When the pod's end closes (the pod or its server went away), the
// local connection is closed too, so a client sees its connection end instead of hanging.
import { createServer, type Server, type Socket } from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';

export interface PortForwardOptions {
  readonly namespace: string;
  /** A pod name, or how to find the pod for each new connection. */
  readonly pod: string | (() => Promise<string>);
  readonly port: number;
  /** Told about each connection that could not be tunnelled (for the log). */
  readonly onError?: (message: string) => void;
}

export interface LocalPort {
  readonly host: string;
  readonly port: number;
  /** Connections accepted so far, and the pods they went to. */
  readonly connections: readonly { readonly pod: string }[];
  close(): Promise<void>;
}

interface Closable {
  close(): void;
  on?(event: string, fn: () => void): void;
}

export async function forwardPort(kc: KubeConfig, o: PortForwardOptions): Promise<LocalPort> {
  const { PortForward } = await import('@kubernetes/client-node');
  const forward = new PortForward(kc);
  const resolve = typeof o.pod === 'string' ? () => Promise.resolve(o.pod as string) : o.pod;
  const sockets = new Set<Socket>();
  const tunnels = new Set<Closable>();
  const connections: { pod: string }[] = [];
  const fail = (socket: Socket, message: string) => {
    o.onError?.(message);
    socket.destroy();
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.pause();
    void (async () => {
      let pod = '';
      try {
        pod = await resolve();
        connections.push({ pod });
        const errors = {
          write: (b: Buffer) => (b.length > 0 && o.onError?.(b.toString('utf8')), true),
        };
        const ws = (await forward.portForward(
          o.namespace,
          pod,
          [o.port],
          socket,
          errors as never,
          socket,
        )) as Closable;
        tunnels.add(ws);
        ws.on?.('close', () => {
          tunnels.delete(ws);
          socket.end();
        });
        socket.on('close', () => {
          ws.close();
        });
        socket.resume();
      } catch (error) {
        fail(
          socket,
          `port-forward to ${pod || 'the pod'}:${o.port}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  return {
    host: '127.0.0.1',
    port: typeof address === 'object' && address ? address.port : 0,
    connections,
    close: () =>
      new Promise<void>((done) => {
        for (const t of tunnels) t.close();
        for (const s of sockets) s.destroy();
        server.close(() => {
          done();
        });
      }),
  };
}
