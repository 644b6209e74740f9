import { describe, expect, it } from 'vitest';
import { InternalServerError, RateLimitError, Router } from 'switchyard';
import { seededRandom } from '../../../src/testing/seeded-random.js';
import { hi } from '../../support/chat-fixtures.js';
import { collect, textOf } from '../../support/streams.js';

describe('mock provider', () => {
  it('answers with the configured content and usage', async () => {
    const router = new Router({
      deployments: [{ model: 'm', provider: 'mock', params: { content: 'a b c', usage: { prompt_tokens: 7, completion_tokens: 3 } } }],
    });
    const response = await router.completion({ model: 'm', messages: hi });
    expect(response.choices[0]?.message.content).toBe('a b c');
    expect(response.usage).toEqual({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });
    const chunks = await collect(await router.completion({ model: 'm', messages: hi, stream: true, stream_options: { include_usage: true } }));
    expect(textOf(chunks)).toBe('a b c');
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(10);
  });

  it('fails with errorStatus, always or at errorRate', async () => {
    const always = new Router({ retries: 0, deployments: [{ model: 'm', provider: 'mock', params: { errorStatus: 429, retryAfterMs: 1500 } }] });
    const error = await always.completion({ model: 'm', messages: hi }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(1500);

    const sometimes = new Router({
      retries: 0,
      cooldown: { disabled: true },
      random: seededRandom(9),
      deployments: [{ model: 'm', provider: 'mock', params: { errorRate: 0.25 } }],
    });
    let failed = 0;
    for (let i = 0; i < 400; i++) {
      await sometimes.completion({ model: 'm', messages: hi }).catch((e: unknown) => {
        expect(e).toBeInstanceOf(InternalServerError);
        failed++;
      });
    }
    expect(failed / 400).toBeGreaterThan(0.18);
    expect(failed / 400).toBeLessThan(0.32);
  });

  it('honours the attempt timeout and the caller abort while waiting latencyMs', async () => {
    const router = new Router({ retries: 0, deployments: [{ model: 'm', provider: 'mock', params: { latencyMs: 10_000 } }] });
    await expect(router.completion({ model: 'm', messages: hi }, { timeoutMs: 20 })).rejects.toThrow(/timed out after 20 ms/);
    const controller = new AbortController();
    const pending = router.completion({ model: 'm', messages: hi }, { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
