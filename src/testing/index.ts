export { runStrategyConformance, type StrategyConformanceCase, type StrategyConformanceOptions } from './strategy-conformance.js';
