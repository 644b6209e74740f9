import { describe, expect, it } from 'vitest';
import { NoDeploymentAvailableError, Router } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { record } from '../support/events.js';
import { FakeClock } from '../support/fake-clock.js';
import { countBy } from '../support/strategy-fixtures.js';

describe('usage', () => {
  it('sends each call to the most headroom against rpm and tpm, reserving before the call', async () => {
    const clock = new FakeClock(60_000 * 1_000_000);
    const router = new Router({
      strategy: 'usage',
      clock,
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

    await clock.advance(60_000);
    await expect(router.completion({ model: 'm', messages: hi })).resolves.toBeDefined();
  });

  it('reserves estimated tokens against tpm and corrects them with the real usage', async () => {
    const clock = new FakeClock(60_000 * 1_000_000);
    const router = new Router({
      strategy: 'usage',
      clock,
      deployments: [{ model: 'm', provider: 'mock', id: 'only', tpm: 100, params: { usage: { prompt_tokens: 40, completion_tokens: 5 } } }],
    });
    await router.completion({ model: 'm', messages: hi });
    await router.completion({ model: 'm', messages: hi });
    await expect(router.completion({ model: 'm', messages: hi })).rejects.toBeInstanceOf(NoDeploymentAvailableError);
  });
});
