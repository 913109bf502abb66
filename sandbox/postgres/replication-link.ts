// The network between a standby and its primary. Every standby streams through its own link: a
// Unix socket in the servers' socket directory (its primary_conninfo names it, as a CNPG
// standby names `<cluster>-rw`) that forwards to the server the standby was told to follow.
// Bytes cross the link `replicationLatencyMs` late in both directions (a fault, registered
// per socket directory by the operator), and when a primary is killed its links drop what they
// still hold, as a real network drops what the dead host had not yet sent: with asynchronous
// replication the standbys then miss the last commits the clients saw succeed.
import { chmod, rm } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';

export interface LinkTarget {
  socketDir: string;
  port: number;
}

/** Latency sources by socket directory (one per running operator; none: no delay). */
const latencies = new Map<string, () => number>();
/** Links whose listener is open, to sever the ones that lead to a killed server. */
const open = new Set<ReplicationLink>();

export function setReplicationLatency(socketDir: string, latencyMs?: () => number): void {
  if (latencyMs) latencies.set(socketDir, latencyMs);
  else latencies.delete(socketDir);
}

function socketPath(t: LinkTarget): string {
  return join(t.socketDir, `.s.PGSQL.${t.port}`);
}

/** One direction of a connection: chunks written to `to` once they are due, in order. */
class DelayedPipe {
  readonly #to: Socket;
  readonly #delay: () => number;
  #queue: { due: number; data: Buffer }[] = [];
  #timer: NodeJS.Timeout | undefined;
  #ending = false;

  constructor(to: Socket, delay: () => number) {
    this.#to = to;
    this.#delay = delay;
  }

  push(data: Buffer): void {
    const delay = this.#delay();
    if (delay <= 0 && this.#queue.length === 0) {
      if (!this.#to.destroyed) this.#to.write(data);
      return;
    }
    this.#queue.push({ due: Date.now() + delay, data });
    this.#schedule();
  }

  /** Ends `to` once everything queued is delivered. */
  end(): void {
    this.#ending = true;
    this.#schedule();
  }

  /** Forgets what is still queued (a killed sender). */
  drop(): void {
    this.#queue = [];
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    if (this.#timer) return;
    const head = this.#queue[0];
    if (!head) {
      if (this.#ending) this.#to.end();
      return;
    }
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#flush();
      },
      Math.max(0, head.due - Date.now()),
    );
  }

  #flush(): void {
    const now = Date.now();
    while (this.#queue[0] && this.#queue[0].due <= now) {
      const next = this.#queue.shift();
      if (next && !this.#to.destroyed) this.#to.write(next.data);
    }
    this.#schedule();
  }
}

interface Connection {
  upstream: string;
  standby: Socket;
  primary: Socket;
  toPrimary: DelayedPipe;
  toStandby: DelayedPipe;
}

export class ReplicationLink {
  /** The standby's end: `.s.PGSQL.<port>` in its socket directory. */
  readonly address: LinkTarget;
  #target: LinkTarget | undefined;
  #server: Server | undefined;
  readonly #connections = new Set<Connection>();

  constructor(address: LinkTarget) {
    this.address = address;
  }

  /** Where new streaming connections go (existing ones stay, like conntrack entries). */
  follow(target: LinkTarget | undefined): void {
    this.#target = target;
  }

  get target(): LinkTarget | undefined {
    return this.#target;
  }

  get listening(): boolean {
    return this.#server !== undefined;
  }

  async listen(): Promise<void> {
    if (this.#server) return;
    const path = socketPath(this.address);
    await rm(path, { force: true });
    const server = createServer((socket) => {
      this.#accept(socket);
    });
    server.unref();
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, resolve);
    });
    // The standby runs as the server user and needs write access to the socket file.
    await chmod(path, 0o777);
    open.add(this);
  }

  /** Stops listening and drops every connection (the standby's server is gone). */
  close(): void {
    open.delete(this);
    for (const c of this.#connections) this.#drop(c);
    this.#server?.close();
    this.#server = undefined;
  }

  /** Drops the connections to `upstream` with whatever they still hold. */
  sever(upstream: LinkTarget): void {
    const path = socketPath(upstream);
    for (const c of this.#connections) if (c.upstream === path) this.#drop(c);
  }

  #accept(standby: Socket): void {
    const target = this.#target;
    standby.on('error', () => undefined);
    if (!target) {
      standby.destroy();
      return;
    }
    const upstream = socketPath(target);
    const primary = connect(upstream);
    primary.on('error', () => undefined);
    const latency = () => latencies.get(this.address.socketDir)?.() ?? 0;
    const c: Connection = {
      upstream,
      standby,
      primary,
      toPrimary: new DelayedPipe(primary, latency),
      toStandby: new DelayedPipe(standby, latency),
    };
    this.#connections.add(c);
    standby.on('data', (d: Buffer) => {
      c.toPrimary.push(d);
    });
    primary.on('data', (d: Buffer) => {
      c.toStandby.push(d);
    });
    standby.once('close', () => {
      c.toPrimary.end();
      this.#connections.delete(c);
    });
    primary.once('close', () => {
      c.toStandby.end();
    });
  }

  #drop(c: Connection): void {
    c.toPrimary.drop();
    c.toStandby.drop();
    c.standby.destroy();
    c.primary.destroy();
    this.#connections.delete(c);
  }
}

/** A primary was killed: every link drops what it holds from or for that server. */
export function severLinksTo(primary: LinkTarget): void {
  for (const link of open) link.sever(primary);
}
