import type { CallRequest, FailureEvent, RequestLabels, SuccessEvent, WarningEvent } from '../events/event-types.js';
import type { ChatCompletionMessage, ChatMessage, CompletionUsage } from '../types/chat.js';
import type { EmbeddingRequest } from '../types/embedding.js';

/** A call's token counts; `cached` and `reasoning` only where the provider reported them. */
export interface CallLogTokens {
  input: number;
  output: number;
  total: number;
  cached?: number;
  reasoning?: number;
}

/**
 * What is kept of an error: its class, its message (switchyard's errors carry no secrets in it),
 * and its status and code where it has them. Never the body, headers or cause.
 */
export interface LoggedError {
  class: string;
  message: string;
  status?: number;
  code?: string;
}

/** One finished `completion` or `embedding` call. Fields the call did not have are left out. */
export interface CallLogRecord {
  kind: 'call';
  /** When the call finished, ISO 8601. */
  timestamp: string;
  requestId: string;
  model: string;
  /** The deployment that answered, or the last one tried; absent when none was. */
  deployment?: string;
  provider?: string;
  outcome: 'success' | 'failure';
  latencyMs: number;
  /** Streams only: time to the first content chunk. */
  ttftMs?: number;
  tokens?: CallLogTokens;
  costUsd?: number;
  cacheHit: boolean;
  /** For a cache hit: what the answer cost when it was made. */
  savedUsd?: number;
  attempts: number;
  error?: LoggedError;
  stream: boolean;
  /** False for a failed call and for a stream the caller stopped reading before its end. */
  completed: boolean;
  user?: string;
  team?: string;
  apiKeyId?: string;
  sessionId?: string;
  tags?: readonly string[];
  metadata?: Readonly<Record<string, unknown>>;
  /** With `captureContent`: the messages of a chat call, as the caller sent them. */
  messages?: readonly ChatMessage[];
  /** With `captureContent`: the input of an embedding call. */
  input?: EmbeddingRequest['input'];
  /** With `captureContent`: the answer's message per choice (a stream's, as its chunks made it). */
  output?: ChatCompletionMessage[];
}

/** A router `warning`: something worth a look that did not fail a call. */
export interface WarningLogRecord {
  kind: 'warning';
  timestamp: string;
  message: string;
  error?: LoggedError;
}

export function successRecord(event: SuccessEvent, timestamp: string, captureContent: boolean): CallLogRecord {
  const record = definedOnly<CallLogRecord>({
    kind: 'call',
    timestamp,
    requestId: event.requestId,
    model: event.model,
    deployment: event.deploymentId,
    provider: event.provider,
    outcome: 'success',
    latencyMs: event.latencyMs,
    ttftMs: event.ttftMs,
    tokens: tokensOf(event.usage),
    costUsd: event.costUsd,
    cacheHit: event.cacheHit,
    savedUsd: event.savedUsd,
    attempts: event.attempts,
    stream: event.stream,
    completed: event.completed,
    ...labelsOf(event),
  });
  if (captureContent) {
    addRequestContent(record, event.request);
    if ('choices' in event.response) record.output = event.response.choices.map((choice) => choice.message);
  }
  return record;
}

export function failureRecord(event: FailureEvent, timestamp: string, captureContent: boolean): CallLogRecord {
  const record = definedOnly<CallLogRecord>({
    kind: 'call',
    timestamp,
    requestId: event.requestId,
    model: event.model,
    deployment: event.deploymentId,
    provider: event.provider,
    outcome: 'failure',
    latencyMs: event.latencyMs,
    tokens: tokensOf(event.usage),
    costUsd: event.costUsd,
    cacheHit: false,
    attempts: event.attempts,
    error: loggedError(event.error),
    stream: event.stream,
    completed: false,
    ...labelsOf(event),
  });
  if (captureContent) addRequestContent(record, event.request);
  return record;
}

function addRequestContent(record: CallLogRecord, request: CallRequest): void {
  if (typeof request !== 'object' || request === null) return;
  if ('messages' in request) record.messages = request.messages;
  else if ('input' in request) record.input = request.input;
}

export function warningRecord(event: WarningEvent, timestamp: string): WarningLogRecord {
  return definedOnly({
    kind: 'warning',
    timestamp,
    message: event.message,
    error: event.cause === undefined ? undefined : loggedError(event.cause),
  });
}

function labelsOf(event: RequestLabels) {
  return {
    user: event.user,
    team: event.team,
    apiKeyId: event.apiKeyId,
    sessionId: event.sessionId,
    tags: event.tags,
    metadata: event.metadata,
  };
}

function tokensOf(usage: CompletionUsage | undefined): CallLogTokens | undefined {
  if (!usage) return undefined;
  return definedOnly({
    input: usage.prompt_tokens,
    output: usage.completion_tokens,
    total: usage.total_tokens,
    cached: usage.prompt_tokens_details?.cached_tokens,
    reasoning: usage.completion_tokens_details?.reasoning_tokens,
  });
}

/** Picks fields one by one: the whole error would bring its body, headers and cause along. */
function loggedError(error: unknown): LoggedError {
  if (typeof error !== 'object' || error === null) return { class: typeof error, message: String(error) };
  const { name, message, status, code } = error as { name?: unknown; message?: unknown; status?: unknown; code?: unknown };
  return definedOnly({
    class: typeof name === 'string' ? name : 'Object',
    message: typeof message === 'string' ? message : '',
    status: typeof status === 'number' ? status : undefined,
    code: typeof code === 'string' ? code : undefined,
  });
}

/** Leaves out undefined fields, so a function logger sees the same record a JSON logger writes. */
function definedOnly<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) if (record[key] === undefined) delete record[key];
  return record;
}
