import { describe, expect, it } from 'vitest';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { record } from '../support/events.js';
import { tableCostUsd } from '../support/price-table.js';
import { testRouter } from '../support/routers.js';
import { billingServer } from '../support/spend-fixtures.js';

/** What the router charges for one call on `model` (OpenAI deployment, table prices unless `extra` sets `pricing`) with this usage. */
async function costOf(
  model: string,
  usage: Parameters<typeof billingServer>[0] & { completion_tokens_details?: { reasoning_tokens: number } },
  extra: Parameters<typeof openAIDeployment>[2] = {},
) {
  const server = await billingServer(usage);
  const router = testRouter({ deployments: [openAIDeployment(server, model, extra)] });
  const events = record(router, 'success');
  const response = await router.completion({ model, messages: hi });
  expect(events.success[0]?.costUsd).toBe(response.costUsd);
  return response.costUsd;
}

describe('cost per call', () => {
  it('prices gpt-4o-mini as the table charges: 1,000 input and 1,000 output tokens', async () => {
    const cost = await costOf('gpt-4o-mini', { prompt_tokens: 1000, completion_tokens: 1000 });
    expect(cost).toBeGreaterThan(0);
    expect(cost).toBeCloseTo(tableCostUsd('openai', 'gpt-4o-mini', { input_tokens: 1000, output_tokens: 1000 }), 12);
  });

  it('prices cached prompt tokens at the cached price', async () => {
    const pricing = { inputPerMTok: 2, cachedInputPerMTok: 0.5, outputPerMTok: 8 };
    const cost = await costOf('my-model', { prompt_tokens: 1000, completion_tokens: 1000, prompt_tokens_details: { cached_tokens: 800 } }, { pricing });
    expect(cost).toBeCloseTo((200 * 2 + 800 * 0.5 + 1000 * 8) / 1e6, 12);
  });

  it("prices the table's cached price too, and an o-series model's reasoning tokens as output, as the table charges", async () => {
    const cached = await costOf('gpt-4o', { prompt_tokens: 2000, completion_tokens: 500, prompt_tokens_details: { cached_tokens: 1500 } });
    expect(cached).toBeCloseTo(tableCostUsd('openai', 'gpt-4o', { input_tokens: 2000, cache_read_tokens: 1500, output_tokens: 500 }), 12);
    expect(cached).toBeLessThan(tableCostUsd('openai', 'gpt-4o', { input_tokens: 2000, output_tokens: 500 }));
    const reasoning = { prompt_tokens: 1000, completion_tokens: 600, completion_tokens_details: { reasoning_tokens: 400 } };
    expect(await costOf('o3-mini', reasoning)).toBeCloseTo(tableCostUsd('openai', 'o3-mini', { input_tokens: 1000, output_tokens: 600 }), 12);
  });

  it('prices reasoning tokens apart when the pricing has a reasoning price', async () => {
    const pricing = { inputPerMTok: 1, outputPerMTok: 2, reasoningPerMTok: 5 };
    const cost = await costOf(
      'my-reasoner',
      { prompt_tokens: 1000, completion_tokens: 600, completion_tokens_details: { reasoning_tokens: 400 } },
      { pricing },
    );
    expect(cost).toBeCloseTo((1000 * 1 + 200 * 2 + 400 * 5) / 1e6, 12);
  });

  it('prices cache writes and long-context tiers from a deployment pricing', async () => {
    const pricing = {
      inputPerMTok: 3,
      outputPerMTok: 15,
      cachedInputPerMTok: 0.3,
      cacheWritePerMTok: 3.75,
      tiers: [{ aboveInputTokens: 200_000, inputPerMTok: 6, outputPerMTok: 22.5 }],
    };
    const short = await costOf('claude-like', { prompt_tokens: 1000, completion_tokens: 500 }, { pricing });
    expect(short).toBeCloseTo((1000 * 3 + 500 * 15) / 1e6, 12);
    const long = await costOf('claude-like', { prompt_tokens: 250_000, completion_tokens: 1000 }, { pricing });
    expect(long).toBeCloseTo((250_000 * 6 + 1000 * 22.5) / 1e6, 12);
  });

  it('a model with no price costs undefined and warns once', async () => {
    const server = await billingServer({ prompt_tokens: 10, completion_tokens: 10 });
    const router = testRouter({ deployments: [openAIDeployment(server, 'no-such-model-anywhere')] });
    const events = record(router, 'success', 'warning');
    const first = await router.completion({ model: 'no-such-model-anywhere', messages: hi });
    await router.completion({ model: 'no-such-model-anywhere', messages: hi });
    expect(first.costUsd).toBeUndefined();
    expect(events.success.map((e) => e.costUsd)).toEqual([undefined, undefined]);
    expect(events.warning).toHaveLength(1);
    expect(events.warning[0]?.message).toMatch(/No price for openai\/no-such-model-anywhere.*pricing.*setPrices/);
  });

  it('keeps costUsd out of JSON so the response passes on in OpenAI shape', async () => {
    const server = await billingServer({ prompt_tokens: 1000, completion_tokens: 1000 });
    const router = testRouter({ deployments: [openAIDeployment(server)] });
    const response = await router.completion({ model: 'gpt-4o-mini', messages: hi });
    expect(response.costUsd).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(response))).not.toHaveProperty('costUsd');
  });
});
