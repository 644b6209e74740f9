import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { CacheHitEvent, FailureEvent, FallbackEvent, RequestEvent, RetryEvent, SuccessEvent } from '../../events/event-types.js';
import { callAttributes } from './call-attributes.js';
import { errorType } from './error-type.js';
import { genAiProviderName } from './gen-ai-provider-name.js';
import type { ServerAddresses } from './server-addresses.js';
import { usageAttributes } from './usage-attributes.js';

interface TracedCall {
  readonly span: Span;
  /** The attempt in progress, ended by the next attempt, a retry, a fallback or the call's end. */
  attempt: Span | undefined;
  fallbackFrom: string | undefined;
}

type AttemptOutcome = 'success' | 'failure';

/**
 * One CLIENT span per call, with one child span per attempt, built from the router's
 * events and correlated by `requestId`. Events are emitted synchronously inside the call,
 * so the active context at its first `request` is the caller's.
 */
export class CallSpans {
  readonly #tracer: Tracer;
  readonly #servers: ServerAddresses;
  readonly #calls = new Map<string, TracedCall>();
  /** A cache hit's caller context, kept until its `success` starts and ends its span. */
  readonly #cacheHitParents = new Map<string, Context>();

  constructor(tracer: Tracer, servers: ServerAddresses) {
    this.#tracer = tracer;
    this.#servers = servers;
  }

  request(event: RequestEvent): void {
    const server = this.#servers.of(event.deploymentId);
    let call = this.#calls.get(event.requestId);
    if (call === undefined) {
      const operation = event.operation;
      const attributes = callAttributes(operation, event.model, event.provider, server);
      if (event.stream) attributes['gen_ai.request.stream'] = true;
      const span = this.#tracer.startSpan(`${operation} ${event.model}`, { kind: SpanKind.CLIENT, attributes }, context.active());
      call = { span, attempt: undefined, fallbackFrom: undefined };
      this.#calls.set(event.requestId, call);
    } else {
      // A new attempt without a retry event (one that did not use up a retry): the last one failed.
      endAttempt(call, 'failure', undefined);
    }
    const attributes: Attributes = {
      'switchyard.deployment.id': event.deploymentId,
      'switchyard.attempt': event.attempt,
      'gen_ai.provider.name': genAiProviderName(event.provider),
      'gen_ai.request.model': event.providerModel,
    };
    if (server !== undefined) {
      attributes['server.address'] = server.address;
      attributes['server.port'] = server.port;
    }
    call.attempt = this.#tracer.startSpan(`attempt ${event.deploymentId}`, { kind: SpanKind.INTERNAL, attributes }, trace.setSpan(context.active(), call.span));
  }

  cacheHit(event: CacheHitEvent): void {
    this.#cacheHitParents.set(event.requestId, context.active());
  }

  retry(event: RetryEvent): void {
    const call = this.#calls.get(event.requestId);
    if (call !== undefined) endAttempt(call, 'failure', event.error);
  }

  fallback(event: FallbackEvent): void {
    const call = this.#calls.get(event.requestId);
    if (call === undefined) return;
    endAttempt(call, 'failure', event.error);
    call.fallbackFrom ??= event.from;
    call.span.setAttributes({ 'switchyard.fallback.from': call.fallbackFrom, 'switchyard.fallback.to': event.to });
  }

  success(event: SuccessEvent): void {
    const operation = event.operation;
    const server = event.cacheHit ? undefined : this.#servers.of(event.deploymentId);
    const attributes = callAttributes(operation, event.model, event.provider, server);
    attributes['gen_ai.response.model'] = event.providerModel;
    attributes['switchyard.deployment.id'] = event.deploymentId;
    attributes['switchyard.attempts'] = event.attempts;
    attributes['switchyard.cache_hit'] = event.cacheHit;
    if (event.costUsd !== undefined) attributes['switchyard.cost_usd'] = event.costUsd;
    if (event.usage !== undefined) Object.assign(attributes, usageAttributes(event.usage));
    if (event.stream) {
      attributes['gen_ai.request.stream'] = true;
      attributes['switchyard.stream.completed'] = event.completed;
      if (event.ttftMs !== undefined) attributes['gen_ai.response.time_to_first_chunk'] = event.ttftMs / 1000;
    }
    const call = this.#finishing(event.requestId, event.latencyMs, `${operation} ${event.model}`, attributes);
    endAttempt(call, 'success', undefined);
    call.span.end();
  }

  failure(event: FailureEvent): void {
    const operation = event.operation;
    const server = event.deploymentId === undefined ? undefined : this.#servers.of(event.deploymentId);
    const type = errorType(event.error);
    const attributes = callAttributes(operation, event.model, event.provider, server);
    attributes['error.type'] = type;
    attributes['switchyard.attempts'] = event.attempts;
    if (event.deploymentId !== undefined) attributes['switchyard.deployment.id'] = event.deploymentId;
    if (event.costUsd !== undefined) attributes['switchyard.cost_usd'] = event.costUsd;
    if (event.usage !== undefined) Object.assign(attributes, usageAttributes(event.usage));
    if (event.stream) attributes['gen_ai.request.stream'] = true;
    const call = this.#finishing(event.requestId, event.latencyMs, `${operation} ${event.model}`, attributes);
    endAttempt(call, 'failure', event.error);
    // The type, not the message: a provider's message may quote part of a key.
    call.span.setStatus({ code: SpanStatusCode.ERROR, message: type });
    call.span.end();
  }

  /** Ends the spans of calls still in flight (at `stop()`: their later events are no longer heard). */
  endAll(): void {
    for (const call of this.#calls.values()) {
      call.attempt?.end();
      call.span.end();
    }
    this.#calls.clear();
    this.#cacheHitParents.clear();
  }

  /**
   * The call's span with its final name and attributes (the requested model rather than
   * the group of the first attempt), or one started `latencyMs` ago for a call that made no
   * attempt: a cache hit, a call refused before any.
   */
  #finishing(requestId: string, latencyMs: number, name: string, attributes: Attributes): TracedCall {
    const call = this.#calls.get(requestId);
    this.#calls.delete(requestId);
    if (call !== undefined) {
      call.span.updateName(name);
      call.span.setAttributes(attributes);
      return call;
    }
    const parent = this.#cacheHitParents.get(requestId) ?? context.active();
    this.#cacheHitParents.delete(requestId);
    const span = this.#tracer.startSpan(name, { kind: SpanKind.CLIENT, startTime: Date.now() - latencyMs, attributes }, parent);
    return { span, attempt: undefined, fallbackFrom: undefined };
  }
}

function endAttempt(call: TracedCall, outcome: AttemptOutcome, error: unknown): void {
  const attempt = call.attempt;
  if (attempt === undefined) return;
  call.attempt = undefined;
  attempt.setAttribute('switchyard.attempt.outcome', outcome);
  if (error !== undefined) {
    const type = errorType(error);
    attempt.setAttribute('error.type', type);
    attempt.setStatus({ code: SpanStatusCode.ERROR, message: type });
  }
  attempt.end();
}
