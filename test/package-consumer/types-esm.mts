import { ConfigError, RateLimitError, Router, RouterError, type ChatCompletion, type SuccessEvent } from 'switchyard';

const router = new Router({ deployments: [{ model: 'm', provider: 'mock' }] });
router.on('success', (event: SuccessEvent) => event.costUsd satisfies number | undefined);
export const answer: Promise<ChatCompletion> = router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
export function retryAfter(error: unknown): number | undefined {
  if (error instanceof ConfigError) return undefined;
  return error instanceof RateLimitError ? error.retryAfterMs : error instanceof RouterError ? error.status : undefined;
}
