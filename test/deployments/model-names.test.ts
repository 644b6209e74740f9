import { describe, expect, it } from 'vitest';
import { ConfigError, NotFoundError, Router } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { record } from '../support/events.js';
import { json, openAICompletion } from '../support/mock-replies.js';
import { mockServers } from '../support/mock-servers.js';
import { testRouter } from '../support/routers.js';

describe('model names', () => {
  it('aliases name a model group by another name', async () => {
    const router = new Router({ aliases: { fast: 'gpt-4o-mini' }, deployments: [{ model: 'gpt-4o-mini', provider: 'mock', id: 'mini' }] });
    const events = record(router, 'success');
    await router.completion({ model: 'fast', messages: hi });
    expect(events.success[0]).toMatchObject({ model: 'fast', deploymentId: 'mini' });
    expect(() => new Router({ aliases: { fast: 'nope' }, deployments: [{ model: 'm', provider: 'mock' }] })).toThrow(ConfigError);
  });

  it('a wildcard deployment serves any model under its prefix, passing the name through', async () => {
    const s = await mockServers({ openai: json(openAICompletion('ok')) });
    const router = testRouter({ deployments: [{ model: 'openai/*', provider: 'openai-compatible', id: 'any-openai', baseUrl: s.openai.url }] });
    const events = record(router, 'success');
    await router.completion({ model: 'openai/gpt-4o-mini', messages: hi });
    await router.completion({ model: 'openai/gpt-4.1', messages: hi });
    expect(s.openai.calls.map((c) => (c.body as { model: string }).model)).toEqual(['gpt-4o-mini', 'gpt-4.1']);
    expect(events.success.map((e) => e.deploymentId)).toEqual(['any-openai', 'any-openai']);
    await expect(router.completion({ model: 'anthropic/claude', messages: hi })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a wildcard provider model template takes the matched part', async () => {
    const s = await mockServers({ fireworks: json(openAICompletion('ok')) });
    const router = testRouter({
      deployments: [{ model: 'fw/*', provider: 'openai-compatible', providerModel: 'accounts/fireworks/models/*', baseUrl: s.fireworks.url }],
    });
    await router.completion({ model: 'fw/llama-v3p1-8b', messages: hi });
    expect((s.fireworks.calls[0]?.body as { model: string }).model).toBe('accounts/fireworks/models/llama-v3p1-8b');
  });
});
