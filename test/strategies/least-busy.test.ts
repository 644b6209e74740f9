import { describe, expect, it } from 'vitest';
import { Router } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { record } from '../support/events.js';
import { countBy } from '../support/strategy-fixtures.js';

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
