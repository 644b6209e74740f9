import { describe, expect, it } from 'vitest';
import { ConfigError, NotFoundError, Router } from 'switchyard';
import { hi } from '../support/helpers.js';
import { json, openAICompletion } from '../support/mock-replies.js';
import { record, servers } from '../support/reliability-helpers.js';
import { afterThisTest } from '../support/helpers.js';

describe('model names', () => {
  it('aliases name a model group by another name', async () => {
    const router = new Router({ aliases: { fast: 'gpt-4o-mini' }, deployments: [{ model: 'gpt-4o-mini', provider: 'mock', id: 'mini' }] });
    const events = record(router, 'success');
    await router.completion({ model: 'fast', messages: hi });
    expect(events.success[0]).toMatchObject({ model: 'fast', deploymentId: 'mini' });
    expect(() => new Router({ aliases: { fast: 'nope' }, deployments: [{ model: 'm', provider: 'mock' }] })).toThrow(ConfigError);
  });

  it("a wildcard deployment serves any model under its prefix, passing the name through", async () => {
    const s = await servers({ openai: json(openAICompletion('ok')) });
    const router = new Router({ deployments: [{ model: 'openai/*', provider: 'openai-compatible', id: 'any-openai', baseUrl: s.openai.url }] });
    afterThisTest(() => router.close());
    const events = record(router, 'success');
    await router.completion({ model: 'openai/gpt-4o-mini', messages: hi });
    await router.completion({ model: 'openai/gpt-4.1', messages: hi });
    expect(s.openai.calls.map((c) => (c.body as { model: string }).model)).toEqual(['gpt-4o-mini', 'gpt-4.1']);
    expect(events.success.map((e) => e.deploymentId)).toEqual(['any-openai', 'any-openai']);
    await expect(router.completion({ model: 'anthropic/claude', messages: hi })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a wildcard provider model template takes the matched part', async () => {
    const s = await servers({ fireworks: json(openAICompletion('ok')) });
    const router = new Router({
      deployments: [{ model: 'fw/*', provider: 'openai-compatible', providerModel: 'accounts/fireworks/models/*', baseUrl: s.fireworks.url }],
    });
    afterThisTest(() => router.close());
    await router.completion({ model: 'fw/llama-v3p1-8b', messages: hi });
    expect((s.fireworks.calls[0]?.body as { model: string }).model).toBe('accounts/fireworks/models/llama-v3p1-8b');
  });
});

describe('runtime changes', () => {
  it('add, update and remove take effect for the next request without disturbing those in flight', async () => {
    const router = new Router({ deployments: [{ model: 'm', provider: 'mock', id: 'old', params: { latencyMs: 40, content: 'old' } }] });
    const inFlight = router.completion({ model: 'm', messages: hi });
    router.addDeployment({ model: 'm', provider: 'mock', id: 'new', params: { content: 'new' } });
    expect(router.removeDeployment('old')).toBe(true);
    expect((await inFlight).choices[0]?.message.content).toBe('old');
    expect((await router.completion({ model: 'm', messages: hi })).choices[0]?.message.content).toBe('new');

    const updated = router.updateDeployment('new', { params: { content: 'updated' }, weight: 3 });
    expect(updated).toMatchObject({ id: 'new', weight: 3 });
    expect((await router.completion({ model: 'm', messages: hi })).choices[0]?.message.content).toBe('updated');
    expect(() => router.updateDeployment('new', { rpm: -1 })).toThrow(/deployment\.rpm: expected a positive integer/);
    expect(() => router.updateDeployment('missing', { weight: 1 })).toThrow(NotFoundError);
  });

  it('moving a deployment to another model group takes it out of the old one', async () => {
    const router = new Router({ deployments: [{ model: 'a', provider: 'mock', id: 'x' }, { model: 'a', provider: 'mock', id: 'y' }] });
    router.updateDeployment('x', { model: 'b' });
    const events = record(router, 'success');
    for (let i = 0; i < 5; i++) await router.completion({ model: 'a', messages: hi });
    await router.completion({ model: 'b', messages: hi });
    expect(events.success.map((e) => e.deploymentId)).toEqual(['y', 'y', 'y', 'y', 'y', 'x']);
  });
});
