import { describe, expect, it } from 'vitest';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { record } from '../support/events.js';
import { openAIStreamEvents, sse } from '../support/mock-replies.js';
import { mockServer } from '../support/mock-servers.js';
import { testRouter } from '../support/routers.js';
import { collect } from '../support/streams.js';

const pieces = Array.from({ length: 20 }, (_, i) => `word${i} `);
/** $1 per million input tokens, $1,000 per million output tokens. */
const pricing = { inputPerMTok: 1, outputPerMTok: 1_000 };

describe('stream cost', () => {
  it('prices a stream from the usage it reports at the end', async () => {
    const server = await mockServer(sse(openAIStreamEvents(pieces, { prompt_tokens: 1000, completion_tokens: 1000 })));
    const router = testRouter({ deployments: [openAIDeployment(server, 'chat', { pricing })] });
    const events = record(router, 'success');
    const stream = await router.completion({ model: 'chat', messages: hi, stream: true });
    await collect(stream);
    const expected = (1000 * 1 + 1000 * 1_000) / 1e6;
    expect(stream.costUsd).toBeCloseTo(expected, 12);
    expect(events.success[0]).toMatchObject({ completed: true });
    expect(events.success[0]?.costUsd).toBeCloseTo(expected, 12);
    expect(router.spend({ scope: 'model', id: 'chat' }).spentUsd).toBeCloseTo(expected, 12);
  });

  it('prices a stream the caller stopped reading from what it had delivered, and releases its reservation', async () => {
    const server = await mockServer(sse(openAIStreamEvents(pieces), { eventDelayMs: 5 }));
    const router = testRouter({ deployments: [openAIDeployment(server, 'chat', { pricing })], budgets: [{ scope: 'user', maxUsd: 100 }] });
    const events = record(router, 'success');
    const stream = await router.completion({ model: 'chat', messages: hi, stream: true }, { user: 'alice' });
    expect(router.spend({ scope: 'user', id: 'alice' }).reservedUsd).toBeGreaterThan(0);
    let text = '';
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (text.length >= 3 * pieces[0]!.length) break;
    }
    const success = events.success[0];
    expect(success).toMatchObject({ completed: false });
    // Estimated: the prompt's text and the three pieces delivered, at four characters a token.
    const usage = success?.usage;
    expect(usage?.completion_tokens).toBe(Math.ceil(text.length / 4));
    const expected = ((usage?.prompt_tokens ?? 0) * 1 + (usage?.completion_tokens ?? 0) * 1000) / 1e6;
    expect(success?.costUsd).toBeCloseTo(expected, 12);
    expect(stream.costUsd).toBe(success?.costUsd);
    expect(router.spend({ scope: 'user', id: 'alice' })).toMatchObject({ reservedUsd: 0 });
    expect(router.spend({ scope: 'user', id: 'alice' }).spentUsd).toBeCloseTo(expected, 12);
  });

  it('prices a stream aborted through its signal and reports the cost on the failure', async () => {
    const server = await mockServer(sse(openAIStreamEvents(pieces), { eventDelayMs: 5 }));
    const router = testRouter({ deployments: [openAIDeployment(server, 'chat', { pricing })] });
    const events = record(router, 'failure');
    const controller = new AbortController();
    const stream = await router.completion({ model: 'chat', messages: hi, stream: true }, { signal: controller.signal });
    let chunks = 0;
    await expect(
      (async () => {
        for await (const _chunk of stream) if (++chunks === 3) controller.abort(new Error('gone'));
      })(),
    ).rejects.toThrow('gone');
    expect(events.failure[0]?.costUsd).toBeGreaterThan(0);
    expect(router.spend().spentUsd).toBeCloseTo(events.failure[0]?.costUsd as number, 12);
  });
});
