import type { LocalChatAdapter, ProviderAdapter } from '../../src/provider-adapter.js';
import type { ChatCompletion, ChatCompletionChunk } from '../../src/types/chat.js';
import { mockEmbed } from './mock-embeddings.js';
import { mockParamsSchema } from './mock-params.js';
import { DEFAULT_MOCK_CONTENT, mockDelay, mockFailure, mockId, mockParams, mockUsage } from './mock-reply.js';

const mockChat: LocalChatAdapter = {
  kind: 'local',

  async complete(request, target, context): Promise<ChatCompletion> {
    const params = mockParams(target);
    await mockDelay(params.latencyMs, context);
    const failure = mockFailure(params, target, context);
    if (failure) throw failure;
    const content = params.content ?? DEFAULT_MOCK_CONTENT;
    return {
      id: mockId(),
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: target.providerModel,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: mockUsage(request, content, params),
    };
  },

  async stream(request, target, context): Promise<AsyncIterable<ChatCompletionChunk>> {
    const params = mockParams(target);
    await mockDelay(params.latencyMs, context);
    const failure = mockFailure(params, target, context);
    if (failure) throw failure;
    const content = params.content ?? DEFAULT_MOCK_CONTENT;
    const base = { id: mockId(), object: 'chat.completion.chunk' as const, created: Math.floor(Date.now() / 1000), model: target.providerModel };
    const pieces = content.match(/\S+\s*/g) ?? [content];
    const chunks: ChatCompletionChunk[] = [
      { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
      ...pieces.map((piece) => ({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })),
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
      { ...base, choices: [], usage: mockUsage(request, content, params) },
    ];
    return (async function* () {
      for (const chunk of chunks) {
        if (context.signal.aborted) throw context.signal.reason;
        yield chunk;
      }
    })();
  },
};

/** An in-process provider for demos and tests: no network, behaviour from the deployment's `params`. */
export const mockProvider: ProviderAdapter = {
  name: 'mock',
  freeOfCharge: true,
  apiKeyRequired: false,
  paramsSchema: mockParamsSchema,
  chat: mockChat,
  embed: mockEmbed,
};
