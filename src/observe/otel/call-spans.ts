import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { CacheHitEvent, FailureEvent, FallbackEvent, RequestEvent, RetryEvent, SuccessEvent } from '../../events/event-types.js';
import { callAttributes } from './call-attributes.js';
import { inputContentAttributes, outputContentAttributes } from './content-attributes.js';
import { errorType } from './error-type.js';
import { genAiProviderName } from './gen-ai-provider-name.js';
import { requestAttributes } from './request-attributes.js';
import { responseAttributes } from './response-attributes.js';
import type { ServerAddress, ServerAddresses } from './server-addresses.js';
import { usageAttributes } from './usage-attributes.js';

interface TracedCall {
  readonly span: Span;
  /** The model its span is named after. */
  model: string;
  /** The deployment whose provider and server its attributes name. */
  deploymentId: string | undefined;
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
  readonly #captureContent: boolean;
  readonly #calls = new Map<string, TracedCall>();
  /** A cache hit's caller context, kept until its `success` starts and ends its span. */
  readonly #cacheHitParents = new Map<string, Context>();

  constructor(tracer: Tracer, servers: ServerAddresses, captureContent: boolean) {
    this.#tracer = tracer;
    this.#servers = servers;
    this.#captureContent = captureContent;
  }

  request(event: RequestEvent): void {
    const server = this.#servers.of(event.deploymentId);
    let call = this.#calls.get(event.requestId);
    if (call === undefined) {
      const operation = event.operation;
      const attributes = callAttributes(operation, event.model, event.provider, server);
      this.#requestAttributes(event, attributes);
      const span = this.#tracer.startSpan(`${operation} ${event.model}`, { kind: SpanKind.CLIENT, attributes }, context.active());
      call = { span, model: event.model, deploymentId: event.deploymentId, attempt: undefined, fallbackFrom: undefined };
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
    const attributes: Attributes = {
      'gen_ai.response.model': event.providerModel,
      'switchyard.deployment.id': event.deploymentId,
      'switchyard.attempts': event.attempts,
      'switchyard.cache_hit': event.cacheHit,
    };
    if (event.costUsd !== undefined) attributes['switchyard.cost_usd'] = event.costUsd;
    if (event.usage !== undefined) Object.assign(attributes, usageAttributes(event.usage));
    responseAttributes(event.response, attributes);
    if (this.#captureContent) outputContentAttributes(event.response, attributes);
    if (event.stream) {
      attributes['switchyard.stream.completed'] = event.completed;
      if (event.ttftMs !== undefined) attributes['gen_ai.response.time_to_first_chunk'] = event.ttftMs / 1000;
    }
    const server = event.cacheHit ? undefined : this.#servers.of(event.deploymentId);
    const call = this.#finishing(event, event.provider, server, attributes);
    endAttempt(call, 'success', undefined);
    call.span.end();
  }

  failure(event: FailureEvent): void {
    const type = errorType(event.error);
    const attributes: Attributes = { 'error.type': type, 'switchyard.attempts': event.attempts };
    if (event.deploymentId !== undefined) attributes['switchyard.deployment.id'] = event.deploymentId;
    if (event.costUsd !== undefined) attributes['switchyard.cost_usd'] = event.costUsd;
    if (event.usage !== undefined) Object.assign(attributes, usageAttributes(event.usage));
    const server = event.deploymentId === undefined ? undefined : this.#servers.of(event.deploymentId);
    const call = this.#finishing(event, event.provider, server, attributes);
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

  /** What a call's span records of its request when it starts: sampling settings, streaming, and the content when asked. */
  #requestAttributes(event: RequestEvent | SuccessEvent | FailureEvent, attributes: Attributes): void {
    if (event.stream) attributes['gen_ai.request.stream'] = true;
    requestAttributes(event.request, attributes);
    if (this.#captureContent) inputContentAttributes(event.request, attributes);
  }

  /**
   * The call's span with its final attributes (named after the requested model when the
   * first attempt served another group), or one started `latencyMs` ago for a call that
   * made no attempt: a cache hit, a call refused before any.
   */
  #finishing(event: SuccessEvent | FailureEvent, provider: string | undefined, server: ServerAddress | undefined, attributes: Attributes): TracedCall {
    const call = this.#calls.get(event.requestId);
    this.#calls.delete(event.requestId);
    if (call !== undefined) {
      if (call.model !== event.model) call.span.updateName(`${event.operation} ${event.model}`);
      // Served elsewhere than the first attempt went (a retry or a fallback): name where it ended.
      if (call.model !== event.model || call.deploymentId !== event.deploymentId)
        Object.assign(attributes, callAttributes(event.operation, event.model, provider, server));
      call.span.setAttributes(attributes);
      return call;
    }
    Object.assign(attributes, callAttributes(event.operation, event.model, provider, server));
    this.#requestAttributes(event, attributes);
    const parent = this.#cacheHitParents.get(event.requestId) ?? context.active();
    this.#cacheHitParents.delete(event.requestId);
    const name = `${event.operation} ${event.model}`;
    const span = this.#tracer.startSpan(name, { kind: SpanKind.CLIENT, startTime: Date.now() - event.latencyMs, attributes }, parent);
    return { span, model: event.model, deploymentId: event.deploymentId, attempt: undefined, fallbackFrom: undefined };
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
