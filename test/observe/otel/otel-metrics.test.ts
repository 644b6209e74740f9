import type { Attributes } from '@opentelemetry/api';
import { DataPointType, MeterProvider, MetricReader, type Histogram, type HistogramMetricData } from '@opentelemetry/sdk-metrics';
import type { Router } from 'switchyard';
import { DURATION_BUCKETS_S, instrumentOpenTelemetry, TOKEN_BUCKETS } from 'switchyard/otel';
import { describe, expect, it } from 'vitest';
import { afterThisTest } from '../../support/after-this-test.js';
import { failing, ok, openAIStreamEvents, sse } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { testRouter } from '../../support/routers.js';

const SECRET = 'sk-secret-otel';
const ask = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Capital of France?' }] };

/** A reader the test collects from when it likes. */
class CollectingReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function instrumented(router: Router): CollectingReader {
  const reader = new CollectingReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  afterThisTest(() => meterProvider.shutdown());
  afterThisTest(instrumentOpenTelemetry(router, { meterProvider }));
  return reader;
}

async function histograms(reader: CollectingReader): Promise<Map<string, HistogramMetricData>> {
  const { resourceMetrics } = await reader.collect();
  const found = new Map<string, HistogramMetricData>();
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) if (metric.dataPointType === DataPointType.HISTOGRAM) found.set(metric.descriptor.name, metric);
  }
  return found;
}

const points = (metric: HistogramMetricData | undefined): Array<{ attributes: Attributes; value: Histogram }> => metric?.dataPoints ?? [];

describe('instrumentOpenTelemetry: metrics', () => {
  it('records duration, token usage and time to first chunk with the spec units, buckets and attributes', async () => {
    const server = await mockServer(ok('Paris'));
    server.reply(sse(openAIStreamEvents(['Pa', 'ris'])));
    const router = testRouter({ retries: 0, deployments: [{ id: 'primary', model: 'gpt-4o', provider: 'openai', baseUrl: server.url, apiKey: SECRET }] });
    const reader = instrumented(router);

    for await (const chunk of await router.completion({ ...ask, stream: true })) void chunk;
    await router.completion(ask);

    const found = await histograms(reader);
    const duration = found.get('gen_ai.client.operation.duration');
    expect(duration?.descriptor.unit).toBe('s');
    const [durationPoint] = points(duration);
    expect(durationPoint?.value.buckets.boundaries).toEqual(DURATION_BUCKETS_S);
    expect(durationPoint?.value.count).toBe(2);
    expect(durationPoint?.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o',
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(server.url).port),
    });

    const tokens = found.get('gen_ai.client.token.usage');
    expect(tokens?.descriptor.unit).toBe('{token}');
    const byType = Object.fromEntries(points(tokens).map((point) => [point.attributes['gen_ai.token.type'], point.value]));
    expect(byType['input']).toMatchObject({ count: 2, sum: 18 });
    expect(byType['output']).toMatchObject({ count: 2, sum: 24 });
    expect(byType['input']?.buckets.boundaries).toEqual(TOKEN_BUCKETS);

    const firstChunk = found.get('gen_ai.client.operation.time_to_first_chunk');
    expect(firstChunk?.descriptor.unit).toBe('s');
    expect(points(firstChunk).map((point) => point.value.count)).toEqual([1]);

    expect(JSON.stringify([...found.values()].map((metric) => metric.dataPoints.map((point) => point.attributes)))).not.toContain(SECRET);
  });

  it('records a failed call duration with its error.type', async () => {
    const server = await mockServer(failing(503));
    const router = testRouter({ retries: 0, deployments: [{ id: 'primary', model: 'gpt-4o', provider: 'openai', baseUrl: server.url, apiKey: SECRET }] });
    const reader = instrumented(router);

    await expect(router.completion(ask)).rejects.toThrow();

    const [point] = points((await histograms(reader)).get('gen_ai.client.operation.duration'));
    expect(point?.attributes).toMatchObject({ 'error.type': 'InternalServerError', 'gen_ai.provider.name': 'openai' });
    expect(point?.value.count).toBe(1);
  });
});
