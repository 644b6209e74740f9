import type { ChatCompletionMessage, ToolCall } from 'switchyard';

/** The function of a message's tool call (the first by default); undefined when there is none or it is a custom tool's. */
export function functionCall(message: ChatCompletionMessage | undefined, index = 0): ToolCall['function'] | undefined {
  const call = message?.tool_calls?.[index];
  return call?.type === 'function' ? call.function : undefined;
}
