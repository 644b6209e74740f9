import type { DeploymentHealth, RouterOptions, SpendQuery, SpendReport } from '../../../src/index.js';

/** What one worker process does, as plain JSON (it crosses a process boundary). */
export interface FleetJob {
  /**
   * `run` (default): build a router, wait for `go`, make the calls, report. `spend`: only print the spend report of `spendQuery`.
   * `serve`: build a router, then answer the parent's commands (see {@link FleetCommand}) one at a time until `close`.
   */
  action?: 'run' | 'spend' | 'serve';
  /** Where the router keeps its state: its own memory, or Redis shared with the other workers. */
  state: 'memory' | 'redis';
  /** Where the router's response cache lives (with `routerOptions.cache` as its other settings): none by default, or Redis shared with the other workers. */
  cacheStore?: 'redis';
  /** For `redis` (state or cache store): the server URL. Default `redis://127.0.0.1:6379`. */
  redisUrl?: string;
  /** For `redis` (state or cache store): the key prefix, one per test, so tests never share keys. */
  prefix?: string;
  /** For `redis`: passed to `RedisStateStore.connect` as is. */
  onUnavailable?: string;
  /** For `redis`: passed to `RedisStateStore.connect` as is. */
  commandTimeoutMs?: number;
  /** Router options without functions or class instances; `state` is chosen by `state` above, the cache's `store` by `cacheStore`. */
  routerOptions: Omit<RouterOptions, 'state'>;
  /** The model group every call asks for. */
  model: string;
  calls: number;
  /** Most calls in flight at once. */
  concurrency: number;
  /** Sent as each call's `max_tokens` (what a budget's estimate takes as the answer's length). */
  maxTokens?: number;
  /** Passed to each `router.completion` (the caller: `{ user: 'alice' }`). */
  requestOptions?: { user?: string; team?: string; apiKeyId?: string; tags?: string[] };
  /** Report each call's outcome as it ends, so the parent can kill the worker between two or mid-call. */
  reportEachCall?: boolean;
  /** After the result, keep the router and store open until the parent sends `close` (or closes stdin). */
  holdOpen?: boolean;
  /** Included in the result (and the whole answer of the `spend` action). */
  spendQuery?: SpendQuery;
}

/** What a `run` worker reports once its calls have ended. */
export interface FleetResult {
  type: 'result';
  served: number;
  /** Failed calls by error name (`CallerRateLimitError`, `BudgetExceededError`…). */
  failures: Record<string, number>;
  /** `retryAfterMs` of each CallerRateLimitError, in the order they ended. */
  retryAfterMs: number[];
  spend?: FleetSpendReport;
}

/** A SpendReport as it crosses the process boundary: dates as ISO strings, undefined fields left out. */
export type FleetSpendReport = Omit<SpendReport, 'id' | 'limitUsd' | 'remainingUsd' | 'periodStart' | 'resetsAt'> & {
  id?: string;
  limitUsd?: number;
  remainingUsd?: number;
  periodStart?: string;
  resetsAt?: string;
};

/** What the parent asks a `serve` worker, as one JSON line: `calls` at once (the job's `concurrency` is not used), or its `router.health()`. */
export type FleetCommand = { seq: number; calls: number } | { seq: number; health: true };

/** A `serve` worker's answer to the command numbered `seq`: how its calls ended, or its router's health. */
export interface FleetReply {
  type: 'reply';
  seq: number;
  result?: Omit<FleetResult, 'type' | 'spend'>;
  health?: DeploymentHealth[];
}

/** One line a worker writes on stdout. */
export type FleetMessage =
  { type: 'ready' } | { type: 'call'; ok: boolean; error?: string } | FleetResult | { type: 'spend'; spend: FleetSpendReport } | FleetReply;

/** The environment variable holding the job. */
export const FLEET_JOB_ENV = 'SWITCHYARD_FLEET_JOB';
