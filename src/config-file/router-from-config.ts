import type { CacheStore } from '../cache/cache-store.js';
import type { RouterOptions } from '../config/router-options.js';
import { Router } from '../router.js';
import type { StateStore } from '../state/state-store.js';
import { loadConfig, type LoadConfigOptions } from './load-config.js';
import type { LoadedConfig } from './loaded-config.js';

export interface RouterFromConfigOptions extends LoadConfigOptions {
  /**
   * Router options of your own on top of the file's (a seeded `random`, `callbacks`, your `providers`…).
   * A `state` or `cache` given here is used instead of connecting the file's Redis.
   */
  overrides?: Partial<RouterOptions>;
  /**
   * Hears each of the file's warnings. Default: `process.emitWarning(message, 'SwitchyardConfigWarning')`.
   * Not called for a LoadedConfig passed in (its warnings are yours already).
   */
  onWarning?: (message: string) => void;
}

interface Closable {
  close(): Promise<void>;
}

/** A router that closes, with itself, the Redis stores `routerFromConfig` connected for it. */
class ConfiguredRouter extends Router {
  readonly #stores: readonly Closable[];
  #closing: Promise<void> | undefined;

  constructor(options: RouterOptions, stores: readonly Closable[]) {
    super(options);
    this.#stores = stores;
  }

  /** Closes the router's connections, then the state and cache stores made from the file (nothing given in `overrides`). */
  override close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    try {
      await super.close();
    } finally {
      await closeAll(this.#stores);
    }
  }
}

async function closeAll(stores: readonly Closable[]): Promise<void> {
  const results = await Promise.allSettled(stores.map((store) => store.close()));
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * A Router from a config file (its path or YAML text, see `loadConfig`), or from what
 * `loadConfig` returned. When the file asks for Redis (shared state, a Redis cache) the stores
 * are connected here, from `switchyard/redis` (ioredis must be installed), and the router's
 * `close()` closes them too. Rejects with a ConfigError naming the file's path of a bad value,
 * or when Redis cannot be reached.
 */
export async function routerFromConfig(source: string | LoadedConfig, options: RouterFromConfigOptions = {}): Promise<Router> {
  const loaded = typeof source === 'string' ? await loadConfig(source, options) : source;
  if (typeof source === 'string') {
    const warn = options.onWarning ?? ((message: string) => process.emitWarning(message, 'SwitchyardConfigWarning'));
    loaded.warnings.forEach((message) => warn(message));
  }
  const overrides = options.overrides ?? {};
  const stores: Closable[] = [];
  try {
    let state: StateStore | undefined = overrides.state;
    if (state === undefined && loaded.redis) {
      const { RedisStateStore } = await import('../state/redis/redis-state-store.js');
      const store = await RedisStateStore.connect({ redis: loaded.redis.url, ...(loaded.redis.prefix ? { prefix: loaded.redis.prefix } : {}) });
      stores.push(store);
      state = store;
    }
    let cache = overrides.cache ?? loaded.router.cache;
    if (overrides.cache === undefined && cache && loaded.cacheRedis) {
      const { RedisCacheStore } = await import('../cache/redis/redis-cache-store.js');
      const store: CacheStore & Closable = new RedisCacheStore({
        redis: loaded.cacheRedis.url,
        ...(loaded.cacheRedis.prefix ? { prefix: loaded.cacheRedis.prefix } : {}),
      });
      stores.push(store);
      cache = { ...cache, store };
    }
    return new ConfiguredRouter({ ...loaded.router, ...overrides, ...(state ? { state } : {}), ...(cache ? { cache } : {}) }, stores);
  } catch (error) {
    await closeAll(stores).catch(() => undefined);
    throw error;
  }
}
