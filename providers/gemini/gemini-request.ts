import type { HttpRequestSpec, ProviderTarget } from '../../src/provider-adapter.js';
import { dataUrl, messageText, parseToolArguments } from '../shared/chat-content.js';
import type { ChatCompletionRequest, ChatMessage, UserContentPart } from '../../src/types/chat.js';
import { functionCalls, functionTools, rejectLegacyFunctions, type FunctionToolChoice } from '../shared/function-tools.js';
import { endpointUrl } from '../shared/endpoint-url.js';

type GeminiPart =
  | { text: string }
  | { inlineData: { mimeType: string; data: string } }
  | { fileData: { mimeType?: string; fileUri: string } }
  | { functionCall: { name: string; args: unknown } }
  | { functionResponse: { name: string; response: Record<string, unknown> } };

interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

function userParts(content: string | UserContentPart[]): GeminiPart[] {
  if (typeof content === 'string') return [{ text: content }];
  const parts: GeminiPart[] = [];
  for (const part of content) {
    if (part.type === 'text') parts.push({ text: part.text });
    else if (part.type === 'image_url') {
      const inline = dataUrl(part.image_url.url);
      parts.push(inline ? { inlineData: { mimeType: inline.mediaType, data: inline.data } } : { fileData: { fileUri: part.image_url.url } });
    }
  }
  return parts;
}

function push(contents: GeminiContent[], role: 'user' | 'model', parts: GeminiPart[]): void {
  const last = contents.at(-1);
  if (last?.role === role) last.parts.push(...parts);
  else contents.push({ role, parts });
}

/** OpenAI messages as Gemini contents: system to `systemInstruction`, tool calls and results as function parts. */
export function toGeminiContents(
  messages: readonly ChatMessage[],
  target: ProviderTarget,
): {
  systemInstruction: { parts: Array<{ text: string }> } | undefined;
  contents: GeminiContent[];
} {
  const system: string[] = [];
  const contents: GeminiContent[] = [];
  // Gemini answers a function by name; OpenAI's tool messages only carry the call id.
  const nameOfCall = new Map<string, string>();
  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(messageText(message.content));
        break;
      case 'user':
        push(contents, 'user', userParts(message.content));
        break;
      case 'assistant': {
        const parts: GeminiPart[] = [];
        const text = messageText(message.content ?? '');
        if (text) parts.push({ text });
        for (const call of functionCalls(message, target)) {
          nameOfCall.set(call.id, call.function.name);
          parts.push({ functionCall: { name: call.function.name, args: parseToolArguments(call.function.arguments) } });
        }
        push(contents, 'model', parts.length > 0 ? parts : [{ text: '' }]);
        break;
      }
      case 'tool': {
        const result = parseToolArguments(messageText(message.content));
        const response = result && typeof result === 'object' && !Array.isArray(result) ? (result as Record<string, unknown>) : { result };
        push(contents, 'user', [{ functionResponse: { name: nameOfCall.get(message.tool_call_id) ?? message.tool_call_id, response } }]);
        break;
      }
    }
  }
  return { systemInstruction: system.length > 0 ? { parts: [{ text: system.join('\n\n') }] } : undefined, contents };
}

function functionCallingConfig(choice: FunctionToolChoice | undefined): Record<string, unknown> | undefined {
  if (choice === undefined || choice === 'auto') return undefined;
  if (choice === 'none') return { mode: 'NONE' };
  if (choice === 'required') return { mode: 'ANY' };
  return { mode: 'ANY', allowedFunctionNames: [choice.function.name] };
}

/** generateContent (or streamGenerateContent with SSE) for the deployment's model; the key in `x-goog-api-key`. */
export function buildGeminiRequest(request: ChatCompletionRequest, target: ProviderTarget): HttpRequestSpec {
  rejectLegacyFunctions(request, target);
  const { systemInstruction, contents } = toGeminiContents(request.messages, target);
  const generationConfig: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) generationConfig[key] = value;
  };
  set('temperature', request.temperature);
  set('topP', request.top_p);
  set('maxOutputTokens', request.max_completion_tokens ?? request.max_tokens ?? target.maxOutputTokens);
  set('stopSequences', typeof request.stop === 'string' ? [request.stop] : request.stop);
  set('candidateCount', request.n);
  set('seed', request.seed);
  set('presencePenalty', request.presence_penalty);
  set('frequencyPenalty', request.frequency_penalty);
  if (request.response_format?.type === 'json_object') generationConfig.responseMimeType = 'application/json';
  if (request.response_format?.type === 'json_schema') {
    generationConfig.responseMimeType = 'application/json';
    set('responseJsonSchema', request.response_format.json_schema.schema);
  }

  const body: Record<string, unknown> = { ...target.params, contents };
  if (systemInstruction) body.systemInstruction = systemInstruction;
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  if (request.tools?.length) {
    const { tools, choice } = functionTools(request, target);
    body.tools = [
      { functionDeclarations: tools.map((t) => ({ name: t.function.name, description: t.function.description, parameters: t.function.parameters })) },
    ];
    const config = functionCallingConfig(choice);
    if (config) body.toolConfig = { functionCallingConfig: config };
  }
  const method = request.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (target.apiKey) headers['x-goog-api-key'] = target.apiKey;
  return {
    url: endpointUrl(target.baseUrl, `/models/${encodeURIComponent(target.providerModel)}:${method}`),
    method: 'POST',
    headers: target.headers ? { ...headers, ...target.headers } : headers,
    body: JSON.stringify(body),
  };
}
