import { describe, expect, it } from 'vitest';
import { instrumentPrometheus } from 'switchyard/prometheus';
import { hi } from '../../support/chat-fixtures.js';
import { record } from '../../support/events.js';
import { failing, json, ok, openAICompletion, openAIStreamEvents, sse } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { testRouter } from '../../support/routers.js';

/** The sample lines of one metric in a scrape. */
const samples = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

const SECRET = 'sk-secret-prom';
const deployment = {
  id: 'a',
  model: 'm',
  provider: 'openai-compatible',
  apiKey: SECRET,
  pricing: { inputPerMTok: 1e6, cachedInputPerMTok: 1e6, outputPerMTok: 2e6 },
} as const;
const at = 'model="m",deployment="a",provider="openai-compatible"';

describe('switchyard/prometheus: calls', () => {
  it('counts calls, tokens by type and spend with exact labels, and never shows the deployment key', async () => {
    const detailed = {
      ...openAICompletion('x'),
      usage: {
        prompt_tokens: 9,
        completion_tokens: 12,
        total_tokens: 21,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 5 },
      },
    };
    const server = (await mockServer(ok())).reply(json(detailed), ok(), failing(400));
    const router = testRouter({ deployments: [{ ...deployment, baseUrl: server.url }] });
    const { registry } = instrumentPrometheus(router);
    const events = record(router, 'success');

    await router.completion({ model: 'm', messages: hi });
    await router.completion({ model: 'm', messages: hi });
    await expect(router.completion({ model: 'm', messages: hi })).rejects.toThrow();
    const text = await registry.metrics();

    expect(samples(text, 'switchyard_requests_total')).toEqual([
      `switchyard_requests_total{${at},outcome="success",error=""} 2`,
      `switchyard_requests_total{${at},outcome="failure",error="BadRequestError"} 1`,
    ]);
    expect(samples(text, 'switchyard_tokens_total')).toEqual([
      `switchyard_tokens_total{${at},type="input"} 18`,
      `switchyard_tokens_total{${at},type="output"} 24`,
      `switchyard_tokens_total{${at},type="cached"} 4`,
      `switchyard_tokens_total{${at},type="reasoning"} 5`,
    ]);
    const spent = events.success.reduce((sum, e) => sum + (e.costUsd ?? 0), 0);
    expect(spent).toBe(66);
    expect(samples(text, 'switchyard_spend_usd_total')).toEqual([`switchyard_spend_usd_total{${at}} 66`]);
    expect(samples(text, 'switchyard_request_duration_seconds_count')).toEqual([
      `switchyard_request_duration_seconds_count{${at},outcome="success"} 2`,
      `switchyard_request_duration_seconds_count{${at},outcome="failure"} 1`,
    ]);
    expect(samples(text, 'switchyard_time_to_first_token_seconds_count')).toEqual([]);
    expect(samples(text, 'switchyard_in_flight')).toEqual(['switchyard_in_flight{model="m"} 0']);
    expect(text).not.toContain(SECRET);
  });

  it('records time to first token for streams only', async () => {
    const server = await mockServer(sse(openAIStreamEvents(['Hel', 'lo'])));
    const router = testRouter({ deployments: [{ ...deployment, baseUrl: server.url }] });
    const { registry } = instrumentPrometheus(router);

    const stream = await router.completion({ model: 'm', messages: hi, stream: true });
    for await (const _ of stream);
    const text = await registry.metrics();

    expect(samples(text, 'switchyard_time_to_first_token_seconds_count')).toEqual([`switchyard_time_to_first_token_seconds_count{${at}} 1`]);
    expect(samples(text, 'switchyard_tokens_total')).toEqual([
      `switchyard_tokens_total{${at},type="input"} 9`,
      `switchyard_tokens_total{${at},type="output"} 12`,
    ]);
    expect(text).not.toContain(SECRET);
  });

  it('counts cache hits by model, and the tokens of the answer once: a hit uses none', async () => {
    const server = await mockServer(ok());
    const router = testRouter({ deployments: [{ ...deployment, baseUrl: server.url }], cache: {} });
    const { registry } = instrumentPrometheus(router);

    await router.completion({ model: 'm', messages: hi });
    await router.completion({ model: 'm', messages: hi });
    const text = await registry.metrics();

    expect(server.calls).toHaveLength(1);
    expect(samples(text, 'switchyard_cache_hits_total')).toEqual(['switchyard_cache_hits_total{model="m"} 1']);
    expect(samples(text, 'switchyard_requests_total')).toEqual([`switchyard_requests_total{${at},outcome="success",error=""} 2`]);
    expect(samples(text, 'switchyard_tokens_total')).toEqual([
      `switchyard_tokens_total{${at},type="input"} 9`,
      `switchyard_tokens_total{${at},type="output"} 12`,
    ]);
    expect(samples(text, 'switchyard_spend_usd_total')).toEqual([`switchyard_spend_usd_total{${at}} 33`]);
  });
});
