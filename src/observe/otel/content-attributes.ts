import type { Attributes } from '@opentelemetry/api';
import type { CallRequest, SuccessEvent } from '../../events/event-types.js';
import type { ChatCompletionMessage, ChatMessage, ChatTool, CustomTool } from '../../types/chat.js';

/** One part of a message in the GenAI conventions' message schema. */
type MessagePart =
  | { type: 'text'; content: string }
  | { type: 'tool_call'; id: string; name: string; arguments: unknown }
  | { type: 'tool_call_response'; id: string; response: unknown }
  | { type: 'uri'; modality: string; uri: string }
  | { type: 'blob'; modality: string; mime_type?: string; content: string }
  | { type: 'file'; modality?: string; file_id?: string; filename?: string };

interface GenAiMessage {
  role: string;
  parts: MessagePart[];
  name?: string;
  finish_reason?: string;
}

const text = (content: string): MessagePart => ({ type: 'text', content });

function parsedArguments(args: string): unknown {
  try {
    return JSON.parse(args);
  } catch {
    return args;
  }
}

function contentParts(content: ChatMessage['content'] | ChatCompletionMessage['content']): MessagePart[] {
  if (typeof content === 'string') return [text(content)];
  if (!Array.isArray(content)) return [];
  const parts: MessagePart[] = [];
  for (const part of content) {
    if (part.type === 'text') parts.push(text(part.text));
    else if (part.type === 'refusal') parts.push(text(part.refusal));
    else if (part.type === 'image_url') parts.push(imagePart(part.image_url.url));
    else if (part.type === 'input_audio')
      parts.push({ type: 'blob', modality: 'audio', mime_type: `audio/${part.input_audio.format}`, content: part.input_audio.data });
    else if (part.type === 'file') parts.push({ type: 'file', file_id: part.file.file_id, filename: part.file.filename });
  }
  return parts;
}

function imagePart(url: string): MessagePart {
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return data ? { type: 'blob', modality: 'image', mime_type: data[1], content: data[2] as string } : { type: 'uri', modality: 'image', uri: url };
}

function toolCallParts(message: {
  tool_calls?: ChatCompletionMessage['tool_calls'];
  function_call?: { name: string; arguments: string } | null;
}): MessagePart[] {
  const parts: MessagePart[] = [];
  for (const call of message.tool_calls ?? []) {
    if (call.type === 'function') parts.push({ type: 'tool_call', id: call.id, name: call.function.name, arguments: parsedArguments(call.function.arguments) });
    else parts.push({ type: 'tool_call', id: call.id, name: call.custom.name, arguments: call.custom.input });
  }
  if (message.function_call)
    parts.push({ type: 'tool_call', id: '', name: message.function_call.name, arguments: parsedArguments(message.function_call.arguments) });
  return parts;
}

function inputMessage(message: ChatMessage): GenAiMessage {
  switch (message.role) {
    case 'tool':
      return { role: 'tool', parts: [{ type: 'tool_call_response', id: message.tool_call_id, response: contentText(message.content) }] };
    case 'function':
      return { role: 'tool', parts: [{ type: 'tool_call_response', id: message.name, response: message.content }] };
    case 'assistant':
      return { role: 'assistant', parts: [...contentParts(message.content), ...toolCallParts(message)] };
    default:
      return { role: message.role === 'developer' ? 'system' : message.role, parts: contentParts(message.content) };
  }
}

function contentText(content: string | { text: string }[]): string {
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

function toolDefinitions(tools: Array<ChatTool | CustomTool>): unknown[] {
  return tools.map((tool) =>
    tool.type === 'function'
      ? { type: 'function', name: tool.function.name, description: tool.function.description, parameters: tool.function.parameters }
      : { type: 'custom', name: tool.custom.name, description: tool.custom.description },
  );
}

/**
 * The request's content as the GenAI conventions record it (opt-in): system instructions apart,
 * the other messages as `gen_ai.input.messages`, tools as `gen_ai.tool.definitions`; embeddings'
 * input as `gen_ai.input.messages` of one user message per text.
 */
export function inputContentAttributes(request: CallRequest, into: Attributes): void {
  if (!('messages' in request)) {
    const inputs = Array.isArray(request.input) ? request.input : [request.input];
    into['gen_ai.input.messages'] = JSON.stringify(
      inputs.map((input) => ({ role: 'user', parts: [text(typeof input === 'string' ? input : JSON.stringify(input))] })),
    );
    return;
  }
  const system: MessagePart[] = [];
  const messages: GenAiMessage[] = [];
  for (const message of request.messages) {
    if (message.role === 'system' || message.role === 'developer') system.push(...contentParts(message.content));
    else messages.push(inputMessage(message));
  }
  if (system.length > 0) into['gen_ai.system_instructions'] = JSON.stringify(system);
  into['gen_ai.input.messages'] = JSON.stringify(messages);
  if (request.tools !== undefined && request.tools.length > 0) into['gen_ai.tool.definitions'] = JSON.stringify(toolDefinitions(request.tools));
}

/** The answer's choices as `gen_ai.output.messages` (opt-in); an embedding answer records none. */
export function outputContentAttributes(response: SuccessEvent['response'], into: Attributes): void {
  if (!('choices' in response)) return;
  const messages: GenAiMessage[] = response.choices.map((choice) => ({
    role: 'assistant',
    parts: [...contentParts(choice.message.content), ...(choice.message.refusal ? [text(choice.message.refusal)] : []), ...toolCallParts(choice.message)],
    finish_reason: choice.finish_reason,
  }));
  into['gen_ai.output.messages'] = JSON.stringify(messages);
}
