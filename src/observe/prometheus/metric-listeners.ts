import type { RouterEventListener, RouterEventName } from '../../events/event-types.js';
import type { CompletionUsage } from '../../types/chat.js';
import type { CallLabels, CallLabelSets } from './call-label-sets.js';
import { errorClass } from './error-class.js';
import type { InFlightCalls } from './in-flight-calls.js';
import type { SwitchyardMetrics } from './switchyard-metrics.js';

export type MetricListeners = { [E in RouterEventName]?: RouterEventListener<E> };

/** What each router event adds to the metrics. */
export function metricListeners(metrics: SwitchyardMetrics, labelSets: CallLabelSets, inFlight: InFlightCalls): MetricListeners {
  const usedAndPaid = (labels: CallLabels, usage: CompletionUsage | undefined, costUsd: number | undefined) => {
    if (usage) countTokens(metrics, labels, usage);
    if (costUsd !== undefined && costUsd > 0) metrics.spend.inc(labels.base, costUsd);
  };
  return {
    request(event) {
      inFlight.started(event.requestId, event.model);
    },
    success(event) {
      inFlight.ended(event.requestId);
      const labels = labelSets.of(event.model, event.deploymentId, event.provider, event);
      metrics.requests.inc(labels.succeeded.requests);
      metrics.duration.observe(labels.succeeded.duration, event.latencyMs / 1000);
      if (event.ttftMs !== undefined) metrics.timeToFirstToken.observe(labels.base, event.ttftMs / 1000);
      // A cache hit's usage is that of the answer it repeats: no provider used or billed those tokens now.
      if (!event.cacheHit) usedAndPaid(labels, event.usage, event.costUsd);
    },
    failure(event) {
      inFlight.ended(event.requestId);
      const labels = labelSets.of(event.model, event.deploymentId ?? '', event.provider ?? '', event);
      const failed = labels.failed(errorClass(event.error));
      metrics.requests.inc(failed.requests);
      metrics.duration.observe(failed.duration, event.latencyMs / 1000);
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
      metrics.cacheHits.inc(labelSets.cacheHit(event.model, event));
    },
  };
}

/** Tokens by the `type` label; cached tokens are part of input, reasoning tokens part of output. Zero counts are left out. */
function countTokens(metrics: SwitchyardMetrics, labels: CallLabels, usage: CompletionUsage): void {
  const add = (type: keyof CallLabels['tokens'], tokens: number | undefined) => {
    if (typeof tokens === 'number' && tokens > 0) metrics.tokens.inc(labels.tokens[type], tokens);
  };
  add('input', usage.prompt_tokens);
  add('output', usage.completion_tokens);
  add('cached', usage.prompt_tokens_details?.cached_tokens);
  add('reasoning', usage.completion_tokens_details?.reasoning_tokens);
}
