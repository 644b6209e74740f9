import type { CliIo } from '../cli-io.js';

/** What `serve` says: plain lines, or (with --log-json) one JSON object per line on stdout, as `logCalls` writes each call. */
export interface ServeLog {
  readonly json: boolean;
  /** A line of the gateway's life (`start`, `stop`), with its fields for JSON. */
  info(kind: string, message: string, fields?: Record<string, unknown>): void;
  warn(message: string): void;
  /** One record of `logCalls`. */
  record(record: object): void;
}

export function serveLog(io: CliIo, json: boolean): ServeLog {
  const line = (kind: string, message: string, fields: Record<string, unknown> = {}) =>
    JSON.stringify({ kind, timestamp: new Date().toISOString(), message, ...fields });
  return {
    json,
    info: (kind, message, fields) => io.out(json ? line(kind, message, fields) : message),
    warn: (message) => (json ? io.out(line('warning', message)) : io.err(`warning: ${message}`)),
    record: (record) => io.out(JSON.stringify(record)),
  };
}
