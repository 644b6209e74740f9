import type { HttpRequestSpec, ProviderTarget } from '../../src/provider-adapter.js';
import { appendTurn, messageText, parseToolArguments } from '../shared/chat-content.js';
import type { ChatCompletionRequest, UserContentPart } from '../../src/types/chat.js';
import { functionCalls, functionTools, rejectLegacyFunctions, type FunctionToolChoice } from '../shared/function-tools.js';
import { endpointUrl } from '../shared/endpoint-url.js';

type ConverseBlock =
  | { text: string }
  | { image: { format: string; source: { bytes: string } } }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: Array<{ text: string }> } };

interface ConverseMessage {
  role: 'user' | 'assistant';
  content: ConverseBlock[];
}

function userBlocks(content: string | UserContentPart[]): ConverseBlock[] {
  if (typeof content === 'string') return [{ text: content }];
  const blocks: ConverseBlock[] = [];
  for (const part of content) {
    if (part.type === 'text') blocks.push({ text: part.text });
    else if (part.type === 'image_url') {
      // Converse takes image bytes only: data URLs are passed, remote URLs are not fetched.
      const data = /^data:image\/([a-z]+);base64,(.*)$/s.exec(part.image_url.url);
      if (data) blocks.push({ image: { format: data[1] === 'jpg' ? 'jpeg' : (data[1] as string), source: { bytes: data[2] as string } } });
    }
  }
  return blocks;
}

function toolChoice(choice: FunctionToolChoice | undefined): Record<string, unknown> | undefined {
  if (choice === undefined || choice === 'auto') return { auto: {} };
  if (choice === 'required') return { any: {} };
  if (choice === 'none') return undefined;
  return { tool: { name: choice.function.name } };
}

/** Bedrock's Converse request (ConverseStream for streams) for the deployment's model id. */
export function buildBedrockRequest(request: ChatCompletionRequest, target: ProviderTarget): HttpRequestSpec {
  rejectLegacyFunctions(request, target);
  const system: Array<{ text: string }> = [];
  const turns: ConverseMessage[] = [];
  for (const message of request.messages) {
    if (message.role === 'system' || message.role === 'developer') system.push({ text: messageText(message.content) });
    else if (message.role === 'user') appendTurn(turns, 'user', userBlocks(message.content));
    else if (message.role === 'assistant') {
      const blocks: ConverseBlock[] = [];
      const text = messageText(message.content ?? '');
      if (text) blocks.push({ text });
      for (const call of functionCalls(message, target))
        blocks.push({ toolUse: { toolUseId: call.id, name: call.function.name, input: parseToolArguments(call.function.arguments) } });
      appendTurn(turns, 'assistant', blocks);
    } else if (message.role === 'tool') {
      appendTurn(turns, 'user', [{ toolResult: { toolUseId: message.tool_call_id, content: [{ text: messageText(message.content) }] } }]);
    }
  }

  const inferenceConfig: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) inferenceConfig[key] = value;
  };
  set('maxTokens', request.max_completion_tokens ?? request.max_tokens ?? target.maxOutputTokens);
  set('temperature', request.temperature);
  set('topP', request.top_p);
  set('stopSequences', typeof request.stop === 'string' ? [request.stop] : request.stop);

  const body: Record<string, unknown> = { messages: turns };
  if (system.length > 0) body.system = system;
  if (Object.keys(inferenceConfig).length > 0) body.inferenceConfig = inferenceConfig;
  const { tools, choice: functionChoice } = request.tools?.length ? functionTools(request, target) : { tools: [], choice: undefined };
  const choice = tools.length ? toolChoice(functionChoice) : undefined;
  if (choice) {
    body.toolConfig = {
      tools: tools.map((t) => ({
        toolSpec: { name: t.function.name, description: t.function.description, inputSchema: { json: t.function.parameters ?? { type: 'object' } } },
      })),
      toolChoice: choice,
    };
  }
  if (target.params?.additionalModelRequestFields) body.additionalModelRequestFields = target.params.additionalModelRequestFields;
  const action = request.stream ? 'converse-stream' : 'converse';
  return {
    url: endpointUrl(target.baseUrl, `/model/${encodeURIComponent(target.providerModel)}/${action}`),
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: request.stream ? 'application/vnd.amazon.eventstream' : 'application/json', ...target.headers },
    body: JSON.stringify(body),
  };
}
