import type { LoadedConfig, RedisConnection } from '../config-file/loaded-config.js';

/** A Redis URL without its user nor password, safe to show: `redis://cache.internal:6379`. */
export function redisLocation(connection: RedisConnection): string {
  const url = new URL(connection.url);
  url.username = '';
  url.password = '';
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}${connection.prefix ? ` (prefix ${connection.prefix})` : ''}`;
}

/** Where the router's shared state (cooldowns, limits, budgets) lives. */
export function stateStoreLabel(config: LoadedConfig): string {
  return config.redis ? `Redis ${redisLocation(config.redis)}, shared by every replica` : 'memory, this process only';
}

/** The response cache, when the file turns one on. */
export function cacheLabel(config: LoadedConfig): string {
  const { cache } = config.router;
  if (!cache) return 'off';
  const where = config.cacheRedis ? `Redis ${redisLocation(config.cacheRedis)}` : 'memory';
  const ttl = cache.ttlMs === undefined ? '' : `, ttl ${cache.ttlMs / 1000} s`;
  return `${where}${ttl}${cache.semantic ? ', semantic' : ''}`;
}
