import { describe, expect, it } from 'vitest';
import { instrumentPrometheus } from 'switchyard/prometheus';
import { hi } from '../../support/chat-fixtures.js';
import { FakeClock } from '../../support/fake-clock.js';
import { failing, ok } from '../../support/mock-replies.js';
import { mockServers } from '../../support/mock-servers.js';
import { modelPerServerRouter, sameModelRouter } from '../../support/routers.js';
import { firstCandidate } from '../../support/strategy-fixtures.js';

/** The sample lines of one metric in a scrape. */
const samples = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

describe('switchyard/prometheus: health, retries and fallbacks', () => {
  it('a deployment answering 429 is cooled down, retried elsewhere, and its state gauge reads open, then half-open when scraped', async () => {
    const clock = new FakeClock();
    const s = await mockServers({ limited: failing(429), steady: ok() });
    const router = sameModelRouter(s, { clock, strategy: firstCandidate, retries: 1, cooldown: { cooldownMs: 1_000 } });
    const { registry } = instrumentPrometheus(router);

    expect(samples(await registry.metrics(), 'switchyard_deployment_state')).toEqual([
      'switchyard_deployment_state{model="m",deployment="limited",provider="openai-compatible"} 0',
      'switchyard_deployment_state{model="m",deployment="steady",provider="openai-compatible"} 0',
    ]);
    await router.completion({ model: 'm', messages: hi });
    const text = await registry.metrics();

    expect(samples(text, 'switchyard_cooldowns_total')).toEqual([
      'switchyard_cooldowns_total{model="m",deployment="limited",provider="openai-compatible",reason="RateLimitError"} 1',
    ]);
    expect(samples(text, 'switchyard_retries_total')).toEqual(['switchyard_retries_total{model="m",deployment="limited",error="RateLimitError"} 1']);
    expect(samples(text, 'switchyard_deployment_state')).toEqual([
      'switchyard_deployment_state{model="m",deployment="limited",provider="openai-compatible"} 2',
      'switchyard_deployment_state{model="m",deployment="steady",provider="openai-compatible"} 0',
    ]);
    expect(samples(text, 'switchyard_requests_total')).toEqual([
      'switchyard_requests_total{model="m",deployment="steady",provider="openai-compatible",outcome="success",error=""} 1',
    ]);

    await clock.advance(1_000);
    expect(samples(await registry.metrics(), 'switchyard_deployment_state')[0]).toBe(
      'switchyard_deployment_state{model="m",deployment="limited",provider="openai-compatible"} 1',
    );
  });

  it('counts fallbacks by from and to, and each failed attempt before them as a retry', async () => {
    const s = await mockServers({ primary: failing(503), backup: ok() });
    const router = modelPerServerRouter(s, {
      retries: { max: 1, minDelayMs: 1, maxDelayMs: 2 },
      cooldown: { disabled: true },
      fallbacks: { primary: ['backup'] },
    });
    const { registry } = instrumentPrometheus(router);

    await router.completion({ model: 'primary', messages: hi });
    await router.completion({ model: 'primary', messages: hi });
    const text = await registry.metrics();

    expect(samples(text, 'switchyard_fallbacks_total')).toEqual(['switchyard_fallbacks_total{from="primary",to="backup"} 2']);
    expect(samples(text, 'switchyard_retries_total')).toEqual(['switchyard_retries_total{model="primary",deployment="primary",error="InternalServerError"} 2']);
    expect(samples(text, 'switchyard_requests_total')).toEqual([
      'switchyard_requests_total{model="primary",deployment="backup",provider="openai-compatible",outcome="success",error=""} 2',
    ]);
  });
});
