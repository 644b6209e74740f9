import { ContextWindowExceededError, Router, TimeoutError, type ChatCompletionStream } from 'switchyard';

const router = new Router({ deployments: [{ model: 'm', provider: 'mock' }] });
export const stream: Promise<ChatCompletionStream> = router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
export const isClientSide = (error: unknown): boolean => error instanceof ContextWindowExceededError || error instanceof TimeoutError;
