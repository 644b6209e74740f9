import { describe, expect, it } from 'vitest';
import { instrumentPrometheus } from 'switchyard/prometheus';
import { hi } from '../../support/chat-fixtures.js';
import { failing, ok, type MockReply } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { testRouter } from '../../support/routers.js';
import { until } from '../../support/until.js';

/** The sample lines of one metric in a scrape. */
const samples = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

describe('switchyard/prometheus: calls in flight', () => {
  it('counts a call from its first attempt to its end, once across its retries', async () => {
    let answer: (reply: MockReply) => void = () => undefined;
    const server = (await mockServer(ok())).reply(failing(500), { kind: 'held', reply: new Promise<MockReply>((resolve) => (answer = resolve)) });
    const router = testRouter({
      deployments: [{ id: 'a', model: 'm', provider: 'openai-compatible', baseUrl: server.url }],
      retries: { max: 1, minDelayMs: 1, maxDelayMs: 2 },
    });
    const { registry } = instrumentPrometheus(router);

    const call = router.completion({ model: 'm', messages: hi });
    await until(() => server.calls.length === 2);
    expect(samples(await registry.metrics(), 'switchyard_in_flight')).toEqual(['switchyard_in_flight{model="m"} 1']);

    answer(ok());
    await call;
    expect(samples(await registry.metrics(), 'switchyard_in_flight')).toEqual(['switchyard_in_flight{model="m"} 0']);
  });

  it('leaves it alone for a call that fails before any attempt, which still counts as a failure', async () => {
    const server = await mockServer(ok());
    const router = testRouter({ deployments: [{ id: 'a', model: 'm', provider: 'openai-compatible', baseUrl: server.url }] });
    const { registry } = instrumentPrometheus(router);

    await expect(router.completion({ model: 'nope', messages: hi })).rejects.toThrow();
    const text = await registry.metrics();

    expect(server.calls).toHaveLength(0);
    expect(samples(text, 'switchyard_in_flight')).toEqual([]);
    expect(samples(text, 'switchyard_requests_total')).toEqual([
      'switchyard_requests_total{model="nope",deployment="",provider="",outcome="failure",error="NotFoundError"} 1',
    ]);
  });
});
