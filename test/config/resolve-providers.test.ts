import { describe, expect, it } from 'vitest';
import { Router, type LocalChatAdapter } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { configErrorOf } from '../support/errors.js';

const echo: LocalChatAdapter = {
  kind: 'local',
  async complete(request, target) {
    const last = request.messages.at(-1)?.content;
    return {
      id: 'echo-1',
      object: 'chat.completion',
      created: 0,
      model: target.providerModel,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: `echo: ${typeof last === 'string' ? last : ''}`, refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
    };
  },
  async stream() {
    return (async function* () {})();
  },
};

describe('custom providers', () => {
  it('are registered by name and routed like built-in ones', async () => {
    const router = new Router({ providers: { echo: { apiKeyRequired: false, chat: echo } }, deployments: [{ model: 'e', provider: 'echo' }] });
    const response = await router.completion({ model: 'e', messages: hi });
    expect(response.choices[0]?.message.content).toBe('echo: hi');
    expect(router.deployments()[0]).toMatchObject({ provider: 'echo' });
  });

  it('name what is wrong with an adapter', () => {
    const error = configErrorOf(
      () => new Router({ providers: { broken: { apiKeyRequired: 'no', chat: { kind: 'http', buildRequest: () => undefined } } as never }, deployments: [] }),
    );
    expect(error.issues.map((i) => i.path)).toEqual([
      'providers.broken.apiKeyRequired',
      'providers.broken.chat.parseResponse',
      'providers.broken.chat.createStreamDecoder',
      'providers.broken.chat.parseError',
    ]);
  });

  it('an unknown provider name lists the custom ones too', () => {
    expect(() => new Router({ providers: { echo: { apiKeyRequired: false, chat: echo } }, deployments: [{ model: 'e', provider: 'ecko' }] })).toThrow(
      /known providers: .*echo/,
    );
  });
});
