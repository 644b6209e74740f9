import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import type { Router } from 'switchyard';
import { instrumentOpenTelemetry } from 'switchyard/otel';
import { instrumentPrometheus } from 'switchyard/prometheus';

/** Takes every span and drops it: the cost measured is the instrumentation's and the SDK's, not an export's. */
class DroppingExporter implements SpanExporter {
  export(_spans: ReadableSpan[], done: (result: { code: number }) => void): void {
    done({ code: 0 });
  }
  async shutdown(): Promise<void> {}
}

/** A reader nobody collects from: metrics are recorded as in production, never exported. */
class IdleReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** Instruments `router` with OpenTelemetry (every span sampled, into a dropping exporter; metrics recorded) and Prometheus; returns how to stop both. */
export function observe(router: Router): () => Promise<void> {
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(new DroppingExporter())] });
  const meterProvider = new MeterProvider({ readers: [new IdleReader()] });
  const stopOtel = instrumentOpenTelemetry(router, { tracerProvider, meterProvider });
  const prometheus = instrumentPrometheus(router);
  return async () => {
    stopOtel();
    prometheus.stop();
    await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
  };
}
