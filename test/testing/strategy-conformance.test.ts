import { expect, it } from 'vitest';
import type { RoutingStrategy } from 'switchyard';
import { runStrategyConformance, type StrategyConformanceCase } from '../../src/testing/index.js';

const first: RoutingStrategy = { name: 'first', reads: {}, pick: (candidates) => candidates[0]! };

it('refuses a skip that names no case, listing the cases', () => {
  const misspelt = 'handles one' as StrategyConformanceCase;
  expect(() => runStrategyConformance({ newStrategy: () => first, skip: [{ reason: 'typo', tests: [misspelt] }] })).toThrow(
    "no case is called 'handles one'; the cases are: only ever picks among the candidates it is given; handles a group of one;",
  );
});
