import { Counter, Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError, type Router } from 'switchyard';
import { instrumentPrometheus } from 'switchyard/prometheus';
import { hi } from '../../support/chat-fixtures.js';
import { ok } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { testRouter } from '../../support/routers.js';

/** The sample lines of one metric in a scrape. */
const samples = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

const at = 'model="m",deployment="a",provider="openai-compatible"';

async function pricedRouter(extra: Partial<ConstructorParameters<typeof Router>[0]> = {}): Promise<Router> {
  const server = await mockServer(ok());
  const pricing = { inputPerMTok: 1e6, outputPerMTok: 2e6 };
  return testRouter({ deployments: [{ id: 'a', model: 'm', provider: 'openai-compatible', baseUrl: server.url, pricing }], ...extra });
}

describe('switchyard/prometheus: options', () => {
  it('adds the caller labels asked for, and only those', async () => {
    const router = await pricedRouter({ cache: {} });
    const labelled = instrumentPrometheus(router, { labels: ['user', 'apiKeyId'] });
    const plain = instrumentPrometheus(router, { prefix: 'plain_' });

    for (let i = 0; i < 2; i++) await router.completion({ model: 'm', messages: hi }, { user: 'alice', team: 'search', apiKeyId: 'k1' });
    const text = await labelled.registry.metrics();

    expect(samples(text, 'switchyard_requests_total')).toEqual([`switchyard_requests_total{${at},user="alice",api_key_id="k1",outcome="success",error=""} 2`]);
    expect(samples(text, 'switchyard_spend_usd_total')).toEqual([`switchyard_spend_usd_total{${at},user="alice",api_key_id="k1"} 33`]);
    expect(samples(text, 'switchyard_cache_hits_total')).toEqual(['switchyard_cache_hits_total{model="m",user="alice",api_key_id="k1"} 1']);
    expect(text).not.toContain('search');
    expect(samples(await plain.registry.metrics(), 'plain_requests_total')).toEqual([`plain_requests_total{${at},outcome="success",error=""} 2`]);
  });

  it('reports the remaining USD of the budgets it is given, read when scraped', async () => {
    const router = await pricedRouter({
      budgets: [
        { scope: 'global', maxUsd: 100 },
        { scope: 'team', maxUsd: 50, period: '1d' },
      ],
    });
    const { registry } = instrumentPrometheus(router, { budgets: [{ scope: 'global' }, { scope: 'team', id: 'search' }] });

    // max_tokens bounds the estimate the budgets hold while the call runs.
    await router.completion({ model: 'm', messages: hi, max_tokens: 12 }, { team: 'search' });

    expect(samples(await registry.metrics(), 'switchyard_budget_remaining_usd')).toEqual([
      'switchyard_budget_remaining_usd{scope="global",id="",period=""} 67',
      'switchyard_budget_remaining_usd{scope="team",id="search",period=""} 17',
    ]);
  });

  it('refuses unknown labels, budgets the router does not have, and metric names the registry already has', async () => {
    const router = await pricedRouter({ budgets: [{ scope: 'team', maxUsd: 50 }] });
    const registry = new Registry();
    instrumentPrometheus(router, { registry });

    expect(() => instrumentPrometheus(router, { labels: ['tags' as 'user'] })).toThrow(ConfigError);
    expect(() => instrumentPrometheus(router, { budgets: [{ scope: 'user', id: 'alice' }] })).toThrow(
      /budgets\[0\]: no budget of the router applies to user 'alice'/,
    );
    expect(() => instrumentPrometheus(router, { registry })).toThrow(/already has switchyard_requests_total/);
  });

  it('stop() removes every listener it added and only its own metrics from the registry', async () => {
    const router = await pricedRouter();
    const registry = new Registry();
    new Counter({ name: 'app_hits_total', help: 'The app’s own.', registers: [registry] }).inc();
    const on = vi.spyOn(router, 'on');
    const off = vi.spyOn(router, 'off');
    const metrics = instrumentPrometheus(router, { registry });
    await router.completion({ model: 'm', messages: hi });

    metrics.stop();
    metrics.stop();
    await router.completion({ model: 'm', messages: hi });

    expect(on.mock.calls.length).toBeGreaterThan(0);
    expect(off.mock.calls).toEqual(on.mock.calls);
    const text = await registry.metrics();
    expect(text).not.toContain('switchyard_');
    expect(samples(text, 'app_hits_total')).toEqual(['app_hits_total 1']);
    const again = instrumentPrometheus(router, { registry });
    expect(samples(await again.registry.metrics(), 'switchyard_requests_total')).toEqual([]);
  });
});
