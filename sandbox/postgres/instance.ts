// One PostgreSQL server of the sandbox: its data directory (DIR/pgdata, owned by the server
// user, mode 0700), log (DIR/postgres.log), config, postmaster process, the shutdowns CNPG's
// instance manager runs (smart then fast, fast then immediate) and, for a standby, the link
// its streaming connection goes through (replication-link.ts).
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { chownToServer } from '../users.ts';
import type { ServerUser } from '../users.ts';
import { INITDB, POSTGRES, parameterCatalog } from './binaries.ts';
import { freePort } from './ports.ts';
import { ReplicationLink, severLinksTo } from './replication-link.ts';
import { renderConfig, sanitizeParameters } from './config.ts';
import type { ArchiveHook, DroppedParameter } from './config.ts';
import { ServerProcess, runTool, tail } from './server-process.ts';
import type { StopMode } from './server-process.ts';
import { connect, queryRows } from './sql.ts';
import type { SocketTarget } from './sql.ts';

export interface InstanceOptions {
  /** Pod name; also the application_name replicas stream with. */
  name: string;
  /** Instance directory (the "PVC"): pgdata/ and postgres.log inside. */
  dir: string;
  port: number;
  /** Shared unix socket directory (short path, writable by the server user). */
  socketDir: string;
  user: ServerUser | undefined;
  /** spec.postgresql.parameters; sanitized before use (see config.ts). */
  parameters?: Record<string, string>;
  archive?: ArchiveHook;
  /** Called when the postmaster exits, expectedly or not. */
  onExit?: (code: number | null, signal: string | null) => void;
}

export interface InitdbOptions {
  encoding?: string;
  locale?: string;
}

const START_TIMEOUT_MS = 60_000;

export class Instance implements SocketTarget {
  readonly name: string;
  readonly dir: string;
  readonly dataDir: string;
  readonly logFile: string;
  readonly port: number;
  readonly socketDir: string;
  readonly user: ServerUser | undefined;
  parameters: Record<string, string>;
  archive: ArchiveHook | undefined;
  droppedParameters: DroppedParameter[] = [];
  #server: ServerProcess | undefined;
  #link: ReplicationLink | undefined;
  #onExit: InstanceOptions['onExit'];

  constructor(o: InstanceOptions) {
    this.name = o.name;
    this.dir = o.dir;
    this.dataDir = join(o.dir, 'pgdata');
    this.logFile = join(o.dir, 'postgres.log');
    this.port = o.port;
    this.socketDir = o.socketDir;
    this.user = o.user;
    this.parameters = o.parameters ?? {};
    this.archive = o.archive;
    this.#onExit = o.onExit;
  }

  get running(): boolean {
    return this.#server?.running ?? false;
  }

  get pid(): number | undefined {
    return this.running ? this.#server?.pid : undefined;
  }

  /** Aborted when the running server exits; undefined while none runs. */
  get exitSignal(): AbortSignal | undefined {
    return this.running ? this.#server?.exitSignal : undefined;
  }

  /** The link this server streams through as a standby (created on first use). */
  async replicationLink(): Promise<ReplicationLink> {
    this.#link ??= new ReplicationLink({ socketDir: this.socketDir, port: await freePort() });
    if (this.running) await this.#link.listen();
    return this.#link;
  }

  /** True once the data directory holds a cluster (initdb or clone done). */
  get hasData(): boolean {
    return existsSync(join(this.dataDir, 'PG_VERSION'));
  }

  /** Creates the (empty) instance and data directories with the right owner and modes. */
  async prepareDirs(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o711 });
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    await chownToServer(this.dataDir, this.user);
  }

  async initdb(o: InitdbOptions = {}): Promise<void> {
    await this.prepareDirs();
    const args = ['-D', this.dataDir, '-k', '-N', '-U', 'postgres'];
    args.push('--auth-local=trust', '--auth-host=scram-sha-256');
    args.push('-E', o.encoding ?? 'UTF8', `--locale=${o.locale ?? 'C'}`);
    await runTool(INITDB, args, { user: this.user, logFile: this.logFile });
    await this.writeConfig();
  }

  /** (Re)writes postgresql.conf from port, sockets, parameters and the archive hook. */
  async writeConfig(): Promise<void> {
    const { kept, dropped } = sanitizeParameters(this.parameters, await parameterCatalog());
    this.droppedParameters = dropped;
    const text = renderConfig({
      port: this.port,
      socketDir: this.socketDir,
      parameters: kept,
      archive: this.archive,
    });
    const file = join(this.dataDir, 'postgresql.conf');
    await writeFile(file, text, { mode: 0o600 });
    await chownToServer(file, this.user);
  }

  /** Rewrites the config with new parameters and reloads a running server. */
  async setParameters(parameters: Record<string, string>): Promise<void> {
    this.parameters = parameters;
    await this.writeConfig();
    if (this.running) await this.query('SELECT pg_reload_conf()');
  }

  /** Starts the postmaster and waits until it accepts connections. */
  async start(timeoutMs = START_TIMEOUT_MS): Promise<void> {
    if (this.running) return;
    if (!this.hasData) throw new Error(`${this.name}: no data directory at ${this.dataDir}`);
    await rm(join(this.dataDir, 'postmaster.pid'), { force: true });
    await this.#link?.listen();
    const server = ServerProcess.spawn(
      POSTGRES,
      ['-D', this.dataDir],
      { user: this.user, logFile: this.logFile, cwd: this.dataDir },
      (code, signal) => {
        this.#link?.close();
        this.#onExit?.(code, signal);
      },
    );
    this.#server = server;
    await this.#waitReady(server, timeoutMs);
  }

  async #waitReady(server: ServerProcess, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!server.running) {
        throw new Error(
          `${this.name}: postgres exited during startup:\n${await tail(this.logFile)}`,
        );
      }
      try {
        const client = await connect(this, { connectTimeoutMs: 1000 });
        await client.end();
        return;
      } catch (err) {
        if (Date.now() > deadline) {
          await server.stop('immediate');
          throw new Error(`${this.name}: not ready after ${timeoutMs} ms: ${String(err)}`, {
            cause: err,
          });
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  async stop(mode: StopMode = 'fast'): Promise<void> {
    const server = this.#server;
    if (!server?.running) return;
    const stopped = server.stop(mode);
    // A killed host sends nothing more: links drop what they still hold from or for it.
    if (mode === 'abrupt') severLinksTo(this);
    await stopped;
  }

  /** SIGKILL of the postmaster and its children, as when a node or container dies. */
  kill(): Promise<void> {
    return this.stop('abrupt');
  }

  /** CHECKPOINT before a shutdown, as the instance manager does; failures are ignored. */
  async #checkpoint(): Promise<void> {
    await queryRows(this, 'CHECKPOINT', [], { connectTimeoutMs: 2000 }).catch(() => undefined);
  }

  /**
   * What CNPG's instance manager does on SIGTERM: CHECKPOINT, smart shutdown (existing
   * sessions go on, new ones are refused) for up to smartTimeoutMs, then fast shutdown.
   * Resolves once the server is down; the caller's own deadline may kill it first.
   */
  async shutdownSmartFast(smartTimeoutMs: number): Promise<void> {
    const server = this.#server;
    if (!server?.running) return;
    await this.#checkpoint();
    if (smartTimeoutMs > 0) {
      server.signal('smart');
      if (await server.waitExit(smartTimeoutMs)) return;
    }
    server.signal('fast');
    await server.waitExit();
  }

  /**
   * The shutdown of an old primary (switchover, failover): CHECKPOINT, fast shutdown for up
   * to fastTimeoutMs (spec.switchoverDelay), then immediate.
   */
  async shutdownFastImmediate(fastTimeoutMs: number): Promise<void> {
    const server = this.#server;
    if (!server?.running) return;
    await this.#checkpoint();
    server.signal('fast');
    if (await server.waitExit(fastTimeoutMs)) return;
    server.signal('immediate');
    await server.waitExit();
  }

  async query<T extends Record<string, unknown>>(
    sql: string,
    values: unknown[] = [],
  ): Promise<T[]> {
    return queryRows<T>(this, sql, values);
  }

  /** An open superuser connection (caller ends it). */
  connect(database = 'postgres'): Promise<pg.Client> {
    return connect(this, { database });
  }

  /** Deletes the data directory (the server must be stopped). */
  async removeData(): Promise<void> {
    if (this.running) throw new Error(`${this.name}: cannot remove the data of a running server`);
    await rm(this.dataDir, { recursive: true, force: true });
  }

  async logTail(lines = 20): Promise<string> {
    return tail(this.logFile, lines);
  }
}
