import { describe, expect, it } from 'vitest';
import { ContextWindowExceededError, countTokens, type ChatMessage, type LocalChatAdapter } from 'switchyard';
import { rejectionOf, routerConfigError } from './support/errors.js';
import { openAIDeployment } from './support/deployments.js';
import { ok } from './support/mock-replies.js';
import { routerOnMockServer, testRouter } from './support/routers.js';

/** 300 digits one space apart: tiktoken makes two tokens of each, the estimate one of every four characters (~157 in all). */
const digits: ChatMessage[] = [{ role: 'user', content: Array.from({ length: 300 }, (_, i) => i % 10).join(' ') }];
/** Between the estimate and the count: only the estimate fits. */
const maxInputTokens = 300;

const answering: LocalChatAdapter = {
  kind: 'local',
  async complete(request, target) {
    return {
      id: 'w',
      object: 'chat.completion',
      created: 0,
      model: target.providerModel,
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok', refusal: null }, finish_reason: 'stop', logprobs: null }],
    };
  },
  async stream() {
    return (async function* () {})();
  },
};

// This file's first test runs before any encoding is built in its process: vitest gives each file a fresh one.
describe('router.warmup', () => {
  it('counted calls do not wait for the tokenizer: they estimate until warmup has built it, then count', async () => {
    const router = testRouter({ deployments: [{ model: 'm', provider: 'mock', maxInputTokens }] });

    const estimated = await router.completion({ model: 'm', messages: digits });
    expect(estimated.choices[0]?.message.content).toBeTypeOf('string');

    await router.warmup();
    const exactTokens = countTokens('m', digits);
    expect(exactTokens).toBeGreaterThan(maxInputTokens);
    const error = await rejectionOf(router.completion({ model: 'm', messages: digits }));
    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect((error as Error).message).toContain(`The prompt has about ${exactTokens} tokens`);
  });

  it('opens the HTTP pool ahead of the first call, which then goes through it', async () => {
    const { router, server } = await routerOnMockServer(ok('over HTTP'), (mock) => openAIDeployment(mock));
    await expect(router.warmup()).resolves.toBeUndefined();
    const response = await router.completion({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.choices[0]?.message.content).toBe('over HTTP');
    expect(server.calls).toHaveLength(1);
  });

  it("looks up every deployment's prices in the price table, telling of a model it has none for before any call", async () => {
    const router = testRouter({
      deployments: [
        { model: 'listed', provider: 'openai', providerModel: 'gpt-4o-mini', apiKey: 'sk-test' },
        { model: 'unlisted', provider: 'openai', providerModel: 'house-model-7', apiKey: 'sk-test' },
      ],
    });
    const warnings: string[] = [];
    router.on('warning', ({ message }) => warnings.push(message));
    await router.warmup();
    expect(warnings).toEqual([expect.stringContaining('No price for openai/house-model-7')]);
  });

  it("preloads each provider in use, once per call to warmup, and rejects with a preload's failure", async () => {
    const preloaded: string[] = [];
    const router = testRouter({
      providers: {
        ready: { apiKeyRequired: false, chat: answering, preload: async () => void preloaded.push('ready') },
        unused: { apiKeyRequired: false, chat: answering, preload: async () => void preloaded.push('unused') },
      },
      deployments: [
        { model: 'a', provider: 'ready' },
        { model: 'b', provider: 'ready' },
      ],
    });
    await router.warmup();
    expect(preloaded).toEqual(['ready']);

    const failing = new Error('package not installed');
    const broken = testRouter({
      providers: { broken: { apiKeyRequired: false, chat: answering, preload: () => Promise.reject(failing) } },
      deployments: [{ model: 'c', provider: 'broken' }],
    });
    expect(await rejectionOf(broken.warmup())).toBe(failing);
  });

  it('a preload that is not a function is a ConfigError naming it', () => {
    const error = routerConfigError({ providers: { odd: { apiKeyRequired: false, chat: answering, preload: 'yes' } }, deployments: [] });
    expect(error.issues).toEqual([expect.objectContaining({ path: 'providers.odd.preload' })]);
  });
});
