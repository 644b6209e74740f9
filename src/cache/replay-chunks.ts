import type { ChatCompletion, ChatCompletionChoice, ChatCompletionChunk, ChatCompletionChunkChoice, ToolCallDelta } from '../types/chat.js';

/** The delta that replays one choice's message: its text, reasoning, refusal and (function) tool calls. */
function deltaOf(choice: ChatCompletionChoice): ChatCompletionChunkChoice['delta'] {
  const { message } = choice;
  const delta: ChatCompletionChunkChoice['delta'] = { role: 'assistant', content: message.content ?? '' };
  if (message.reasoning_content) delta.reasoning_content = message.reasoning_content;
  if (message.refusal) delta.refusal = message.refusal;
  const toolCalls: ToolCallDelta[] = [];
  message.tool_calls?.forEach((call, index) => {
    if (call.type === 'function')
      toolCalls.push({ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } });
  });
  if (toolCalls.length > 0) delta.tool_calls = toolCalls;
  if (message.function_call) delta.function_call = { ...message.function_call };
  return delta;
}

/**
 * A whole answer as the stream a provider would have sent: per choice one chunk with the
 * message and one with the finish reason, then a usage chunk (`choices: []`), which the
 * stream hands on only when the request asked for it (`stream_options.include_usage`).
 */
export async function* replayChunks(completion: ChatCompletion): AsyncGenerator<ChatCompletionChunk> {
  const base = { id: completion.id, object: 'chat.completion.chunk' as const, created: completion.created, model: completion.model };
  const extra = completion.system_fingerprint === undefined ? {} : { system_fingerprint: completion.system_fingerprint };
  for (const choice of completion.choices) {
    yield { ...base, ...extra, choices: [{ index: choice.index, delta: deltaOf(choice), finish_reason: null, logprobs: choice.logprobs }] };
    yield { ...base, ...extra, choices: [{ index: choice.index, delta: {}, finish_reason: choice.finish_reason }] };
  }
  if (completion.usage) yield { ...base, ...extra, choices: [], usage: completion.usage };
}
