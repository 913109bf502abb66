// A local TCP listener that tunnels each connection through pods/portforward over WebSocket,
// the way @kubernetes/client-node's PortForward is used (one WebSocket per connection).
import { createServer, type Server, type Socket } from 'node:net';
import * as k8s from '@kubernetes/client-node';

export interface LocalForward {
  port: number;
  /** Text the server sent on the error channel, per connection. */
  errors: string[];
  close(): Promise<void>;
}

export async function forwardPod(
  kc: k8s.KubeConfig,
  namespace: string,
  pod: string,
  podPort: number,
): Promise<LocalForward> {
  const forward = new k8s.PortForward(kc);
  const errors: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const err = {
      write: (b: Buffer) => {
        if (b.length > 0) errors.push(b.toString('utf8'));
        return true;
      },
    };
    forward
      .portForward(namespace, pod, [podPort], socket, err as never, socket)
      .then((ws) => {
        const w = ws as { on?: (e: string, f: () => void) => void };
        w.on?.('close', () => socket.end());
      })
      .catch((e: unknown) => {
        errors.push(String(e));
        socket.destroy();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
