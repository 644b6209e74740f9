import { ConfigError } from 'switchyard';
import { describe, expect, it } from 'vitest';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { anthropicMessage, json, openAICompletion } from '../support/mock-replies.js';
import { mockServer } from '../support/mock-servers.js';
import { tableCostUsd } from '../support/price-table.js';
import { testRouter } from '../support/routers.js';
import { billingServer } from '../support/spend-fixtures.js';

const usage = { prompt_tokens: 1_000_000, completion_tokens: 1_000_000 };
/** The same usage as the price table counts it. */
const millionEach = { input_tokens: 1_000_000, output_tokens: 1_000_000 };

describe('where prices come from', () => {
  it('a deployment pricing beats the router list, which beats the table', async () => {
    const server = await billingServer(usage);
    const router = testRouter({
      prices: { 'gpt-4o-mini': { inputPerMTok: 1, outputPerMTok: 1 } },
      deployments: [
        openAIDeployment(server, 'listed'),
        openAIDeployment(server, 'own', { pricing: { inputPerMTok: 5, outputPerMTok: 5 } }),
        openAIDeployment(server, 'table'),
      ].map((d) => ({
        ...d,
        providerModel: 'gpt-4o-mini',
      })),
    });
    expect((await router.completion({ model: 'own', messages: hi })).costUsd).toBeCloseTo(10, 9);
    expect((await router.completion({ model: 'listed', messages: hi })).costUsd).toBeCloseTo(2, 9);
  });

  it('setPrices adds and replaces entries at run time, by model or provider/model', async () => {
    const server = await billingServer(usage);
    const router = testRouter({ deployments: [openAIDeployment(server, 'gpt-4o-mini')] });
    expect((await router.completion({ model: 'gpt-4o-mini', messages: hi })).costUsd).toBeCloseTo(tableCostUsd('openai', 'gpt-4o-mini', millionEach), 9);
    router.setPrices({ 'gpt-4o-mini': { inputPerMTok: 1, outputPerMTok: 2 } });
    expect((await router.completion({ model: 'gpt-4o-mini', messages: hi })).costUsd).toBeCloseTo(3, 9);
    router.setPrices({ 'openai/gpt-4o-mini': { inputPerMTok: 0.5, outputPerMTok: 0.5 } });
    expect((await router.completion({ model: 'gpt-4o-mini', messages: hi })).costUsd).toBeCloseTo(1, 9);
  });

  it('setPrices rejects a bad entry naming the field', () => {
    const router = testRouter({ deployments: [{ model: 'm', provider: 'mock' }] });
    expect(() => router.setPrices({ 'gpt-4o': { inputPerMTok: -1, outputPerMTok: 1 } })).toThrow(ConfigError);
    expect(() => router.setPrices({ 'gpt-4o': { inputPerMTok: -1, outputPerMTok: 1 } })).toThrow(/prices\.gpt-4o\.inputPerMTok/);
  });

  it('an Azure deployment with a name of its own is priced by its baseModel', async () => {
    const server = await mockServer(json(openAICompletion('ok', usage)));
    const router = testRouter({
      deployments: [
        {
          model: 'chat',
          provider: 'azure',
          providerModel: 'my-gpt4o-deployment',
          baseModel: 'gpt-4o',
          apiKey: 'az-key',
          baseUrl: `${server.origin}/openai/v1`,
        },
      ],
    });
    expect((await router.completion({ model: 'chat', messages: hi })).costUsd).toBeCloseTo(tableCostUsd('azure', 'gpt-4o', millionEach), 9);
  });

  it('the cost strategy ranks deployments by their table prices', async () => {
    const mini = await billingServer({ prompt_tokens: 10, completion_tokens: 10 });
    const big = await billingServer({ prompt_tokens: 10, completion_tokens: 10 });
    const router = testRouter({
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
    const server = await mockServer(
      json(
        anthropicMessage([{ type: 'text', text: 'ok' }], 'end_turn', {
          input_tokens: 700,
          output_tokens: 500,
          cache_read_input_tokens: 100,
          cache_creation_input_tokens: 200,
        } as never),
      ),
    );
    const router = testRouter({
      deployments: [{ model: 'claude', provider: 'anthropic', providerModel: 'claude-sonnet-4-5', apiKey: 'k', baseUrl: server.origin }],
    });
    const response = await router.completion({ model: 'claude', messages: hi });
    const charged = tableCostUsd('anthropic', 'claude-sonnet-4-5', { input_tokens: 1000, cache_read_tokens: 100, cache_write_tokens: 200, output_tokens: 500 });
    expect(response.costUsd).toBeCloseTo(charged, 12);
    expect(charged).not.toBeCloseTo(tableCostUsd('anthropic', 'claude-sonnet-4-5', { input_tokens: 1000, output_tokens: 500 }), 12);
  });
});
