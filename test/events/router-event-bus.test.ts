import { describe, expect, it } from 'vitest';
import { InternalServerError, Router, type RequestEvent, type SuccessEvent, type WarningEvent } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { mockDeployment } from '../support/deployments.js';
import { record } from '../support/events.js';
import { json, openAICompletion } from '../support/mock-replies.js';
import { mockServer } from '../support/mock-servers.js';
import { sameModelRouter } from '../support/routers.js';
import { collect, textOf } from '../support/streams.js';

const answersFine = mockDeployment('mock-1', { tags: ['x'], params: { content: 'fine' } });

describe('events', () => {
  it('emits request before the call and success after, with labels and metadata', async () => {
    const router = new Router({ deployments: [answersFine] });
    const seen: string[] = [];
    let request: RequestEvent | undefined;
    let success: SuccessEvent | undefined;
    router.on('request', (e) => {
      request = e;
      seen.push('request');
    });
    router.on('success', (e) => {
      success = e;
      seen.push('success');
    });

    await router.completion({ model: 'm', messages: hi }, { user: 'u1', team: 't1', apiKeyId: 'k1', tags: ['x'], sessionId: 's1', metadata: { trace: 'abc' } });

    expect(seen).toEqual(['request', 'success']);
    expect(request).toMatchObject({ model: 'm', deploymentId: 'mock-1', provider: 'mock', attempt: 1, stream: false, user: 'u1' });
    expect(success).toMatchObject({ requestId: request?.requestId, user: 'u1', team: 't1', apiKeyId: 'k1', tags: ['x'], sessionId: 's1', metadata: { trace: 'abc' } });
  });

  it('a throwing listener changes nothing and is reported as a warning', async () => {
    const router = new Router({ deployments: [answersFine] });
    const warnings: WarningEvent[] = [];
    router.on('warning', (e) => void warnings.push(e));
    router.on('request', () => {
      throw new Error('listener bug');
    });
    router.on('success', () => {
      throw new Error('another bug');
    });

    const response = await router.completion({ model: 'm', messages: hi });

    expect(response.choices[0]?.message.content).toBe('fine');
    expect(warnings.map((w) => w.message)).toEqual(["A 'request' listener threw: listener bug", "A 'success' listener threw: another bug"]);
  });

  it('a rejecting async listener causes no unhandled rejection and no failure', async () => {
    const router = new Router({ deployments: [answersFine] });
    const warnings: WarningEvent[] = [];
    router.on('warning', (e) => void warnings.push(e));
    router.on('success', async () => {
      throw new Error('async bug');
    });
    const response = await router.completion({ model: 'm', messages: hi });
    expect(response.choices[0]?.message.content).toBe('fine');
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings[0]?.message).toBe("A 'success' listener threw: async bug");
  });

  it('a failing call still fails the same way when its failure listener throws', async () => {
    const router = new Router({ retries: 0, deployments: [{ model: 'm', provider: 'mock', params: { errorStatus: 503 } }] });
    router.on('failure', () => {
      throw new Error('listener bug');
    });
    await expect(router.completion({ model: 'm', messages: hi })).rejects.toBeInstanceOf(InternalServerError);
  });

  it('a throwing stream listener does not break the stream, and is reported as a warning', async () => {
    const router = new Router({ deployments: [answersFine] });
    const events = record(router, 'warning');
    const bug = new Error('bug');
    router.on('success', () => {
      throw bug;
    });
    const chunks = await collect(await router.completion({ model: 'm', messages: hi, stream: true }));
    expect(textOf(chunks)).toBe('fine');
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 });
    expect(events.warning).toEqual([{ message: "A 'success' listener threw: bug", cause: bug }]);
  });

  it('delivers the same payloads to callback objects, keeping their this', async () => {
    class Recorder {
      readonly events: string[] = [];
      onRequest(e: RequestEvent) {
        this.events.push(`request:${e.deploymentId}`);
      }
      onSuccess(e: SuccessEvent) {
        this.events.push(`success:${e.deploymentId}`);
      }
    }
    const recorder = new Recorder();
    const failures: unknown[] = [];
    const router = new Router({ deployments: [answersFine], callbacks: [recorder, { onFailure: (e: unknown) => failures.push(e) }] });
    await router.completion({ model: 'm', messages: hi });
    await router.completion({ model: 'nope', messages: hi }).catch(() => undefined);
    expect(recorder.events).toEqual(['request:mock-1', 'success:mock-1']);
    expect(failures).toHaveLength(1);
  });

  it('off and once behave as on an EventEmitter', async () => {
    const router = new Router({ deployments: [answersFine] });
    let always = 0;
    let once = 0;
    const listener = () => void always++;
    router.on('success', listener);
    router.once('success', () => void once++);
    await router.completion({ model: 'm', messages: hi });
    router.off('success', listener);
    await router.completion({ model: 'm', messages: hi });
    expect([always, once]).toEqual([1, 1]);
  });

  it('reports success for each of many concurrent calls over HTTP', async () => {
    const server = await mockServer(json(openAICompletion('ok')));
    const router = sameModelRouter({ only: server });
    const ids = new Set<string>();
    router.on('success', (e) => void ids.add(e.requestId));
    await Promise.all(Array.from({ length: 50 }, () => router.completion({ model: 'm', messages: hi })));
    expect(ids.size).toBe(50);
    expect(server.calls).toHaveLength(50);
  });
});
