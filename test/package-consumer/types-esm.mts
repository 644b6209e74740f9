import { ConfigError, RateLimitError, Router, RouterError, type ChatCompletion, type RoutingStrategy, type SuccessEvent } from 'switchyard';
import { runStrategyConformance, type StrategyConformanceOptions } from 'switchyard/testing';

const router = new Router({ deployments: [{ model: 'm', provider: 'mock' }] });
router.on('success', (event: SuccessEvent) => event.costUsd satisfies number | undefined);
export const answer: Promise<ChatCompletion> = router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
export function retryAfter(error: unknown): number | undefined {
  if (error instanceof ConfigError) return undefined;
  return error instanceof RateLimitError ? error.retryAfterMs : error instanceof RouterError ? error.status : undefined;
}

const first: RoutingStrategy = { name: 'first', reads: {}, pick: (candidates) => candidates[0]! };
export const run: (options: StrategyConformanceOptions) => void = runStrategyConformance;
export const options: StrategyConformanceOptions = { newStrategy: () => first, skip: [{ reason: 'stateless', tests: ['shares no state between instances'] }] };
// @ts-expect-error a skip names one of the suite's cases
export const misspelt: StrategyConformanceOptions = { newStrategy: () => first, skip: [{ reason: 'typo', tests: ['handles one'] }] };
