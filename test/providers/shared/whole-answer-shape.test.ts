import { describe, expect, it } from 'vitest';
import { Router, type ChatCompletion } from 'switchyard';
import { hi } from '../../support/chat-fixtures.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { anthropicMessage, json, openAICompletion } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';

/** What OpenAI sends on every whole answer, and the OpenAI SDK's `ChatCompletion` type requires. */
const openAIFields = { finish_reason: 'stop', logprobs: null, message: { refusal: null } };

const claude = (server: MockProviderServer) => ({ model: 'claude', provider: 'anthropic', apiKey: 'sk-ant-test-0000', baseUrl: server.origin });

describe('whole answers of every adapter', () => {
  it('carry logprobs and refusal as null from the mock provider', async () => {
    const router = new Router({ deployments: [{ model: 'm', provider: 'mock' }] });
    const answer: ChatCompletion = await router.completion({ model: 'm', messages: hi });
    expect(answer.choices[0]).toMatchObject(openAIFields);
    expect(JSON.parse(JSON.stringify(answer)).choices[0]).toMatchObject(openAIFields);
  });

  it('carry logprobs and refusal as null from Anthropic, and stop when it gives no stop reason', async () => {
    for (const stopReason of ['end_turn', null]) {
      const reply = anthropicMessage([{ type: 'text', text: 'Hi' }], stopReason as string);
      const { router } = await routerOnMockServer(json(reply), claude);
      const answer = await router.completion({ model: 'claude', messages: hi });
      expect(answer.choices[0], String(stopReason)).toMatchObject({ ...openAIFields, message: { content: 'Hi', refusal: null } });
    }
  });

  it('get them from an OpenAI-compatible server that leaves them out, keeping those it sends', async () => {
    const { choices: _, ...top } = openAICompletion('');
    const choices = [
      { index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' },
      { index: 1, message: { role: 'assistant', content: null, refusal: 'No.' }, finish_reason: 'stop', logprobs: { content: null, refusal: [] } },
    ];
    const { router } = await routerOnMockServer(json({ ...top, choices }), (server) => ({
      model: 'local',
      provider: 'openai-compatible',
      baseUrl: `${server.origin}/v1`,
    }));
    const answer = await router.completion({ model: 'local', messages: hi });
    expect(answer.choices).toEqual([
      { index: 0, message: { role: 'assistant', content: 'Hi', refusal: null }, finish_reason: 'stop', logprobs: null },
      { index: 1, message: { role: 'assistant', content: null, refusal: 'No.' }, finish_reason: 'stop', logprobs: { content: null, refusal: [] } },
    ]);
  });
});
