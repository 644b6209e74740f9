import type { Meter } from '@opentelemetry/api';
import type { FailureEvent, SuccessEvent } from '../../events/event-types.js';
import { errorType } from './error-type.js';
import { GenAiMetrics } from './gen-ai-metrics.js';
import { MetricAttributeSets } from './metric-attribute-sets.js';
import type { ServerAddresses } from './server-addresses.js';

/** Records each finished call in the GenAI client metrics. */
export class CallMetrics {
  readonly #metrics: GenAiMetrics;
  readonly #servers: ServerAddresses;
  readonly #sets = new MetricAttributeSets();

  constructor(meter: Meter, servers: ServerAddresses) {
    this.#metrics = new GenAiMetrics(meter);
    this.#servers = servers;
  }

  success(event: SuccessEvent): void {
    const server = event.cacheHit ? undefined : this.#servers.of(event.deploymentId);
    const set = this.#sets.of(event.operation, event.model, event.provider, server, event.providerModel, undefined);
    this.#metrics.recordDuration(event.latencyMs, set.call);
    if (event.ttftMs !== undefined) this.#metrics.recordTimeToFirstChunk(event.ttftMs, set.call);
    // A cache hit used no tokens: its usage is the stored answer's.
    if (event.usage !== undefined && !event.cacheHit) this.#metrics.recordTokens(event.usage, set, event.operation === 'chat');
  }

  failure(event: FailureEvent): void {
    const server = event.deploymentId === undefined ? undefined : this.#servers.of(event.deploymentId);
    const set = this.#sets.of(event.operation, event.model, event.provider, server, undefined, errorType(event.error));
    this.#metrics.recordDuration(event.latencyMs, set.call);
    // A broken stream's tokens are billed, so they count.
    if (event.usage !== undefined) this.#metrics.recordTokens(event.usage, set, true);
  }
}
