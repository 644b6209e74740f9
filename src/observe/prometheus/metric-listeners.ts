import type { RouterEventListener, RouterEventName } from '../../events/event-types.js';
import type { CompletionUsage } from '../../types/chat.js';
import type { CallerLabels } from './caller-labels.js';
import { errorClass } from './error-class.js';
import type { InFlightCalls } from './in-flight-calls.js';
import type { SwitchyardMetrics } from './switchyard-metrics.js';
import { tokenCounts } from './token-counts.js';

export type MetricListeners = { [E in RouterEventName]?: RouterEventListener<E> };

/** What each router event adds to the metrics. */
export function metricListeners(metrics: SwitchyardMetrics, caller: CallerLabels, inFlight: InFlightCalls): MetricListeners {
  const usedAndPaid = (labels: Record<string, string>, usage: CompletionUsage | undefined, costUsd: number | undefined) => {
    if (usage) for (const [type, tokens] of tokenCounts(usage)) metrics.tokens.inc(Object.assign({}, labels, { type }), tokens);
    if (costUsd !== undefined && costUsd > 0) metrics.spend.inc(labels, costUsd);
  };
  return {
    request(event) {
      inFlight.started(event.requestId, event.model);
    },
    success(event) {
      inFlight.ended(event.requestId);
      const labels = Object.assign({ model: event.model, deployment: event.deploymentId, provider: event.provider }, caller.values(event));
      metrics.requests.inc(Object.assign({}, labels, { outcome: 'success', error: '' }));
      metrics.duration.observe(Object.assign({}, labels, { outcome: 'success' }), event.latencyMs / 1000);
      if (event.ttftMs !== undefined) metrics.timeToFirstToken.observe(labels, event.ttftMs / 1000);
      // A cache hit's usage is that of the answer it repeats: no provider used or billed those tokens now.
      if (!event.cacheHit) usedAndPaid(labels, event.usage, event.costUsd);
    },
    failure(event) {
      inFlight.ended(event.requestId);
      const labels = Object.assign({ model: event.model, deployment: event.deploymentId ?? '', provider: event.provider ?? '' }, caller.values(event));
      metrics.requests.inc(Object.assign({}, labels, { outcome: 'failure', error: errorClass(event.error) }));
      metrics.duration.observe(Object.assign({}, labels, { outcome: 'failure' }), event.latencyMs / 1000);
      usedAndPaid(labels, event.usage, event.costUsd);
    },
    retry(event) {
      metrics.retries.inc({ model: event.model, deployment: event.deploymentId, error: errorClass(event.error) });
    },
    fallback(event) {
      metrics.fallbacks.inc({ from: event.from, to: event.to });
    },
    cooldown(event) {
      metrics.cooldowns.inc({ model: event.model, deployment: event.deploymentId, provider: event.provider, reason: event.reason });
    },
    'cache-hit'(event) {
      metrics.cacheHits.inc(Object.assign({ model: event.model }, caller.values(event)));
    },
  };
}
