import { describe, expect, it } from 'vitest';
import { Router } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { record } from '../support/events.js';
import { REFUSED_URL } from '../support/mock-servers.js';

describe('cost', () => {
  const priced = (id: string, inputPerMTok: number, outputPerMTok: number) => ({ model: 'm', provider: 'mock', id, pricing: { inputPerMTok, outputPerMTok } });

  it('picks the lowest expected cost for this request, and an unpriced deployment last', async () => {
    const router = new Router({
      strategy: 'cost',
      // A mock deployment would cost $0; this one has no price anywhere (and nothing listens at its address).
      deployments: [
        priced('cheap-input', 0.1, 10),
        priced('cheap-output', 5, 0.5),
        { model: 'm', provider: 'openai-compatible', providerModel: 'no-price', baseUrl: REFUSED_URL, id: 'unpriced' },
      ],
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
