import { BUILT_IN_STRATEGIES } from '../../src/strategies/built-in-strategies.js';
import { runStrategyConformance } from '../../src/testing/index.js';

/** Every built-in strategy passes the suite users run on their own (`switchyard/testing`). */
for (const [name, newStrategy] of Object.entries(BUILT_IN_STRATEGIES)) runStrategyConformance({ name, newStrategy });
