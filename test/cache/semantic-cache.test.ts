import type { ChatCompletionRequest, ChatMessage } from 'switchyard';
import { describe, expect, it } from 'vitest';
import type { RecordedCall } from '../support/mock-provider-server.js';
import { json, openAICompletion } from '../support/mock-replies.js';
import { mockServer } from '../support/mock-servers.js';
import { record } from '../support/events.js';
import { testRouter } from '../support/routers.js';

/** The embedding server's vectors, by text: the paraphrases point the same way (cosine 0.99), the other question elsewhere. */
const VECTORS: Record<string, number[]> = {
  'What is the capital of France?': [1, 0, 0],
  "What's France's capital city?": [0.99, 0.141, 0],
  'How tall is Mount Everest?': [0, 1, 0],
};

function embeddingsOf(call: RecordedCall) {
  const input = (call.body as { input: string | string[] }).input;
  const texts = Array.isArray(input) ? input : [input];
  return json({
    object: 'list',
    data: texts.map((text, index) => ({ object: 'embedding', index, embedding: VECTORS[text] ?? [0, 0, 1] })),
    model: 'text-embedding-3-small',
    usage: { prompt_tokens: 6, total_tokens: 6 },
  });
}

const SYSTEM: ChatMessage = { role: 'system', content: 'You answer geography questions.' };
const asking = (
  question: string,
  extra: Partial<Omit<ChatCompletionRequest, 'stream'>> = {},
  before: ChatMessage[] = [SYSTEM],
): ChatCompletionRequest & { stream?: false } => ({
  model: 'chat',
  messages: [...before, { role: 'user', content: question }],
  ...extra,
});

async function semanticRouter() {
  const chat = await mockServer(json(openAICompletion('Paris')));
  const embed = await mockServer(embeddingsOf);
  const router = testRouter({
    deployments: [
      { model: 'chat', provider: 'openai', baseUrl: chat.url, apiKey: 'sk-test' },
      { model: 'embed', provider: 'openai', providerModel: 'text-embedding-3-small', baseUrl: embed.url, apiKey: 'sk-test' },
    ],
    cache: { semantic: { embeddingModel: 'embed', threshold: 0.95 } },
  });
  return { chat, embed, router };
}

describe('the semantic cache', () => {
  it('answers a paraphrase of an earlier question from the cache, embedding through the router', async () => {
    const { chat, embed, router } = await semanticRouter();
    const events = record(router, 'cache-hit', 'success');
    await router.completion(asking('What is the capital of France?'));
    const hit = await router.completion(asking("What's France's capital city?"));
    expect(hit.choices[0]?.message.content).toBe('Paris');
    expect(chat.calls).toHaveLength(1);
    expect(embed.calls).toHaveLength(2);
    expect(events['cache-hit']).toHaveLength(1);
    // The embedding calls are calls of this router: routed and reported like any other.
    expect(events.success.filter((e) => e.model === 'embed')).toHaveLength(2);
  });

  it('misses a different question, and a paraphrase whose system prompt, earlier turns, tools or temperature differ', async () => {
    const { chat, router } = await semanticRouter();
    await router.completion(asking('What is the capital of France?'));
    await router.completion(asking('How tall is Mount Everest?'));
    expect(chat.calls).toHaveLength(2);
    const paraphrase = "What's France's capital city?";
    await router.completion(asking(paraphrase, {}, [{ role: 'system', content: 'You answer in French.' }]));
    await router.completion(asking(paraphrase, {}, [SYSTEM, { role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello!' }]));
    await router.completion(asking(paraphrase, { tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }] }));
    await router.completion(asking(paraphrase, { temperature: 0.9 }));
    expect(chat.calls).toHaveLength(6);
    await router.completion(asking(paraphrase));
    expect(chat.calls).toHaveLength(6);
  });

  it('keeps serving exact-cache calls when embeddings fail, with one warning', async () => {
    const chat = await mockServer(json(openAICompletion('Paris')));
    const router = testRouter({
      retries: 0,
      deployments: [
        { model: 'chat', provider: 'openai', baseUrl: chat.url, apiKey: 'sk-test' },
        { model: 'embed', provider: 'openai', baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'sk-test' },
      ],
      cache: { semantic: { embeddingModel: 'embed', threshold: 0.95 } },
    });
    const events = record(router, 'warning');
    await router.completion(asking('What is the capital of France?'));
    await router.completion(asking("What's France's capital city?"));
    await router.completion(asking('What is the capital of France?'));
    expect(chat.calls).toHaveLength(2);
    expect(events.warning.filter((w) => /semantic cache/.test(w.message))).toHaveLength(1);
  });
});

describe('the semantic cache option', () => {
  it('is checked at construction, naming the field', () => {
    const deployments = [{ model: 'chat', provider: 'mock' as const }];
    expect(() => testRouter({ deployments, cache: { semantic: { embeddingModel: 'embed', threshold: 0 } } })).toThrow(/cache\.semantic\.threshold/);
    expect(() => testRouter({ deployments, cache: { semantic: { embeddingModel: '', threshold: 0.9 } } })).toThrow(/cache\.semantic\.embeddingModel/);
    expect(() => testRouter({ deployments, cache: { semantic: { threshold: 0.9 } as never } })).toThrow(/cache\.semantic\.embeddingModel/);
  });
});
