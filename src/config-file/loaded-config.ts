import type { RouterOptions } from '../config/router-options.js';
import type { GatewayOptions } from '../server/gateway-options.js';

/**
 * A Redis server the file names, for `RedisStateStore.connect({ redis: url, prefix })` or
 * `new RedisCacheStore({ redis: url, prefix })` (both from `switchyard/redis`). The URL may hold
 * a password: never print it.
 */
export interface RedisConnection {
  /** `redis://[:password@]host:port` (`rediss://` with `ssl: true`). */
  url: string;
  /** Key prefix: the state store's from `redis_prefix`, the cache's from `cache_params.namespace`. Absent: the store's default (`switchyard:`). */
  prefix?: string;
}

/** `createGateway`'s options the file sets: everything but the router (and the test clock). */
export interface GatewaySettings extends Omit<GatewayOptions, 'router' | 'masterKey' | 'now'> {
  /** `general_settings.master_key`, else SWITCHYARD_MASTER_KEY, else LITELLM_MASTER_KEY; absent when none is set. Never print it. */
  masterKey?: string;
}

/** A user the file lists under `user_config` (the tutorial dialect), with the gateway's field names: for the gateway to create at start. */
export interface ConfigUser {
  user_id: string;
  user_email?: string | null;
  /** USD. */
  max_budget?: number | null;
  /** `30d`, `1h`, `1mo`…: when the budget starts again. */
  budget_duration?: string | null;
  /** Model groups the user may call; absent or empty: all. */
  models?: string[];
  rpm_limit?: number | null;
  tpm_limit?: number | null;
  metadata?: Record<string, unknown>;
}

/** A virtual key the file lists under `key_settings`: for the gateway to create at start (by `key`, or by `key_alias` with a new key). */
export interface ConfigKey {
  /** The key itself (`sk-…`, at least 16 characters) when the file fixes it; absent: the gateway makes one. Never print it. */
  key?: string;
  key_alias?: string | null;
  user_id?: string | null;
  team_id?: string | null;
  models?: string[];
  max_budget?: number | null;
  budget_duration?: string | null;
  rpm_limit?: number | null;
  tpm_limit?: number | null;
  max_parallel_requests?: number | null;
  /** How long the key works from its creation: `30d`, `12h`…; absent or null: no expiry. */
  duration?: string | null;
  metadata?: Record<string, unknown>;
  blocked?: boolean;
}

/** Which observability the file turns on (`litellm_settings.callbacks` / `success_callback`, `json_logs`): for the caller to attach. */
export interface ObservabilitySettings {
  /** `prometheus`: `instrumentPrometheus` from `switchyard/prometheus` (the gateway serves `/metrics`). */
  prometheus: boolean;
  /** `otel` / `opentelemetry`: `instrumentOpenTelemetry` from `switchyard/otel`. */
  otel: boolean;
  /** `litellm_settings.json_logs`: one JSON line per call (`logCalls`). */
  jsonLogs: boolean;
}

/** What `loadConfig` read from a config file. */
export interface LoadedConfig {
  /**
   * The router's options. No `state` (connect `redis` for shared state, or keep the default
   * in-process store); when `cacheRedis` is set, `cache` has no `store`: give it
   * `new RedisCacheStore({ redis: cacheRedis.url, prefix: cacheRedis.prefix })`.
   * `routerFromConfig` does both.
   */
  router: RouterOptions;
  /** Shared state the file asks for (`router_settings.redis_*`, `rate_limit_config`): connect `RedisStateStore` to it. */
  redis?: RedisConnection;
  /** Where the response cache lives when the file's cache is `redis` or `redis-semantic`. */
  cacheRedis?: RedisConnection;
  gateway: GatewaySettings;
  /** `general_settings.global_max_parallel_requests`: most calls the gateway serves at once (not a `createGateway` option yet). */
  gatewayMaxParallelRequests?: number;
  users: ConfigUser[];
  keys: ConfigKey[];
  observability: ObservabilitySettings;
  /** `environment_variables`, resolved: what the file sets for the process (it does not change `process.env`). Never print the values. */
  environmentVariables: Record<string, string>;
  /** Each key the file holds that switchyard does not use, or that another overrides, with its path: `litellm_settings.set_verbose: not used by switchyard`. */
  warnings: string[];
}
