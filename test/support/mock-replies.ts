/** What a mock provider server does with one request. */
export type MockReply =
  /** A JSON answer (any status). */
  | { kind: 'json'; body: unknown; status?: number; headers?: Record<string, string>; delayMs?: number }
  /** Server-sent events: each entry is one `data:` payload (objects are JSON-encoded). */
  | {
      kind: 'sse';
      events: ReadonlyArray<unknown>;
      status?: number;
      headers?: Record<string, string>;
      delayMs?: number;
      /** Pause between events. */
      eventDelayMs?: number;
      /** `close`: end the body after the events without more; `destroy`: cut the socket after them; `stall`: send nothing more, keeping the connection open. */
      end?: 'close' | 'destroy' | 'stall';
      /** Send each object's `type` as the SSE `event:` name, as Anthropic does. */
      namedEvents?: boolean;
    }
  /** A raw body with any status and content type. */
  | { kind: 'text'; body: string; status?: number; headers?: Record<string, string>; delayMs?: number }
  /**
   * Raw bytes in the given pieces (a binary event stream, say). `paced`: each piece is flushed,
   * and the event loop turns, before the next is written, so the client reads them apart.
   */
  | { kind: 'bytes'; pieces: ReadonlyArray<Uint8Array>; contentType: string; status?: number; headers?: Record<string, string>; paced?: boolean }
  /** Headers and part of a body, then the socket is destroyed. */
  | { kind: 'cut'; partialBody: string; status?: number }
  /** Accept the request and never answer. */
  | { kind: 'hang' }
  /** Hold the request until the test settles `reply`, then answer with it (a latency the test decides, on a fake clock). */
  | { kind: 'held'; reply: Promise<MockReply> };

export interface MockUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number };
}

function withTotal(usage: MockUsage) {
  return { ...usage, total_tokens: usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens };
}

/** A chat completion in OpenAI's documented shape. */
export function openAICompletion(content: string, usage: MockUsage = { prompt_tokens: 9, completion_tokens: 12 }, model = 'gpt-4o-mini-2024-07-18') {
  return {
    id: 'chatcmpl-mock123',
    object: 'chat.completion',
    created: 1_741_569_952,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: withTotal(usage),
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
  };
}

/** The SSE payloads OpenAI sends for a streamed answer with `include_usage`, ending in `[DONE]`. */
export function openAIStreamEvents(pieces: readonly string[], usage: MockUsage = { prompt_tokens: 9, completion_tokens: 12 }): unknown[] {
  const base = {
    id: 'chatcmpl-mock123',
    object: 'chat.completion.chunk',
    created: 1_741_569_952,
    model: 'gpt-4o-mini-2024-07-18',
    system_fingerprint: 'fp_mock',
  };
  return [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }], usage: null },
    ...pieces.map((content) => ({ ...base, choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }], usage: null })),
    { ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], usage: null },
    { ...base, choices: [], usage: withTotal(usage) },
    '[DONE]',
  ];
}

/** An OpenAI error body. */
export function openAIError(message: string, type: string, code: string | null = null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

/** OpenAI's embeddings answer: `count` vectors of three numbers, the first telling them apart. */
export function openAIEmbeddings(count: number) {
  return {
    object: 'list',
    data: Array.from({ length: count }, (_, index) => ({ object: 'embedding', index, embedding: [0.1 * (index + 1), 0.2, 0.3] })),
    model: 'text-embedding-3-small',
    usage: { prompt_tokens: 6, total_tokens: 6 },
  };
}

export const json = (body: unknown, status = 200, headers?: Record<string, string>): MockReply => ({ kind: 'json', body, status, headers });
export const sse = (events: readonly unknown[], extra: Partial<Extract<MockReply, { kind: 'sse' }>> = {}): MockReply => ({ kind: 'sse', events, ...extra });
/** A successful OpenAI answer with this content. */
export const ok = (content = 'ok') => json(openAICompletion(content));
/** An OpenAI server error with this status. */
export const failing = (status: number, headers?: Record<string, string>) => json(openAIError(`failed with ${status}`, 'server_error'), status, headers);

/** Anthropic's Messages API answer. */
export function anthropicMessage(content: unknown[], stopReason = 'end_turn', usage = { input_tokens: 12, output_tokens: 7 }) {
  return { id: 'msg_01', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content, stop_reason: stopReason, stop_sequence: null, usage };
}

/** The event sequence Anthropic documents for a streamed text answer. */
export function anthropicTextStream(pieces: readonly string[], usage = { input_tokens: 12, output_tokens: 7 }): unknown[] {
  return [
    {
      type: 'message_start',
      message: {
        id: 'msg_01',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [],
        stop_reason: null,
        usage: { input_tokens: usage.input_tokens, output_tokens: 1 },
      },
    },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'ping' },
    ...pieces.map((text) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })),
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: usage.output_tokens } },
    { type: 'message_stop' },
  ];
}
