/**
 * Traces of routed calls in OpenTelemetry, on the built-in mock provider (no API keys, no
 * network): the SDK's console exporter prints each span. The router's call span is a child
 * of the span the application has open ("handle request"), and each attempt is a child of
 * the call span, so the retry after the first deployment's 500 is visible.
 *
 *   npx tsx examples/opentelemetry.ts
 *
 * To send spans to an OTLP backend (Honeycomb, Grafana Tempo, Datadog, Langfuse…), use
 * `new BatchSpanProcessor(new OTLPTraceExporter({ url }))` from
 * `@opentelemetry/exporter-trace-otlp-http` instead of the console exporter.
 */
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, ConsoleSpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Router } from 'switchyard';
import { instrumentOpenTelemetry } from 'switchyard/otel';

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())] });

const router = new Router({
  strategy: 'round-robin',
  deployments: [
    { model: 'chat', provider: 'mock', id: 'flaky', params: { errorStatus: 500 } },
    { model: 'chat', provider: 'mock', id: 'steady' },
  ],
  retries: { max: 1, minDelayMs: 0, maxDelayMs: 0 },
});
const stop = instrumentOpenTelemetry(router, { tracerProvider });

const tracer = tracerProvider.getTracer('example-app');
await tracer.startActiveSpan('handle request', async (span) => {
  const answer = await router.completion({ model: 'chat', messages: [{ role: 'user', content: 'Hello!' }] });
  console.log(`answer: ${answer.choices[0]?.message.content}`);
  span.end();
});

stop();
await router.close();
await tracerProvider.shutdown();
