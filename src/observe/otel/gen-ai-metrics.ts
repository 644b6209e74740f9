import type { Attributes, Histogram, Meter } from '@opentelemetry/api';
import type { CompletionUsage } from '../../types/chat.js';
import type { MetricAttributeSet } from './metric-attribute-sets.js';

/** The GenAI semantic conventions' bucket boundaries for durations, in seconds. */
export const DURATION_BUCKETS_S = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

/** The GenAI semantic conventions' bucket boundaries for token counts. */
export const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

/** The histograms of the GenAI client metrics, each call's attributes given by the caller. */
export class GenAiMetrics {
  readonly #duration: Histogram;
  readonly #tokens: Histogram;
  readonly #timeToFirstChunk: Histogram;

  constructor(meter: Meter) {
    this.#duration = meter.createHistogram('gen_ai.client.operation.duration', {
      unit: 's',
      description: 'GenAI operation duration',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_S },
    });
    this.#tokens = meter.createHistogram('gen_ai.client.token.usage', {
      unit: '{token}',
      description: 'Number of input and output tokens used',
      advice: { explicitBucketBoundaries: TOKEN_BUCKETS },
    });
    this.#timeToFirstChunk = meter.createHistogram('gen_ai.client.operation.time_to_first_chunk', {
      unit: 's',
      description: 'Time from the call to the first chunk of a streamed answer',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_S },
    });
  }

  recordDuration(latencyMs: number, attributes: Attributes): void {
    this.#duration.record(latencyMs / 1000, attributes);
  }

  recordTimeToFirstChunk(ttftMs: number, attributes: Attributes): void {
    this.#timeToFirstChunk.record(ttftMs / 1000, attributes);
  }

  /** Embeddings have no output tokens: `withOutput` false leaves them out rather than recording zeros. */
  recordTokens(usage: CompletionUsage, attributes: MetricAttributeSet, withOutput: boolean): void {
    this.#tokens.record(usage.prompt_tokens, attributes.input);
    if (withOutput) this.#tokens.record(usage.completion_tokens, attributes.output);
  }
}
