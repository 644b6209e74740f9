import { ContextWindowExceededError, Router, TimeoutError, type ChatCompletionStream } from 'switchyard';
import { runStrategyConformance, type StrategyConformanceCase } from 'switchyard/testing';

const router = new Router({ deployments: [{ model: 'm', provider: 'mock' }] });
export const stream: Promise<ChatCompletionStream> = router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
export const isClientSide = (error: unknown): boolean => error instanceof ContextWindowExceededError || error instanceof TimeoutError;

export const skipped: StrategyConformanceCase = 'handles a group of one';
export const run: typeof runStrategyConformance = runStrategyConformance;
// @ts-expect-error reads declares booleans
export const wrongReads: Parameters<typeof runStrategyConformance>[0] = { newStrategy: () => ({ name: 'x', reads: { usage: 'yes' }, pick: (c) => c[0]! }) };
