import { errorKindsOf } from '../../errors/router-error.js';
import type { FailureEvent, SuccessEvent } from '../../events/event-types.js';
import type { Router } from '../../router.js';
import type { Caller } from '../http/caller.js';
import type { CallOutcome, CallOutcomeSink } from './call-outcome.js';

/** A router call the gateway is making. */
export interface TrackedCall {
  readonly caller: Caller;
  /** The object passed as the call's `metadata`: the router's events carry it back, which is how they are told apart. */
  readonly metadata: Record<string, unknown>;
  readonly endUser: string | undefined;
  readonly startTime: number;
  /** Set from the router's `success` or `failure` event, which comes before `completion` returns or throws (a stream: at its end). */
  requestId: string | undefined;
}

function errorType(error: unknown): string {
  const kind = errorKindsOf(error)[0];
  if (kind !== undefined) return kind;
  return error instanceof Error ? error.name : typeof error;
}

/**
 * Matches the router's `success` and `failure` events to the gateway's calls (by their metadata
 * object): the router's request id for `x-request-id`, and one CallOutcome per call for the sinks.
 */
export class CallTracker {
  readonly #calls = new Map<object, TrackedCall>();
  readonly #sinks: CallOutcomeSink[] = [];

  constructor(private readonly router: Router) {
    router.on('success', this.#succeeded);
    router.on('failure', this.#failed);
  }

  addSink(sink: CallOutcomeSink): void {
    this.#sinks.push(sink);
  }

  track(caller: Caller, metadata: Record<string, unknown>, endUser: string | undefined): TrackedCall {
    const call: TrackedCall = { caller, metadata, endUser, startTime: Date.now(), requestId: undefined };
    this.#calls.set(metadata, call);
    return call;
  }

  /** Drops a call whose event never came (its answer is out either way). */
  forget(call: TrackedCall): void {
    this.#calls.delete(call.metadata);
  }

  stop(): void {
    this.router.off('success', this.#succeeded);
    this.router.off('failure', this.#failed);
    this.#calls.clear();
  }

  readonly #succeeded = (event: SuccessEvent): void => {
    const call = this.#ended(event);
    if (call === undefined || this.#sinks.length === 0) return;
    this.#record(call, event, {
      usage: event.usage,
      costUsd: event.costUsd,
      status: 'success',
      errorType: undefined,
      error: undefined,
      cacheHit: event.cacheHit,
      completed: event.completed,
      deploymentId: event.deploymentId,
      provider: event.provider,
    });
  };

  readonly #failed = (event: FailureEvent): void => {
    const call = this.#ended(event);
    if (call === undefined || this.#sinks.length === 0) return;
    this.#record(call, event, {
      usage: event.usage,
      costUsd: event.costUsd,
      status: 'failure',
      errorType: errorType(event.error),
      error: event.error,
      cacheHit: false,
      completed: false,
      deploymentId: event.deploymentId,
      provider: event.provider,
    });
  };

  #ended(event: SuccessEvent | FailureEvent): TrackedCall | undefined {
    const call = event.metadata === undefined ? undefined : this.#calls.get(event.metadata);
    if (call === undefined) return undefined;
    this.#calls.delete(call.metadata);
    call.requestId = event.requestId;
    return call;
  }

  #record(
    call: TrackedCall,
    event: SuccessEvent | FailureEvent,
    ending: Pick<CallOutcome, 'usage' | 'costUsd' | 'status' | 'errorType' | 'error' | 'cacheHit' | 'completed' | 'deploymentId' | 'provider'>,
  ): void {
    const endTime = Date.now();
    const outcome: CallOutcome = Object.assign(ending, {
      requestId: event.requestId,
      caller: call.caller,
      operation: event.operation,
      model: event.model,
      stream: event.stream,
      endUser: call.endUser,
      tags: event.tags ?? labelTags(call.metadata),
      metadata: call.metadata,
      startTime: call.startTime,
      endTime,
      latencyMs: event.latencyMs,
    });
    for (const sink of this.#sinks) sink.record(outcome);
  }
}

/** The tags that only label a call (without tag routing), kept in its metadata. */
function labelTags(metadata: Readonly<Record<string, unknown>>): readonly string[] | undefined {
  const tags = metadata.tags;
  return Array.isArray(tags) ? (tags as string[]) : undefined;
}
