import type { HttpRequestSpec, ProviderTarget } from '../../src/provider-adapter.js';
import { messageText } from '../shared/chat-content.js';
import type { ChatCompletionRequest, ChatMessage } from '../../src/types/chat.js';
import { functionCalls, functionTools, rejectLegacyFunctions } from '../shared/function-tools.js';
import { endpointUrl } from '../shared/endpoint-url.js';

/** OpenAI messages as Cohere v2's, which are close: the differences are content parts, tool calls and tool results. */
function toCohereMessage(message: ChatMessage, target: ProviderTarget): Record<string, unknown> {
  switch (message.role) {
    case 'developer':
      return { role: 'system', content: messageText(message.content) };
    case 'user':
      if (typeof message.content === 'string') return { role: 'user', content: message.content };
      return {
        role: 'user',
        content: message.content.flatMap((part): Array<Record<string, unknown>> =>
          part.type === 'text'
            ? [{ type: 'text', text: part.text }]
            : part.type === 'image_url'
              ? [{ type: 'image_url', image_url: { url: part.image_url.url } }]
              : [],
        ),
      };
    case 'assistant': {
      const text = messageText(message.content ?? '');
      const out: Record<string, unknown> = { role: 'assistant' };
      if (message.tool_calls?.length) {
        out.tool_calls = functionCalls(message, target);
        if (text) out.tool_plan = text;
      } else {
        out.content = text;
      }
      return out;
    }
    case 'tool':
      return { role: 'tool', tool_call_id: message.tool_call_id, content: messageText(message.content) };
    default:
      return { role: 'system', content: messageText(message.content) };
  }
}

export function buildCohereRequest(request: ChatCompletionRequest, target: ProviderTarget): HttpRequestSpec {
  rejectLegacyFunctions(request, target);
  const body: Record<string, unknown> = {
    ...target.params,
    model: target.providerModel,
    messages: request.messages.map((message) => toCohereMessage(message, target)),
  };
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) body[key] = value;
  };
  set('max_tokens', request.max_completion_tokens ?? request.max_tokens ?? target.maxOutputTokens);
  set('temperature', request.temperature);
  set('p', request.top_p);
  set('seed', request.seed);
  set('frequency_penalty', request.frequency_penalty);
  set('presence_penalty', request.presence_penalty);
  set('stop_sequences', typeof request.stop === 'string' ? [request.stop] : request.stop);
  if (request.tools?.length) {
    const { tools, choice } = functionTools(request, target);
    set('tools', tools);
    if (choice === 'required') body.tool_choice = 'REQUIRED';
    if (choice === 'none') body.tool_choice = 'NONE';
  }
  if (request.response_format?.type === 'json_object') body.response_format = { type: 'json_object' };
  if (request.response_format?.type === 'json_schema') body.response_format = { type: 'json_object', json_schema: request.response_format.json_schema.schema };
  if (request.stream) body.stream = true;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: request.stream ? 'text/event-stream' : 'application/json' };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  return {
    url: endpointUrl(target.baseUrl, '/chat'),
    method: 'POST',
    headers: target.headers ? { ...headers, ...target.headers } : headers,
    body: JSON.stringify(body),
  };
}
