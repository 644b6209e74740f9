import * as z from 'zod';
import { formatPath, formatZodIssues } from '../config/format-zod-issues.js';
import { ConfigError, type ConfigIssue } from '../errors/router-side-errors.js';
import type { Router } from '../router.js';

/** `createGateway`'s options. */
export interface GatewayOptions {
  /** The router every call goes through: its deployments, limits, budgets, cache and state. */
  router: Router;
  /** The key that may do everything (admin routes, every model, `/metrics`). Keep it out of code: `process.env.SWITCHYARD_MASTER_KEY`. */
  masterKey: string;
  /** Largest request body, in bytes: past it 413, without reading the rest. Default 4 MiB. */
  maxBodyBytes?: number;
  /** Serve `/metrics` (Prometheus, when prom-client is installed; the router is instrumented on the first scrape). Default true. */
  metrics?: boolean;
  /** `/metrics` without a key. Default false: the master key only. */
  metricsOpen?: boolean;
  /**
   * A path prefix taken off every request's path when it starts with it, e.g. '/api/llm' for a
   * Fetch route handler mounted there. Not needed under Express's `app.use('/llm', …)`, which strips its own.
   */
  basePath?: string;
  /**
   * Where keys, users, teams and spend logs live: 'sqlite:./switchyard.db' (or a file path),
   * 'postgresql://user:pass@host:5432/db'. Default SQLite in memory (gone when the process ends).
   */
  database?: string;
  /** Put before every table's name; default 'switchyard_'. */
  tablePrefix?: string;
  /** How often the database's change feed is read, so a key changed on another replica is changed here. Default 250 ms. */
  keyRefreshMs?: number;
  /** How long a spend-log row waits to be written with others. Default 500 ms: a crash loses at most about that much. */
  spendLogFlushMs?: number;
  /** The clock keys expire by (ms since the epoch); default Date.now. For tests. */
  now?: () => number;
  /**
   * A request's `tags` (or `metadata.tags`) pick deployments carrying them and count against
   * tag budgets, as LiteLLM's `enable_tag_filtering`. Default false: tags only label the call
   * (spend logs, events' `metadata.tags`).
   */
  tagRouting?: boolean;
}

/** The options with their defaults. */
export interface ParsedGatewayOptions {
  readonly router: Router;
  readonly masterKey: string;
  readonly maxBodyBytes: number;
  readonly metrics: boolean;
  readonly metricsOpen: boolean;
  readonly basePath: string;
  readonly database: string | undefined;
  readonly tablePrefix: string | undefined;
  readonly keyRefreshMs: number;
  readonly spendLogFlushMs: number;
  readonly now: () => number;
  readonly tagRouting: boolean;
}

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
export const DEFAULT_KEY_REFRESH_MS = 250;
export const DEFAULT_SPEND_LOG_FLUSH_MS = 500;

const milliseconds = (example: string) =>
  z
    .number({ error: `expected a number of milliseconds, e.g. ${example}` })
    .int({ error: 'expected a whole number of milliseconds' })
    .positive({ error: 'expected a positive number of milliseconds' })
    .optional();

const isRouter = (value: unknown): value is Router => {
  const router = value as Partial<Record<keyof Router, unknown>> | null;
  return (
    typeof router === 'object' &&
    router !== null &&
    ['completion', 'embedding', 'on', 'off', 'deployments', 'health'].every((m) => typeof router[m as keyof Router] === 'function')
  );
};

/** Fields whose values never appear in a message. */
const SECRET_OPTIONS = new Set(['masterKey', 'database']);

const schema = z.strictObject({
  router: z.custom<Router>(isRouter, { error: 'expected a switchyard Router, e.g. new Router({ deployments })' }),
  masterKey: z
    .string({ error: 'expected the master key as a string, e.g. process.env.SWITCHYARD_MASTER_KEY' })
    .min(1, { error: 'expected a non-empty string (is SWITCHYARD_MASTER_KEY set?)' }),
  maxBodyBytes: z
    .number({ error: 'expected a number of bytes, e.g. 4194304 (4 MiB)' })
    .int({ error: 'expected a whole number of bytes' })
    .positive({ error: 'expected a positive number of bytes' })
    .optional(),
  metrics: z.boolean({ error: 'expected true or false' }).optional(),
  metricsOpen: z.boolean({ error: 'expected true or false' }).optional(),
  basePath: z
    .string({ error: "expected a path such as '/api/llm'" })
    .regex(/^\/[^?#]*[^/?#]$/, { error: "expected a path that starts with '/' and does not end with one, e.g. '/api/llm'" })
    .optional(),
  database: z.string({ error: "expected a database URL such as 'sqlite:./switchyard.db' or 'postgresql://user:pass@host:5432/db'" }).optional(),
  tablePrefix: z.string({ error: "expected a table name prefix such as 'switchyard_'" }).optional(),
  keyRefreshMs: milliseconds('250'),
  spendLogFlushMs: milliseconds('500'),
  tagRouting: z.boolean({ error: 'expected true or false' }).optional(),
  now: z
    .custom<() => number>((value) => typeof value === 'function', { error: 'expected a function answering ms since the epoch, e.g. () => Date.now()' })
    .optional(),
});

/** Invalid `createGateway` options: `issues` names every bad one. */
export class GatewayConfigError extends ConfigError {
  static override readonly kind: string = 'GatewayConfigError';
  constructor(issues: readonly ConfigIssue[]) {
    super(issues);
    this.message = this.message.replace('Invalid router config', 'Invalid gateway options');
  }
}

function issuesOf(error: z.ZodError, input: unknown): ConfigIssue[] {
  const secret = error.issues.filter((issue) => SECRET_OPTIONS.has(String(issue.path[0])));
  const others = error.issues.filter((issue) => !secret.includes(issue));
  return [
    ...secret.map((issue) => ({
      path: formatPath(issue.path),
      message: (input as Record<string, unknown>)[String(issue.path[0])] === undefined ? `is required: ${issue.message}` : issue.message,
    })),
    ...formatZodIssues({ issues: others } as z.ZodError, input, schema),
  ];
}

/** Validates `createGateway`'s options; throws one GatewayConfigError naming every bad one. */
export function parseGatewayOptions(options: GatewayOptions): ParsedGatewayOptions {
  if (typeof options !== 'object' || options === null) {
    throw new GatewayConfigError([
      { path: '', message: 'expected { router, masterKey }, e.g. createGateway({ router, masterKey: process.env.SWITCHYARD_MASTER_KEY })' },
    ]);
  }
  const parsed = schema.safeParse(options);
  if (!parsed.success) throw new GatewayConfigError(issuesOf(parsed.error, options));
  const { router, masterKey, maxBodyBytes, metrics, metricsOpen, basePath, database, tablePrefix, keyRefreshMs, spendLogFlushMs, now, tagRouting } =
    parsed.data;
  return {
    router,
    masterKey,
    maxBodyBytes: maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    metrics: metrics ?? true,
    metricsOpen: metricsOpen ?? false,
    basePath: basePath ?? '',
    database,
    tablePrefix,
    keyRefreshMs: keyRefreshMs ?? DEFAULT_KEY_REFRESH_MS,
    spendLogFlushMs: spendLogFlushMs ?? DEFAULT_SPEND_LOG_FLUSH_MS,
    now: now ?? Date.now,
    tagRouting: tagRouting ?? false,
  };
}
