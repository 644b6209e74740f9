import { ConfigError } from 'switchyard';
import { describe, expect, it } from 'vitest';
import { hi, mockServer } from '../support/helpers.js';
import { tablePriceSchedule } from '../../src/pricing/genai-prices-table.js';
import { pricingAt } from '../../src/pricing/price-schedule.js';
import { anthropicMessage, json, openAICompletion } from '../support/mock-replies.js';
import { billingServer, openAIDeployment, routerWith } from '../support/spend-helpers.js';

const usage = { prompt_tokens: 1_000_000, completion_tokens: 1_000_000 };

describe('where prices come from', () => {
  it('a deployment pricing beats the router list, which beats the table', async () => {
    const server = await billingServer(usage);
    const router = routerWith({
      prices: { 'gpt-4o-mini': { inputPerMTok: 1, outputPerMTok: 1 } },
      deployments: [openAIDeployment(server, 'listed'), openAIDeployment(server, 'own', { pricing: { inputPerMTok: 5, outputPerMTok: 5 } }), openAIDeployment(server, 'table')].map((d) => ({
        ...d,
        providerModel: 'gpt-4o-mini',
      })),
    });
    expect((await router.completion({ model: 'own', messages: hi })).costUsd).toBeCloseTo(10, 9);
    expect((await router.completion({ model: 'listed', messages: hi })).costUsd).toBeCloseTo(2, 9);
  });

  it('setPrices adds and replaces entries at run time, by model or provider/model', async () => {
    const server = await billingServer(usage);
    const router = routerWith({ deployments: [openAIDeployment(server, 'gpt-4o-mini')] });
    expect((await router.completion({ model: 'gpt-4o-mini', messages: hi })).costUsd).toBeCloseTo(0.75, 9);
    router.setPrices({ 'gpt-4o-mini': { inputPerMTok: 1, outputPerMTok: 2 } });
    expect((await router.completion({ model: 'gpt-4o-mini', messages: hi })).costUsd).toBeCloseTo(3, 9);
    router.setPrices({ 'openai/gpt-4o-mini': { inputPerMTok: 0.5, outputPerMTok: 0.5 } });
    expect((await router.completion({ model: 'gpt-4o-mini', messages: hi })).costUsd).toBeCloseTo(1, 9);
  });

  it('setPrices rejects a bad entry naming the field', () => {
    const router = routerWith({ deployments: [{ model: 'm', provider: 'mock' }] });
    expect(() => router.setPrices({ 'gpt-4o': { inputPerMTok: -1, outputPerMTok: 1 } })).toThrow(ConfigError);
    expect(() => router.setPrices({ 'gpt-4o': { inputPerMTok: -1, outputPerMTok: 1 } })).toThrow(/prices\.gpt-4o\.inputPerMTok/);
  });

  it('an Azure deployment with a name of its own is priced by its baseModel', async () => {
    const server = await mockServer(json(openAICompletion('ok', usage)));
    const router = routerWith({
      deployments: [
        { model: 'chat', provider: 'azure', providerModel: 'my-gpt4o-deployment', baseModel: 'gpt-4o', apiKey: 'az-key', baseUrl: `${server.origin}/openai/v1` },
      ],
    });
    expect((await router.completion({ model: 'chat', messages: hi })).costUsd).toBeCloseTo(2.5 + 10, 9);
  });

  it('the cost strategy ranks deployments by their table prices', async () => {
    const mini = await billingServer({ prompt_tokens: 10, completion_tokens: 10 });
    const big = await billingServer({ prompt_tokens: 10, completion_tokens: 10 });
    const router = routerWith({
      strategy: 'cost',
      deployments: [openAIDeployment(big, 'chat', { providerModel: 'gpt-4o' }), openAIDeployment(mini, 'chat', { providerModel: 'gpt-4o-mini' })],
    });
    for (let i = 0; i < 5; i++) await router.completion({ model: 'chat', messages: hi });
    expect([mini.calls.length, big.calls.length]).toEqual([5, 0]);

    router.setPrices({ 'openai/gpt-4o': { inputPerMTok: 0.01, outputPerMTok: 0.01 } });
    for (let i = 0; i < 5; i++) await router.completion({ model: 'chat', messages: hi });
    expect([mini.calls.length, big.calls.length]).toEqual([5, 5]);
  });

  it('prices an Anthropic call with cache reads and writes from the table', async () => {
    const server = await mockServer(json(anthropicMessage([{ type: 'text', text: 'ok' }], 'end_turn', { input_tokens: 700, output_tokens: 500, cache_read_input_tokens: 100, cache_creation_input_tokens: 200 } as never)));
    const router = routerWith({ deployments: [{ model: 'claude', provider: 'anthropic', providerModel: 'claude-sonnet-4-5', apiKey: 'k', baseUrl: server.origin }] });
    const response = await router.completion({ model: 'claude', messages: hi });
    expect(response.costUsd).toBeCloseTo((700 * 3 + 100 * 0.3 + 200 * 3.75 + 500 * 15) / 1e6, 12);
  });
});

describe('the price table', () => {
  const at = (iso: string) => Date.parse(iso);
  const priceOf = (provider: string, model: string, when = at('2026-11-21T12:00:00Z')) => {
    const schedule = tablePriceSchedule(provider, model);
    return schedule && pricingAt(schedule, when);
  };

  it.each([
    ['anthropic', 'claude-sonnet-4-5', 3, 15],
    ['google', 'gemini-2.5-pro', 1.25, 10],
    ['aws', 'anthropic.claude-3-5-sonnet-20241022-v2:0', 3, 15],
    ['mistral', 'mistral-large-latest', 2, 6],
    ['groq', 'llama-3.3-70b-versatile', 0.59, 0.79],
    ['x-ai', 'grok-3', 3, 15],
    ['cohere', 'command-r-plus', 2.5, 10],
    ['openai', 'gpt-4o-mini', 0.15, 0.6],
  ])('%s %s: $%d in, $%d out per million', (provider, model, input, output) => {
    expect(priceOf(provider, model)).toMatchObject({ inputPerMTok: input, outputPerMTok: output });
  });

  it('carries cache and long-context prices', () => {
    expect(priceOf('anthropic', 'claude-sonnet-4-5')).toMatchObject({
      cachedInputPerMTok: 0.3,
      cacheWritePerMTok: 3.75,
      tiers: [{ aboveInputTokens: 200_000, inputPerMTok: 6, outputPerMTok: 22.5, cachedInputPerMTok: 0.6, cacheWritePerMTok: 7.5 }],
    });
  });

  it("follows DeepSeek's time-of-day prices", () => {
    expect(priceOf('deepseek', 'deepseek-chat', at('2026-11-21T12:00:00Z'))).toMatchObject({ inputPerMTok: 0.27, outputPerMTok: 1.1 });
    expect(priceOf('deepseek', 'deepseek-chat', at('2026-11-21T20:00:00Z'))).toMatchObject({ inputPerMTok: 0.135, outputPerMTok: 0.55 });
  });

  it('has no entry for an unknown model', () => {
    expect(tablePriceSchedule('openai', 'no-such-model-anywhere')).toBeUndefined();
  });
});
