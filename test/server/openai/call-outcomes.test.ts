import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest } from 'switchyard';
import { MASTER_CALLER } from '../../../src/server/http/master-key-resolver.js';
import type { CallOutcome } from '../../../src/server/openai/call-outcome.js';
import { CallTracker } from '../../../src/server/openai/call-tracker.js';
import { CHAT_MODEL, mockDeployments, openAIScript } from '../../support/gateway/gateway-on-mock.js';
import { json } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { testRouter } from '../../support/routers.js';
import { afterThisTest } from '../../support/after-this-test.js';

const request: ChatCompletionRequest = { model: CHAT_MODEL, messages: [{ role: 'user', content: 'hi' }] };

async function tracked(script = openAIScript) {
  const mock = await mockServer(script);
  const router = testRouter({ deployments: mockDeployments(mock, { pricing: { inputPerMTok: 1, outputPerMTok: 2 } }), retries: 0 });
  const tracker = new CallTracker(router);
  afterThisTest(() => tracker.stop());
  const outcomes: CallOutcome[] = [];
  tracker.addSink({ record: (outcome) => void outcomes.push(outcome) });
  return { router, tracker, outcomes };
}

describe('CallTracker', () => {
  it("gives a tracked call the router's request id and one outcome", async () => {
    const { router, tracker, outcomes } = await tracked();
    const metadata = { end_user: 'u-1' };
    const call = tracker.track(MASTER_CALLER, metadata, 'u-1');

    await router.completion(request, { metadata });

    expect(call.requestId).toEqual(expect.any(String));
    expect(outcomes).toEqual([
      expect.objectContaining({
        requestId: call.requestId,
        caller: MASTER_CALLER,
        operation: 'chat',
        model: CHAT_MODEL,
        provider: 'openai',
        status: 'success',
        usage: expect.objectContaining({ total_tokens: 21 }),
        costUsd: expect.closeTo((9 * 1 + 12 * 2) / 1e6, 12),
        cacheHit: false,
        stream: false,
        completed: true,
        endUser: 'u-1',
        metadata,
      }),
    ]);
    expect(outcomes[0]!.endTime).toBeGreaterThanOrEqual(outcomes[0]!.startTime);
  });

  it("records a failed call with its error's class", async () => {
    const { router, tracker, outcomes } = await tracked(() => json({ error: { message: 'no', type: 'invalid_request_error' } }, 400));
    const metadata = {};
    tracker.track(MASTER_CALLER, metadata, undefined);

    await router.completion(request, { metadata }).catch(() => undefined);

    expect(outcomes).toEqual([expect.objectContaining({ status: 'failure', errorType: 'BadRequestError', completed: false })]);
  });

  it('records a stream once it has ended', async () => {
    const { router, tracker, outcomes } = await tracked();
    const metadata = {};
    const call = tracker.track(MASTER_CALLER, metadata, undefined);

    const stream = await router.completion({ ...request, stream: true }, { metadata });
    expect(outcomes).toHaveLength(0);
    for await (const _chunk of stream);

    expect(outcomes).toEqual([expect.objectContaining({ requestId: stream.requestId, stream: true, completed: true, status: 'success' })]);
    expect(call.requestId).toBe(stream.requestId);
  });

  it('hears nothing of calls it does not track, nor of forgotten ones', async () => {
    const { router, tracker, outcomes } = await tracked();
    const metadata = {};
    tracker.forget(tracker.track(MASTER_CALLER, metadata, undefined));

    await router.completion(request, { metadata });
    await router.completion(request);

    expect(outcomes).toHaveLength(0);
  });
});
