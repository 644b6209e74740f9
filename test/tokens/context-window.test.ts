import { describe, expect, it } from 'vitest';
import { ContextWindowExceededError } from 'switchyard';
import { json, openAICompletion } from '../support/mock-replies.js';
import { mockServers } from '../support/mock-servers.js';
import { sameModelRouter } from '../support/routers.js';

// Megabytes of text take seconds beside busy processes: the bound ends a real hang, it does not time the work.
describe('counting a huge prompt to route it', { timeout: 60_000 }, () => {
  it('refuses a prompt larger than every context window before any provider is called, and serves one that fits', async () => {
    const s = await mockServers({ small: json(openAICompletion('small')), large: json(openAICompletion('large')) });
    const limits: Record<string, number> = { small: 1_000, large: 20_000 };
    const router = sameModelRouter(s, {}, (id) => ({ model: 'gpt-4o', maxInputTokens: limits[id] }));
    await router.warmup();

    // A million copies of one letter: ~125,000 tokens, which tiktoken alone cannot count.
    const huge = await router.completion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'a'.repeat(1_000_000) }] }).catch((e: unknown) => e);
    expect(huge).toBeInstanceOf(ContextWindowExceededError);
    expect((huge as Error).message).toMatch(/about \d{6} tokens; no deployment of model 'gpt-4o' takes more than 20000/);
    expect(s.small.calls.length + s.large.calls.length).toBe(0);

    // A hundred thousand: ~12,500 tokens, more than the small one takes.
    await router.completion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'a'.repeat(100_000) }] });
    expect([s.small.calls.length, s.large.calls.length]).toEqual([0, 1]);
  });
});
