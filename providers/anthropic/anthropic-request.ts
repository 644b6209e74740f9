import type { HttpRequestSpec, ProviderTarget } from '../../src/provider-adapter.js';
import type { ChatCompletionRequest, ChatMessage, UserContentPart } from '../../src/types/chat.js';
import { functionCalls, functionTools, rejectLegacyFunctions, type FunctionToolChoice } from '../shared/function-tools.js';
import { appendTurn, dataUrl, messageText, parseToolArguments } from '../shared/chat-content.js';
import type { AnthropicContentBlock, AnthropicMessage } from './anthropic-api-types.js';
import { endpointUrl } from '../shared/endpoint-url.js';

export const ANTHROPIC_VERSION = '2023-06-01';

/** Output limits by model family; `max_tokens` is required by the API. Deployment `maxOutputTokens` wins. */
const OUTPUT_LIMITS: ReadonlyArray<[RegExp, number]> = [
  [/claude-(sonnet|opus)-4|claude-4/, 32_000],
  [/claude-3-7/, 64_000],
  [/claude-3-5/, 8_192],
];
const DEFAULT_MAX_TOKENS = 4_096;

function defaultMaxTokens(providerModel: string): number {
  return OUTPUT_LIMITS.find(([pattern]) => pattern.test(providerModel))?.[1] ?? DEFAULT_MAX_TOKENS;
}

function imageBlock(url: string): AnthropicContentBlock {
  const inline = dataUrl(url);
  if (inline) return { type: 'image', source: { type: 'base64', media_type: inline.mediaType, data: inline.data } };
  return { type: 'image', source: { type: 'url', url } };
}

function userBlocks(content: string | UserContentPart[]): AnthropicContentBlock[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const blocks: AnthropicContentBlock[] = [];
  for (const part of content) {
    if (part.type === 'text') blocks.push({ type: 'text', text: part.text });
    else if (part.type === 'image_url') blocks.push(imageBlock(part.image_url.url));
  }
  return blocks;
}

/** OpenAI messages as Anthropic's: system lifted out, tool calls as tool_use, tool results as tool_result blocks. */
export function toAnthropicMessages(messages: readonly ChatMessage[], target: ProviderTarget): { system: string | undefined; turns: AnthropicMessage[] } {
  const system: string[] = [];
  const turns: AnthropicMessage[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(messageText(message.content));
        break;
      case 'user':
        appendTurn(turns, 'user', userBlocks(message.content));
        break;
      case 'assistant': {
        const blocks: AnthropicContentBlock[] = [];
        const text = messageText(message.content ?? '');
        if (text) blocks.push({ type: 'text', text });
        for (const call of functionCalls(message, target)) {
          blocks.push({ type: 'tool_use', id: call.id, name: call.function.name, input: parseToolArguments(call.function.arguments) });
        }
        appendTurn(turns, 'assistant', blocks.length > 0 ? blocks : [{ type: 'text', text: '' }]);
        break;
      }
      case 'tool':
        appendTurn(turns, 'user', [{ type: 'tool_result', tool_use_id: message.tool_call_id, content: messageText(message.content) }]);
        break;
    }
  }
  return { system: system.length > 0 ? system.join('\n\n') : undefined, turns };
}

function toolChoice(choice: FunctionToolChoice | undefined, parallel: boolean | undefined): Record<string, unknown> | undefined {
  const disableParallel = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined) return parallel === false ? { type: 'auto', ...disableParallel } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...disableParallel };
  if (choice === 'required') return { type: 'any', ...disableParallel };
  return { type: 'tool', name: choice.function.name, ...disableParallel };
}

export function buildAnthropicRequest(request: ChatCompletionRequest, target: ProviderTarget): HttpRequestSpec {
  rejectLegacyFunctions(request, target);
  const { system, turns } = toAnthropicMessages(request.messages, target);
  const stop = request.stop === undefined || request.stop === null ? undefined : Array.isArray(request.stop) ? request.stop : [request.stop];
  const body: Record<string, unknown> = {
    ...target.params,
    model: target.providerModel,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? target.maxOutputTokens ?? defaultMaxTokens(target.providerModel),
    messages: turns,
  };
  if (system !== undefined) body.system = system;
  if (request.temperature !== undefined && request.temperature !== null) body.temperature = request.temperature;
  if (request.top_p !== undefined && request.top_p !== null) body.top_p = request.top_p;
  if (stop) body.stop_sequences = stop;
  if (request.user) body.metadata = { user_id: request.user };
  if (request.stream) body.stream = true;
  if (request.tools?.length) {
    const { tools, choice } = functionTools(request, target);
    const anthropicChoice = toolChoice(choice, request.parallel_tool_calls);
    if (choice !== 'none') {
      body.tools = tools.map((tool) => ({
        name: tool.function.name,
        description: tool.function.description,
        input_schema: tool.function.parameters ?? { type: 'object', properties: {} },
      }));
    }
    if (anthropicChoice && anthropicChoice.type !== 'none') body.tool_choice = anthropicChoice;
  }

  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'anthropic-version': ANTHROPIC_VERSION };
  if (target.apiKey) headers['x-api-key'] = target.apiKey;
  return {
    url: endpointUrl(target.baseUrl, '/v1/messages'),
    method: 'POST',
    headers: target.headers ? { ...headers, ...target.headers } : headers,
    body: JSON.stringify(body),
  };
}
