export { runStrategyConformance, type StrategyConformanceCase, type StrategyConformanceOptions } from './strategy-conformance.js';
export { runStateStoreConformance, type StateStoreConformanceCase, type StateStoreConformanceOptions } from './state-store-conformance.js';
export { runCacheStoreConformance, type CacheStoreConformanceCase, type CacheStoreConformanceOptions } from './cache-store-conformance.js';
