import type { Meter } from '@opentelemetry/api';
import type { FailureEvent, SuccessEvent } from '../../events/event-types.js';
import { callAttributes } from './call-attributes.js';
import { errorType } from './error-type.js';
import { GenAiMetrics } from './gen-ai-metrics.js';
import type { ServerAddresses } from './server-addresses.js';

/** Records each finished call in the GenAI client metrics. */
export class CallMetrics {
  readonly #metrics: GenAiMetrics;
  readonly #servers: ServerAddresses;

  constructor(meter: Meter, servers: ServerAddresses) {
    this.#metrics = new GenAiMetrics(meter);
    this.#servers = servers;
  }

  success(event: SuccessEvent): void {
    const operation = event.operation;
    const server = event.cacheHit ? undefined : this.#servers.of(event.deploymentId);
    const attributes = callAttributes(operation, event.model, event.provider, server);
    attributes['gen_ai.response.model'] = event.providerModel;
    this.#metrics.recordDuration(event.latencyMs, attributes);
    if (event.ttftMs !== undefined) this.#metrics.recordTimeToFirstChunk(event.ttftMs, attributes);
    // A cache hit used no tokens: its usage is the stored answer's.
    if (event.usage !== undefined && !event.cacheHit) this.#metrics.recordTokens(event.usage, attributes, operation === 'chat');
  }

  failure(event: FailureEvent): void {
    const server = event.deploymentId === undefined ? undefined : this.#servers.of(event.deploymentId);
    const attributes = callAttributes(event.operation, event.model, event.provider, server);
    attributes['error.type'] = errorType(event.error);
    this.#metrics.recordDuration(event.latencyMs, attributes);
    // A broken stream's tokens are billed, so they count.
    if (event.usage !== undefined) this.#metrics.recordTokens(event.usage, attributes, true);
  }
}
