import type {
  ChatCompletion,
  ChatCompletionChoice,
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChoiceLogprobs,
  CompletionUsage,
  ToolCall,
} from '../types/chat.js';

/** One choice as its deltas have built it so far. */
interface ChoiceSoFar {
  index: number;
  content: string | null;
  refusal: string | null;
  reasoning: string | undefined;
  /** By the deltas' `index`; a gap in the numbering is left out of the answer. */
  toolCalls: ToolCall[] | undefined;
  functionCall: { name: string; arguments: string } | undefined;
  finishReason: ChatCompletionChoice['finish_reason'] | undefined;
  logprobs: ChoiceLogprobs | null;
}

const joined = <T>(earlier: T[] | null, more: T[] | null | undefined): T[] | null => (more ? (earlier ?? []).concat(more) : earlier);

function addToolCalls(choice: ChoiceSoFar, deltas: NonNullable<ChatCompletionChunkChoice['delta']['tool_calls']>): void {
  const calls = (choice.toolCalls ??= []);
  for (const delta of deltas) {
    const call = (calls[delta.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
    if (delta.id) call.id = delta.id;
    if (delta.function?.name) call.function.name = delta.function.name;
    if (delta.function?.arguments) call.function.arguments += delta.function.arguments;
  }
}

function addDelta(choice: ChoiceSoFar, { delta, finish_reason, logprobs }: ChatCompletionChunkChoice): void {
  if (finish_reason) choice.finishReason = finish_reason;
  if (logprobs) {
    choice.logprobs = choice.logprobs
      ? { content: joined(choice.logprobs.content, logprobs.content), refusal: joined(choice.logprobs.refusal, logprobs.refusal) }
      : logprobs;
  }
  if (!delta) return;
  if (delta.content) choice.content = (choice.content ?? '') + delta.content;
  if (delta.refusal) choice.refusal = (choice.refusal ?? '') + delta.refusal;
  if (delta.reasoning_content) choice.reasoning = (choice.reasoning ?? '') + delta.reasoning_content;
  if (delta.tool_calls) addToolCalls(choice, delta.tool_calls);
  if (delta.function_call) {
    const call = (choice.functionCall ??= { name: '', arguments: '' });
    if (delta.function_call.name) call.name = delta.function_call.name;
    if (delta.function_call.arguments) call.arguments += delta.function_call.arguments;
  }
}

function finished(choice: ChoiceSoFar): ChatCompletionChoice {
  const message: ChatCompletionChoice['message'] = { role: 'assistant', content: choice.content, refusal: choice.refusal };
  if (choice.reasoning !== undefined) message.reasoning_content = choice.reasoning;
  if (choice.toolCalls) message.tool_calls = choice.toolCalls.filter(Boolean);
  if (choice.functionCall) message.function_call = choice.functionCall;
  return { index: choice.index, message, finish_reason: choice.finishReason ?? 'stop', logprobs: choice.logprobs };
}

/**
 * A streamed answer put together from the chunks the caller was handed, as openai-node's
 * `finalChatCompletion()` does: text, refusal and reasoning joined, tool calls by index with
 * their argument fragments joined, the last finish reason; id, model and the like from the
 * latest chunk that has an id (after a mid-stream fallback, the deployment that finished it).
 */
export class StreamAssembler {
  /** The latest chunk with an id: its id, created, model, system_fingerprint and service_tier are the answer's. */
  private latest: ChatCompletionChunk | undefined;
  private readonly choices: ChoiceSoFar[] = [];

  add(chunk: ChatCompletionChunk): void {
    if (chunk.id) this.latest = chunk;
    for (const choice of chunk.choices) {
      const soFar = (this.choices[choice.index] ??= {
        index: choice.index,
        content: null,
        refusal: null,
        reasoning: undefined,
        toolCalls: undefined,
        functionCall: undefined,
        finishReason: undefined,
        logprobs: null,
      });
      addDelta(soFar, choice);
    }
  }

  /** The whole answer so far, with this usage if any. */
  completion(usage: CompletionUsage | undefined): ChatCompletion {
    const completion: ChatCompletion = { ...this.metadata(), object: 'chat.completion', choices: this.choices.filter(Boolean).map(finished) };
    if (usage) completion.usage = usage;
    return completion;
  }

  /** The closing chunk OpenAI sends when `stream_options.include_usage` asks for it: no choices, the usage. */
  usageChunk(usage: CompletionUsage): ChatCompletionChunk {
    return { ...this.metadata(), object: 'chat.completion.chunk', choices: [], usage };
  }

  private metadata() {
    const { id = '', created = 0, model = '', system_fingerprint, service_tier } = this.latest ?? {};
    return {
      id,
      created,
      model,
      ...(system_fingerprint ? { system_fingerprint } : {}),
      ...(service_tier !== undefined ? { service_tier } : {}),
    };
  }
}
