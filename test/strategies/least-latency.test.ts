import { describe, expect, it } from 'vitest';
import { NoDeploymentAvailableError, Router } from 'switchyard';
import { hi, seededRandom } from '../support/helpers.js';
import { json, openAICompletion } from '../support/mock-replies.js';
import { manualClock, record, routerOver, servers } from '../support/reliability-helpers.js';

function countBy(ids: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of ids) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

describe('least-latency', () => {
  it('converges on the fastest deployment over real HTTP', async () => {
    const answer = openAICompletion('ok', { prompt_tokens: 5, completion_tokens: 10 });
    const s = await servers({
      fast: { kind: 'json', body: answer, delayMs: 2 },
      medium: { kind: 'json', body: answer, delayMs: 40 },
      slow: { kind: 'json', body: answer, delayMs: 80 },
    });
    const router = routerOver(s, () => 'm', { strategy: 'least-latency', random: seededRandom(3) });
    const events = record(router, 'success');
    for (let i = 0; i < 30; i++) await router.completion({ model: 'm', messages: hi });
    expect(events.success.slice(0, 3).map((e) => e.deploymentId).sort()).toEqual(['fast', 'medium', 'slow']);
    expect(events.success.slice(3).every((e) => e.deploymentId === 'fast')).toBe(true);
  });

  it('treats a timeout as a heavy penalty and forgets samples after latencyTtlMs', async () => {
    const clock = manualClock();
    const s = await servers({ hangs: { kind: 'hang' }, steady: json(openAICompletion('ok')) });
    const router = routerOver(s, () => 'm', { strategy: 'least-latency', now: clock.now, timeoutMs: 30, cooldown: { disabled: true }, strategyOptions: { latencyTtlMs: 60_000 } });
    for (let i = 0; i < 4; i++) await router.completion({ model: 'm', messages: hi });
    const calls = s.hangs.calls.length;
    expect(calls).toBe(1);
    for (let i = 0; i < 10; i++) await router.completion({ model: 'm', messages: hi });
    expect(s.hangs.calls).toHaveLength(calls);
    clock.advance(60_001);
    // Every sample has expired: both are unmeasured again, so within two calls each is explored.
    await router.completion({ model: 'm', messages: hi });
    await router.completion({ model: 'm', messages: hi });
    expect(s.hangs.calls).toHaveLength(calls + 1);
  });

  it('uses time to first token for streams', async () => {
    const router = new Router({
      strategy: 'least-latency',
      random: seededRandom(4),
      deployments: [
        { model: 'm', provider: 'mock', id: 'quick-start', params: { latencyMs: 2 } },
        { model: 'm', provider: 'mock', id: 'slow-start', params: { latencyMs: 40 } },
      ],
    });
    const events = record(router, 'success');
    for (let i = 0; i < 12; i++) for await (const _ of await router.completion({ model: 'm', messages: hi, stream: true }));
    expect(events.success.slice(2).every((e) => e.deploymentId === 'quick-start')).toBe(true);
  });
});

describe('least-busy', () => {
  it('spreads concurrent calls by how many each has in flight', async () => {
    const router = new Router({
      strategy: 'least-busy',
      deployments: ['a', 'b', 'c'].map((id) => ({ model: 'm', provider: 'mock', id, params: { latencyMs: 30 } })),
    });
    const events = record(router, 'request');
    await Promise.all(Array.from({ length: 30 }, () => router.completion({ model: 'm', messages: hi })));
    expect(countBy(events.request.map((e) => e.deploymentId))).toEqual({ a: 10, b: 10, c: 10 });
  });

  it('releases in-flight counts on failures and aborts too', async () => {
    const router = new Router({
      strategy: 'least-busy',
      retries: 0,
      deployments: [
        { model: 'm', provider: 'mock', id: 'fails', params: { errorStatus: 500, latencyMs: 5 } },
        { model: 'm', provider: 'mock', id: 'slow', params: { latencyMs: 10_000 } },
      ],
      cooldown: { disabled: true },
    });
    const controller = new AbortController();
    const pending = Promise.allSettled(Array.from({ length: 6 }, () => router.completion({ model: 'm', messages: hi }, { signal: controller.signal })));
    controller.abort();
    await pending;
    const events = record(router, 'request');
    await Promise.allSettled(Array.from({ length: 4 }, () => router.completion({ model: 'm', messages: hi }, { signal: AbortSignal.timeout(50) })));
    expect(events.request.map((e) => e.deploymentId).sort()).toEqual(['fails', 'fails', 'slow', 'slow']);
  });
});

describe('cost', () => {
  const priced = (id: string, inputPerMTok: number, outputPerMTok: number) => ({ model: 'm', provider: 'mock', id, pricing: { inputPerMTok, outputPerMTok } });

  it('picks the lowest expected cost for this request, and an unpriced deployment last', async () => {
    const router = new Router({
      strategy: 'cost',
      // A mock deployment would cost $0; this one has no price anywhere (and nothing listens at its address).
      deployments: [priced('cheap-input', 0.1, 10), priced('cheap-output', 5, 0.5), { model: 'm', provider: 'openai-compatible', providerModel: 'no-price', baseUrl: 'http://127.0.0.1:9/v1', id: 'unpriced' }],
    });
    const events = record(router, 'request');
    const longPrompt = [{ role: 'user' as const, content: 'word '.repeat(2_000) }];
    await router.completion({ model: 'm', messages: longPrompt, max_tokens: 10 });
    await router.completion({ model: 'm', messages: hi, max_tokens: 4_000 });
    expect(events.request.map((e) => e.deploymentId)).toEqual(['cheap-input', 'cheap-output']);

    router.removeDeployment('cheap-input');
    router.removeDeployment('cheap-output');
    router.addDeployment(priced('pricey', 100, 100));
    await router.completion({ model: 'm', messages: hi });
    expect(events.request.at(-1)?.deploymentId).toBe('pricey');
  });
});

describe('usage', () => {
  it('sends each call to the most headroom against rpm and tpm, reserving before the call', async () => {
    const clock = manualClock(60_000 * 1_000_000);
    const router = new Router({
      strategy: 'usage',
      now: clock.now,
      deployments: [
        { model: 'm', provider: 'mock', id: 'small', rpm: 2 },
        { model: 'm', provider: 'mock', id: 'large', rpm: 4 },
      ],
    });
    const events = record(router, 'request');
    await Promise.all(Array.from({ length: 6 }, () => router.completion({ model: 'm', messages: hi })));
    expect(countBy(events.request.map((e) => e.deploymentId))).toEqual({ small: 2, large: 4 });

    const error = await router.completion({ model: 'm', messages: hi }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoDeploymentAvailableError);
    expect((error as NoDeploymentAvailableError).retryAfterMs).toBe(60_000);

    clock.advance(60_000);
    await expect(router.completion({ model: 'm', messages: hi })).resolves.toBeDefined();
  });

  it('reserves estimated tokens against tpm and corrects them with the real usage', async () => {
    const clock = manualClock(60_000 * 1_000_000);
    const router = new Router({
      strategy: 'usage',
      now: clock.now,
      deployments: [{ model: 'm', provider: 'mock', id: 'only', tpm: 100, params: { usage: { prompt_tokens: 40, completion_tokens: 5 } } }],
    });
    await router.completion({ model: 'm', messages: hi });
    await router.completion({ model: 'm', messages: hi });
    await expect(router.completion({ model: 'm', messages: hi })).rejects.toBeInstanceOf(NoDeploymentAvailableError);
  });
});
