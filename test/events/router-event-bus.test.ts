import { describe, expect, it } from 'vitest';
import { InternalServerError, Router, type RequestEvent, type SuccessEvent, type WarningEvent } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { mockDeployment, openAIDeployment } from '../support/deployments.js';
import { record } from '../support/events.js';
import { FakeClock } from '../support/fake-clock.js';
import { failing, json, ok, openAICompletion } from '../support/mock-replies.js';
import { mockServer, mockServers } from '../support/mock-servers.js';
import { sameModelRouter, testRouter } from '../support/routers.js';
import { EASY_PRICES } from '../support/spend-fixtures.js';
import { firstCandidate } from '../support/strategy-fixtures.js';
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
    expect(success).toMatchObject({
      requestId: request?.requestId,
      user: 'u1',
      team: 't1',
      apiKeyId: 'k1',
      tags: ['x'],
      sessionId: 's1',
      metadata: { trace: 'abc' },
    });
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
    const chunks = await collect(await router.completion({ model: 'm', messages: hi, stream: true, stream_options: { include_usage: true } }));
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

  it('calls every other hook of a callback object with its event payload: retry, fallback, cooldown, recovered, budgets, warning', async () => {
    const clock = new FakeClock();
    const s = await mockServers({
      flaky: failing(503),
      broken: failing(500),
      backup: json(openAICompletion('from backup', { prompt_tokens: 10, completion_tokens: 100 })),
    });
    const seen: Array<[string, unknown]> = [];
    const hook = (name: string) => (payload: unknown) => void seen.push([name, payload]);
    const hooks = ['onRetry', 'onFallback', 'onCooldown', 'onRecovered', 'onWarning', 'onBudgetWarning', 'onBudgetExceeded'] as const;
    const bug = new Error('hook bug');
    const router = testRouter({
      clock,
      strategy: firstCandidate,
      retries: { max: 1, minDelayMs: 0, maxDelayMs: 0 },
      cooldown: { allowedFails: 1, cooldownMs: 1_000 },
      fallbacks: { primary: ['backup'] },
      budgets: [{ scope: 'model', id: 'backup', maxUsd: 0.2, warnAt: 0.5 }],
      callbacks: [
        Object.fromEntries(hooks.map((name) => [name, hook(name)])),
        {
          onRequest: () => {
            throw bug;
          },
        },
      ],
      deployments: [
        openAIDeployment(s.flaky, 'primary', { id: 'flaky', pricing: EASY_PRICES }),
        openAIDeployment(s.broken, 'primary', { id: 'broken', pricing: EASY_PRICES }),
        // Budgets reserve an answer's expected length: 100 tokens, $0.10, as the backup answers.
        openAIDeployment(s.backup, 'backup', { id: 'backup', pricing: EASY_PRICES, maxOutputTokens: 100 }),
      ],
    });
    const startedAt = clock.now();

    // flaky fails and cools down, the retry goes to broken, which fails too: the group falls back; the backup's $0.10 crosses warnAt.
    await router.completion({ model: 'primary', messages: hi });
    // Both cooling down: straight to the backup, whose $0.20 reaches its budget.
    await router.completion({ model: 'primary', messages: hi });
    await clock.advance(1_000);
    s.flaky.setDefault(ok('back'));
    // The probe succeeds.
    expect((await router.completion({ model: 'primary', messages: hi })).choices[0]?.message.content).toBe('back');

    const byHook = (name: string) => seen.filter(([hookName]) => hookName === name).map(([, payload]) => payload);
    expect(byHook('onRetry')).toEqual([
      expect.objectContaining({ model: 'primary', deploymentId: 'flaky', attempt: 1, delayMs: 0, error: expect.objectContaining({ status: 503 }) }),
    ]);
    expect(byHook('onCooldown')).toEqual([
      expect.objectContaining({
        deploymentId: 'flaky',
        model: 'primary',
        provider: 'openai',
        reason: 'InternalServerError',
        cooldownMs: 1_000,
        reopensAt: startedAt + 1_000,
      }),
      expect.objectContaining({
        deploymentId: 'broken',
        model: 'primary',
        provider: 'openai',
        reason: 'InternalServerError',
        cooldownMs: 1_000,
        reopensAt: startedAt + 1_000,
      }),
    ]);
    expect(byHook('onFallback')).toEqual([
      expect.objectContaining({ from: 'primary', to: 'backup', error: expect.objectContaining({ name: 'InternalServerError', status: 500 }) }),
      expect.objectContaining({ from: 'primary', to: 'backup', error: expect.objectContaining({ name: 'NoDeploymentAvailableError' }) }),
    ]);
    expect(byHook('onBudgetWarning')).toEqual([
      expect.objectContaining({ scope: 'model', id: 'backup', limitUsd: 0.2, warnAt: 0.5, spentUsd: expect.closeTo(0.1, 9) }),
    ]);
    expect(byHook('onBudgetExceeded')).toEqual([expect.objectContaining({ scope: 'model', id: 'backup', limitUsd: 0.2, spentUsd: expect.closeTo(0.2, 9) })]);
    expect(byHook('onRecovered')).toEqual([{ deploymentId: 'flaky', model: 'primary', provider: 'openai', downForMs: 1_000 }]);
    // One per attempt: flaky, broken and backup, the backup again, then flaky's probe.
    expect(byHook('onWarning')).toEqual(Array(5).fill({ message: "A 'request' listener threw: hook bug", cause: bug }));
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
