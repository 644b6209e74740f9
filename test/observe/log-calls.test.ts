import { logCalls, type CallLogRecord, type DeploymentConfig, type RouterOptions, type StructuredLogger, type WarningLogRecord } from 'switchyard';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock.js';
import type { MockProviderServer } from '../support/mock-provider-server.js';
import { json, openAICompletion, openAIError, openAIStreamEvents, sse, type MockReply } from '../support/mock-replies.js';
import { routerOnMockServer } from '../support/routers.js';
import { collect } from '../support/streams.js';

const API_KEY = 'sk-secret-log';
const hi = [{ role: 'user' as const, content: 'hi' }];
const PRICING = { inputPerMTok: 1, outputPerMTok: 1 };

/** A logger with pino's shape that keeps what it is given. */
function fakePino() {
  const lines: Array<{ level: 'info' | 'warn'; record: object; message: string | undefined }> = [];
  const logger: StructuredLogger = {
    info: (record, message) => lines.push({ level: 'info', record, message }),
    warn: (record, message) => lines.push({ level: 'warn', record, message }),
  };
  const calls = () => lines.filter((l) => l.level === 'info').map((l) => l.record as CallLogRecord);
  return { logger, lines, calls };
}

const deployment = (server: MockProviderServer): DeploymentConfig => ({
  id: 'dep-a',
  model: 'chat',
  provider: 'openai',
  baseUrl: server.url,
  apiKey: API_KEY,
  pricing: PRICING,
  tags: ['t1'],
});

async function loggedRouter(reply: MockReply, options: Omit<RouterOptions, 'deployments'> = {}) {
  const { server, router } = await routerOnMockServer(reply, deployment, { retries: 0, ...options });
  const log = fakePino();
  const clock = new FakeClock();
  const stop = logCalls(router, log.logger, { clock });
  return { server, router, log, stop, clock };
}

function expectNoSecret(lines: ReadonlyArray<{ record: object; message: string | undefined }>) {
  expect(JSON.stringify(lines)).not.toContain(API_KEY);
}

describe('logCalls', () => {
  it('logs a successful call once at info, with its tokens, cost, labels and timestamp', async () => {
    const usage = { prompt_tokens: 9, completion_tokens: 12, prompt_tokens_details: { cached_tokens: 4 } };
    const { router, log, clock } = await loggedRouter(json(openAICompletion('Paris', usage)));
    await router.completion({ model: 'chat', messages: hi }, { user: 'ann', team: 'geo', apiKeyId: 'key-1', tags: ['t1'], metadata: { ticket: 7 } });

    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]?.message).toBe('switchyard call success: chat');
    const record = log.calls()[0];
    expect(record).toMatchObject({
      kind: 'call',
      timestamp: new Date(clock.now()).toISOString(),
      model: 'chat',
      deployment: 'dep-a',
      provider: 'openai',
      outcome: 'success',
      tokens: { input: 9, output: 12, total: 21, cached: 4 },
      cacheHit: false,
      attempts: 1,
      stream: false,
      completed: true,
      user: 'ann',
      team: 'geo',
      apiKeyId: 'key-1',
      tags: ['t1'],
      metadata: { ticket: 7 },
    });
    expect(record?.requestId).toEqual(expect.any(String));
    expect(record?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(record?.costUsd).toBeCloseTo(21 / 1_000_000, 12);
    expect(record).not.toHaveProperty('error');
    expect(record).not.toHaveProperty('ttftMs');
    expect(record?.tokens).not.toHaveProperty('reasoning');
    expectNoSecret(log.lines);
  });

  it('logs a failed call with the error class, status, code and a message without the key', async () => {
    const reply = json(openAIError(`Incorrect API key provided: ${API_KEY}.`, 'invalid_request_error', 'invalid_api_key'), 401);
    const { router, log } = await loggedRouter(reply);
    await expect(router.completion({ model: 'chat', messages: hi })).rejects.toThrow();

    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]?.message).toBe('switchyard call failure: chat');
    expect(log.calls()[0]).toMatchObject({
      outcome: 'failure',
      model: 'chat',
      deployment: 'dep-a',
      provider: 'openai',
      attempts: 1,
      cacheHit: false,
      stream: false,
      completed: false,
      error: { class: 'AuthenticationError', status: 401, code: 'invalid_api_key' },
    });
    expect(log.calls()[0]?.error?.message).toContain('Incorrect API key provided');
    expectNoSecret(log.lines);
  });

  it('logs a stream once it ends, with its time to first token', async () => {
    const { router, log } = await loggedRouter(sse(openAIStreamEvents(['Pa', 'ris'])));
    await collect(await router.completion({ model: 'chat', messages: hi, stream: true }));

    expect(log.calls()).toHaveLength(1);
    expect(log.calls()[0]).toMatchObject({ outcome: 'success', stream: true, completed: true, tokens: { input: 9, output: 12, total: 21 } });
    expect(log.calls()[0]?.ttftMs).toBeGreaterThanOrEqual(0);
    expectNoSecret(log.lines);
  });

  it('logs a stream the caller stopped reading as not completed', async () => {
    const { router, log } = await loggedRouter(sse(openAIStreamEvents(['a', 'b', 'c', 'd', 'e']), { eventDelayMs: 5 }));
    const stream = await router.completion({ model: 'chat', messages: hi, stream: true });
    let received = 0;
    for await (const _chunk of stream) if (++received === 2) break;

    expect(log.calls()).toHaveLength(1);
    expect(log.calls()[0]).toMatchObject({ outcome: 'success', stream: true, completed: false });
    expectNoSecret(log.lines);
  });

  it('logs a cache hit with what it saved', async () => {
    const { router, log } = await loggedRouter(json(openAICompletion('Paris')), { cache: {} });
    await router.completion({ model: 'chat', messages: hi });
    await router.completion({ model: 'chat', messages: hi });

    expect(log.calls().map((r) => [r.cacheHit, r.costUsd, r.attempts])).toEqual([
      [false, expect.any(Number), 1],
      [true, 0, 0],
    ]);
    expect(log.calls()[1]?.savedUsd).toBeCloseTo(21 / 1_000_000, 12);
    expectNoSecret(log.lines);
  });

  it('sends router warnings to warn, with the error reduced to its class and message', async () => {
    const { router, log } = await loggedRouter(json(openAICompletion('Paris')));
    router.on('success', () => {
      throw new TypeError('listener broke');
    });
    await router.completion({ model: 'chat', messages: hi });

    const warnings = log.lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toBe("A 'success' listener threw: listener broke");
    expect(warnings[0]?.record).toEqual({
      kind: 'warning',
      timestamp: expect.any(String),
      message: "A 'success' listener threw: listener broke",
      error: { class: 'TypeError', message: 'listener broke' },
    } satisfies WarningLogRecord);
  });

  it('records no content unless asked; with captureContent, the messages and the answer of successes and failures', async () => {
    const plain = await loggedRouter(json(openAICompletion('Paris')));
    await plain.router.completion({ model: 'chat', messages: hi });
    expect(plain.log.calls()[0]).not.toHaveProperty('messages');
    expect(plain.log.calls()[0]).not.toHaveProperty('output');

    const { server, router } = await routerOnMockServer(json(openAICompletion('Paris')), deployment, { retries: 0 });
    const log = fakePino();
    logCalls(router, log.logger, { captureContent: true });
    await router.completion({ model: 'chat', messages: hi });
    server.reply(json(openAIError('overloaded', 'server_error'), 500));
    await expect(router.completion({ model: 'chat', messages: [{ role: 'user', content: 'again' }] })).rejects.toThrow();

    const [success, failure] = log.calls();
    expect(success).toMatchObject({ outcome: 'success', messages: hi, output: [{ role: 'assistant', content: 'Paris' }] });
    expect(failure).toMatchObject({ outcome: 'failure', messages: [{ role: 'user', content: 'again' }] });
    expect(failure).not.toHaveProperty('output');
    expectNoSecret(log.lines);
  });

  it('writes to a plain function, records told apart by kind', async () => {
    const { router } = await routerOnMockServer(json(openAICompletion('Paris')), deployment, { retries: 0 });
    const records: Array<CallLogRecord | WarningLogRecord> = [];
    logCalls(router, (record) => records.push(record));
    router.on('success', () => {
      throw new Error('boom');
    });
    await router.completion({ model: 'chat', messages: hi });

    expect(records.map((r) => r.kind).sort()).toEqual(['call', 'warning']);
    expect(Date.parse(records[0]?.timestamp ?? '')).not.toBeNaN();
    expect(JSON.stringify(records)).not.toContain(API_KEY);
  });

  it('stop() detaches every listener', async () => {
    const { router, log, stop } = await loggedRouter(json(openAICompletion('Paris')));
    await router.completion({ model: 'chat', messages: hi });
    stop();
    router.on('success', () => {
      throw new Error('boom');
    });
    await router.completion({ model: 'chat', messages: hi });

    expect(log.lines).toHaveLength(1);
  });
});
