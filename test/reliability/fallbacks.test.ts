import { describe, expect, it } from 'vitest';
import type { RouterError } from 'switchyard';
import { BadRequestError, ContentPolicyViolationError, InternalServerError } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { record } from '../support/events.js';
import { failing, json, ok, openAICompletion, openAIError } from '../support/mock-replies.js';
import { callsOf, mockServers } from '../support/mock-servers.js';
import { modelPerServerRouter } from '../support/routers.js';

const quick = { max: 1, minDelayMs: 1, maxDelayMs: 2 };

function filtered() {
  const answer = openAICompletion('[filtered]');
  (answer.choices[0] as { finish_reason: string }).finish_reason = 'content_filter';
  return json(answer);
}

describe('fallbacks', () => {
  it('runs after the group retries are spent, each fallback group with its own retries', async () => {
    const s = await mockServers({ primary: failing(503), backup: ok('from backup') });
    s.backup.reply(failing(500));
    const router = modelPerServerRouter(s, { retries: quick, fallbacks: { primary: ['backup'] } });
    const events = record(router, 'fallback', 'success');

    const response = await router.completion({ model: 'primary', messages: hi });

    expect(response.choices[0]?.message.content).toBe('from backup');
    expect(callsOf(s)).toEqual({ primary: 2, backup: 2 });
    expect(events.fallback).toEqual([expect.objectContaining({ from: 'primary', to: 'backup' })]);
    expect(events.fallback[0]?.error).toBeInstanceOf(InternalServerError);
    expect(events.success[0]).toMatchObject({ model: 'primary', deploymentId: 'backup', attempts: 4 });
  });

  it("uses '*' and defaultFallbacks for models without their own entry", async () => {
    const s = await mockServers({ a: failing(500), b: failing(500), c: ok('c') });
    const star = modelPerServerRouter(s, { retries: 0, fallbacks: { '*': ['c'] } });
    expect((await star.completion({ model: 'a', messages: hi })).choices[0]?.message.content).toBe('c');
    const byDefault = modelPerServerRouter(s, { retries: 0, defaultFallbacks: ['c'], fallbacks: { b: ['a'] } });
    expect((await byDefault.completion({ model: 'a', messages: hi })).choices[0]?.message.content).toBe('c');
  });

  it('is loop-safe and bounded by maxFallbacks, ending in the last error with every attempt listed', async () => {
    const s = await mockServers({ a: failing(500), b: failing(502), c: failing(503), d: failing(504) });
    const router = modelPerServerRouter(s, { retries: 0, fallbacks: { a: ['b', 'a'], b: ['c', 'a'], c: ['d'] }, maxFallbacks: 2 });
    const error = await router.completion({ model: 'a', messages: hi }).catch((e: unknown) => e);
    expect(callsOf(s)).toEqual({ a: 1, b: 1, c: 1, d: 0 });
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as RouterError).status).toBe(503);
    expect((error as RouterError).attempts?.map((a) => [a.model, a.status])).toEqual([
      ['a', 500],
      ['b', 502],
      ['c', 503],
    ]);
  });

  it('never falls back from a request the provider rejected', async () => {
    const s = await mockServers({ a: failing(400), b: ok() });
    const router = modelPerServerRouter(s, { fallbacks: { a: ['b'] } });
    await expect(router.completion({ model: 'a', messages: hi })).rejects.toBeInstanceOf(BadRequestError);
    expect(callsOf(s)).toEqual({ a: 1, b: 0 });
  });

  it('a context-window failure is not retried and skips fallbacks known to be too small', async () => {
    const tooLong = json(
      openAIError(
        "This model's maximum context length is 8192 tokens. However, your messages resulted in 20000 tokens.",
        'invalid_request_error',
        'context_length_exceeded',
      ),
      400,
    );
    const s = await mockServers({ small: tooLong, medium: ok('medium'), large: ok('large') });
    const limits: Record<string, number> = { small: 8_192, medium: 16_384, large: 128_000 };
    const router = modelPerServerRouter(s, { contextWindowFallbacks: { small: ['medium', 'large'] } }, (id) => ({ maxInputTokens: limits[id] }));
    const events = record(router, 'fallback');
    const response = await router.completion({ model: 'small', messages: hi });
    expect(response.choices[0]?.message.content).toBe('large');
    expect(callsOf(s)).toEqual({ small: 1, medium: 0, large: 1 });
    expect(events.fallback.map((e) => e.to)).toEqual(['large']);
  });

  it('a content_filter answer goes to the content-policy fallback when one exists, and is returned when none does', async () => {
    const s = await mockServers({ strict: filtered(), relaxed: ok('relaxed') });
    const withFallback = modelPerServerRouter(s, { contentPolicyFallbacks: { strict: ['relaxed'] } });
    expect((await withFallback.completion({ model: 'strict', messages: hi })).choices[0]?.message.content).toBe('relaxed');
    const without = modelPerServerRouter(s);
    expect((await without.completion({ model: 'strict', messages: hi })).choices[0]?.finish_reason).toBe('content_filter');
  });

  it('a content-policy error uses contentPolicyFallbacks before the general list', async () => {
    const blocked = json(openAIError('The response was filtered due to the content management policy.', 'invalid_request_error', 'content_filter'), 400);
    const s = await mockServers({ strict: blocked, general: ok('general'), lenient: ok('lenient') });
    const router = modelPerServerRouter(s, { fallbacks: { strict: ['general'] }, contentPolicyFallbacks: { strict: ['lenient'] } });
    expect((await router.completion({ model: 'strict', messages: hi })).choices[0]?.message.content).toBe('lenient');
    const error = await modelPerServerRouter(s, { retries: 0 })
      .completion({ model: 'strict', messages: hi })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentPolicyViolationError);
  });

  it('per-request fallbacks replace the router list; noFallbacks turns them off', async () => {
    const s = await mockServers({ a: failing(500), b: ok('b'), c: ok('c') });
    const router = modelPerServerRouter(s, { retries: 0, fallbacks: { a: ['b'] } });
    expect((await router.completion({ model: 'a', messages: hi }, { fallbacks: ['c'] })).choices[0]?.message.content).toBe('c');
    await expect(router.completion({ model: 'a', messages: hi }, { noFallbacks: true })).rejects.toBeInstanceOf(InternalServerError);
    expect(s.b.calls).toHaveLength(0);
  });

  it('names an unknown fallback model at construction', async () => {
    const s = await mockServers({ a: ok() });
    expect(() => modelPerServerRouter(s, { fallbacks: { a: ['claude'] } })).toThrow("fallbacks.a[0]: no deployment serves model 'claude'; known models: a");
  });
});
