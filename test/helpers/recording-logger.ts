// A Logger that records every call, for tests that assert what was logged and, above all,
// that no secret was: `logger.text()` is everything that would have reached the job log.
import type { Logger } from '../../src/logging.ts';

export type LogLevel = 'info' | 'warning' | 'error' | 'debug' | 'group';

export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
}

export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  info(message: string): void {
    this.entries.push({ level: 'info', message });
  }
  warning(message: string): void {
    this.entries.push({ level: 'warning', message });
  }
  error(message: string): void {
    this.entries.push({ level: 'error', message });
  }
  debug(message: string): void {
    this.entries.push({ level: 'debug', message });
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.entries.push({ level: 'group', message: title });
    return fn();
  }

  /** Messages of one level, in order. */
  messages(level: LogLevel): string[] {
    return this.entries.filter((e) => e.level === level).map((e) => e.message);
  }

  /** Every recorded message, one per line. */
  text(): string {
    return this.entries.map((e) => `${e.level}: ${e.message}`).join('\n');
  }
}
