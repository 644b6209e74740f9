import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { DeploymentConfig, Router } from 'switchyard';
import { instrumentOpenTelemetry } from 'switchyard/otel';
import { describe, expect, it } from 'vitest';
import { afterThisTest } from '../../support/after-this-test.js';
import { failing, json, ok, openAIError, openAIStreamEvents, sse } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { testRouter } from '../../support/routers.js';

const SECRET = 'sk-secret-otel';
const ask = (model = 'gpt-4o') => ({ model, messages: [{ role: 'user' as const, content: 'Capital of France?' }] });

/** A tracer provider exporting to memory, and the async context manager that carries the caller's span. */
function tracing() {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  afterThisTest(async () => {
    context.disable();
    await tracerProvider.shutdown();
  });
  return { exporter, tracerProvider };
}

function instrument(router: Router, tracerProvider: BasicTracerProvider): () => void {
  const stop = instrumentOpenTelemetry(router, { tracerProvider });
  afterThisTest(stop);
  return stop;
}

/** Runs `work` inside an active caller span (an HTTP server's, say), returning that span's id. */
async function asCaller(tracerProvider: BasicTracerProvider, work: () => Promise<unknown>): Promise<string> {
  return tracerProvider.getTracer('test').startActiveSpan('POST /chat', async (span) => {
    try {
      await work();
    } catch {
      // The failure is what the test looks at.
    } finally {
      span.end();
    }
    return span.spanContext().spanId;
  });
}

const named = (spans: ReadableSpan[], name: string) => spans.filter((span) => span.name === name);
const attemptsOf = (spans: ReadableSpan[], call: ReadableSpan) => spans.filter((span) => span.parentSpanContext?.spanId === call.spanContext().spanId);

const gpt = (server: MockProviderServer, extra: Partial<DeploymentConfig> = {}): DeploymentConfig => ({
  id: 'primary',
  model: 'gpt-4o',
  provider: 'openai',
  baseUrl: server.url,
  apiKey: SECRET,
  ...extra,
});

describe('instrumentOpenTelemetry: spans', () => {
  it('gives a call a CLIENT span named by operation and model, child of the caller span, with GenAI and switchyard attributes', async () => {
    const { exporter, tracerProvider } = tracing();
    const server = await mockServer(ok('Paris'));
    const router = testRouter({ retries: 0, deployments: [gpt(server)] });
    instrument(router, tracerProvider);

    const callerId = await asCaller(tracerProvider, () => router.completion(ask()));

    const spans = exporter.getFinishedSpans();
    const [call] = named(spans, 'chat gpt-4o');
    expect(call?.kind).toBe(SpanKind.CLIENT);
    expect(call?.parentSpanContext?.spanId).toBe(callerId);
    expect(call?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o',
      'gen_ai.usage.input_tokens': 9,
      'gen_ai.usage.output_tokens': 12,
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(server.url).port),
      'switchyard.deployment.id': 'primary',
      'switchyard.attempts': 1,
      'switchyard.cache_hit': false,
    });
    expect(call?.attributes['error.type']).toBeUndefined();
    expect(call?.attributes['gen_ai.request.stream']).toBeUndefined();
    const attempts = attemptsOf(spans, call as ReadableSpan);
    expect(attempts.map((span) => [span.name, span.attributes['switchyard.attempt'], span.attributes['switchyard.attempt.outcome']])).toEqual([
      ['attempt primary', 1, 'success'],
    ]);
    expect(JSON.stringify(spans.map((span) => [span.name, span.attributes, span.status, span.events]))).not.toContain(SECRET);
  });

  it('adds an attempt span per retry, each failed one with its error.type', async () => {
    const { exporter, tracerProvider } = tracing();
    const server = await mockServer(ok());
    server.reply(failing(503));
    const router = testRouter({ retries: { max: 1, minDelayMs: 1, maxDelayMs: 1 }, deployments: [gpt(server)] });
    instrument(router, tracerProvider);

    await router.completion(ask());

    const spans = exporter.getFinishedSpans();
    const [call] = named(spans, 'chat gpt-4o');
    expect(call?.attributes['switchyard.attempts']).toBe(2);
    const attempts = attemptsOf(spans, call as ReadableSpan);
    expect(
      attempts.map((span) => [span.attributes['switchyard.attempt'], span.attributes['switchyard.attempt.outcome'], span.attributes['error.type']]),
    ).toEqual([
      [1, 'failure', 'InternalServerError'],
      [2, 'success', undefined],
    ]);
    expect(attempts[0]?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('adds an attempt span per fallback and names the groups it moved between', async () => {
    const { exporter, tracerProvider } = tracing();
    const down = await mockServer(failing(503));
    const up = await mockServer(ok());
    const router = testRouter({
      retries: 0,
      fallbacks: { 'gpt-4o': ['backup'] },
      deployments: [gpt(down, { id: 'down' }), gpt(up, { id: 'up', model: 'backup' })],
    });
    instrument(router, tracerProvider);

    await router.completion(ask());

    const spans = exporter.getFinishedSpans();
    const [call] = named(spans, 'chat gpt-4o');
    expect(call?.attributes).toMatchObject({
      'switchyard.fallback.from': 'gpt-4o',
      'switchyard.fallback.to': 'backup',
      'switchyard.deployment.id': 'up',
      'server.port': Number(new URL(up.url).port),
    });
    expect(attemptsOf(spans, call as ReadableSpan).map((span) => [span.name, span.attributes['switchyard.attempt.outcome']])).toEqual([
      ['attempt down', 'failure'],
      ['attempt up', 'success'],
    ]);
  });

  it('ends a stream span when the stream ends, with its time to first chunk and usage', async () => {
    const { exporter, tracerProvider } = tracing();
    const server = await mockServer(sse(openAIStreamEvents(['Pa', 'ris'])));
    const router = testRouter({ retries: 0, deployments: [gpt(server)] });
    instrument(router, tracerProvider);

    const stream = await router.completion({ ...ask(), stream: true });
    expect(named(exporter.getFinishedSpans(), 'chat gpt-4o')).toEqual([]);
    let pieces = 0;
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) pieces++;

    expect(pieces).toBe(2);
    const [call] = named(exporter.getFinishedSpans(), 'chat gpt-4o');
    expect(call?.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'switchyard.stream.completed': true,
      'gen_ai.usage.input_tokens': 9,
      'gen_ai.usage.output_tokens': 12,
    });
    expect(call?.attributes['gen_ai.response.time_to_first_chunk']).toEqual(expect.any(Number));
    expect(attemptsOf(exporter.getFinishedSpans(), call as ReadableSpan)).toHaveLength(1);
  });

  it('marks a failed call with error.type and an error status, without the message', async () => {
    const { exporter, tracerProvider } = tracing();
    const server = await mockServer(json(openAIError(`Incorrect API key provided: ${SECRET}`, 'invalid_request_error', 'invalid_api_key'), 401));
    const router = testRouter({ retries: 0, deployments: [gpt(server)] });
    instrument(router, tracerProvider);

    const callerId = await asCaller(tracerProvider, () => router.completion(ask()));

    const spans = exporter.getFinishedSpans();
    const [call] = named(spans, 'chat gpt-4o');
    expect(call?.parentSpanContext?.spanId).toBe(callerId);
    expect(call?.attributes['error.type']).toBe('AuthenticationError');
    expect(call?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'AuthenticationError' });
    expect(attemptsOf(spans, call as ReadableSpan).map((span) => span.attributes['error.type'])).toEqual(['AuthenticationError']);
    expect(JSON.stringify(spans.map((span) => [span.name, span.attributes, span.status, span.events]))).not.toContain(SECRET);
  });

  it('gives a call refused before any attempt a span of its own under the caller', async () => {
    const { exporter, tracerProvider } = tracing();
    const router = testRouter({ deployments: [{ model: 'gpt-4o', provider: 'mock' }] });
    instrument(router, tracerProvider);

    const callerId = await asCaller(tracerProvider, () => router.completion(ask('no-such-model')));

    const [call] = named(exporter.getFinishedSpans(), 'chat no-such-model');
    expect(call?.parentSpanContext?.spanId).toBe(callerId);
    expect(call?.attributes).toMatchObject({ 'error.type': 'NotFoundError', 'switchyard.attempts': 0 });
    expect(call?.attributes['gen_ai.provider.name']).toBeUndefined();
  });

  it('names embedding calls embeddings', async () => {
    const { exporter, tracerProvider } = tracing();
    const router = testRouter({ deployments: [{ model: 'text-embedding-3-small', provider: 'mock' }] });
    instrument(router, tracerProvider);

    await router.embedding({ model: 'text-embedding-3-small', input: 'hello' });

    const [call] = named(exporter.getFinishedSpans(), 'embeddings text-embedding-3-small');
    expect(call?.attributes).toMatchObject({ 'gen_ai.operation.name': 'embeddings', 'gen_ai.provider.name': 'mock' });
  });

  it('gives a cache hit a span without attempts under the caller', async () => {
    const { exporter, tracerProvider } = tracing();
    const server = await mockServer(ok('Paris'));
    const router = testRouter({ cache: {}, deployments: [gpt(server)] });
    instrument(router, tracerProvider);

    await router.completion(ask());
    exporter.reset();
    const callerId = await asCaller(tracerProvider, () => router.completion(ask()));

    const spans = exporter.getFinishedSpans();
    const [call] = named(spans, 'chat gpt-4o');
    expect(call?.parentSpanContext?.spanId).toBe(callerId);
    expect(call?.attributes).toMatchObject({ 'switchyard.cache_hit': true, 'switchyard.attempts': 0 });
    expect(call?.attributes['server.address']).toBeUndefined();
    expect(attemptsOf(spans, call as ReadableSpan)).toEqual([]);
  });

  it('uses the global tracer provider by default', async () => {
    const { exporter, tracerProvider } = tracing();
    trace.setGlobalTracerProvider(tracerProvider);
    afterThisTest(() => trace.disable());
    const router = testRouter({ deployments: [{ model: 'gpt-4o', provider: 'mock' }] });
    afterThisTest(instrumentOpenTelemetry(router));

    await router.completion(ask());

    expect(named(exporter.getFinishedSpans(), 'chat gpt-4o')).toHaveLength(1);
  });

  it('stop() detaches: no spans after it, and a second stop changes nothing', async () => {
    const { exporter, tracerProvider } = tracing();
    const router = testRouter({ deployments: [{ model: 'gpt-4o', provider: 'mock' }] });
    const stop = instrument(router, tracerProvider);

    stop();
    stop();
    await router.completion(ask());

    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('stop() ends the spans of a call in flight once; its later events add nothing', async () => {
    const { exporter, tracerProvider } = tracing();
    const server = await mockServer(sse(openAIStreamEvents(['Pa', 'ris'])));
    const router = testRouter({ retries: 0, deployments: [gpt(server)] });
    const stop = instrument(router, tracerProvider);

    const stream = await router.completion({ ...ask(), stream: true });
    stop();
    for await (const chunk of stream) void chunk;
    stop();

    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name).sort()).toEqual(['attempt primary', 'chat gpt-4o']);
    expect(named(spans, 'chat gpt-4o')[0]?.attributes['gen_ai.usage.output_tokens']).toBeUndefined();
  });
});
