/**
 * The OpenAI SDK's types and switchyard's, both ways: whatever the SDK accepts as a request is accepted here,
 * and what switchyard answers can be held as the SDK's types. tsc checks this file against the built package.
 */
import type OpenAI from 'openai';
import { Router, type ChatCompletion, type ChatCompletionRequest, type ChatCompletionStream } from 'switchyard';

type SDKParams = OpenAI.Chat.Completions.ChatCompletionCreateParams;
type SDKMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;

/** Every field of the SDK's params is one of ours, so an object literal with any of them is accepted; a missing one is named here. */
type FieldsWeLack = Exclude<keyof SDKParams, keyof ChatCompletionRequest>;
export const noFieldLacking: [FieldsWeLack] extends [never] ? true : FieldsWeLack = true;

const router = new Router({ deployments: [{ model: 'm', provider: 'mock' }] });

const messages: SDKMessage[] = [
  { role: 'developer', content: [{ type: 'text', text: 'Be brief.', prompt_cache_breakpoint: { mode: 'explicit' } }] },
  { role: 'system', content: 'You help.', name: 'setup' },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AA==', detail: 'low' } },
      { type: 'input_audio', input_audio: { data: 'AA==', format: 'wav' } },
      { type: 'file', file: { file_id: 'file-1' } },
    ],
  },
  {
    role: 'assistant',
    content: [
      { type: 'text', text: 'No.' },
      { type: 'refusal', refusal: 'I cannot help with that.' },
    ],
    refusal: 'I cannot help with that.',
  },
  {
    role: 'assistant',
    content: null,
    tool_calls: [
      { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } },
      { id: 'call_2', type: 'custom', custom: { name: 'sql', input: 'select 1' } },
    ],
    audio: { id: 'audio_1' },
  },
  { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{}' } },
  { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '42' }] },
  { role: 'function', name: 'lookup', content: '42' },
];

const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'lookup', description: 'Looks up', parameters: { type: 'object' }, strict: true } },
  { type: 'custom', custom: { name: 'sql', format: { type: 'grammar', grammar: { syntax: 'lark', definition: 'start: "select"' } } } },
];

export const nonStreaming: OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming = { model: 'm', messages, tools };
export const streaming: OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming = {
  model: 'm',
  messages,
  stream: true,
  stream_options: { include_usage: true },
};

export async function requestsIn(params: SDKParams): Promise<void> {
  const whole: ChatCompletion = await router.completion(nonStreaming);
  const stream: ChatCompletionStream = await router.completion(streaming);
  const either: ChatCompletion | ChatCompletionStream = await router.completion(params);
  const literal: ChatCompletion = await router.completion({
    model: 'm',
    messages,
    tools,
    tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'lookup' } }] } },
    reasoning_effort: 'none',
    verbosity: 'low',
    prompt_cache_key: 'user-42',
    prompt_cache_retention: '24h',
    safety_identifier: 'user-42-hash',
    service_tier: 'flex',
    modalities: ['text'],
    prediction: { type: 'content', content: 'draft' },
    web_search_options: { search_context_size: 'low' },
    metadata: { team: 'a' },
  });
  const custom: ChatCompletion = await router.completion({ model: 'm', messages, tools, tool_choice: { type: 'custom', custom: { name: 'sql' } } });
  // @ts-expect-error a misspelt field is still caught in an object literal
  await router.completion({ model: 'm', messages, temprature: 1 });
  void [whole, stream, either, literal, custom];
}

export async function resultsOut(): Promise<OpenAI.Chat.Completions.ChatCompletionMessageParam[]> {
  const answer: OpenAI.Chat.Completions.ChatCompletion = await router.completion({ model: 'm', messages });
  for await (const chunk of await router.completion({ model: 'm', messages, stream: true })) {
    const sdkChunk: OpenAI.Chat.Completions.ChatCompletionChunk = chunk;
    void sdkChunk;
  }
  const embeddingParams: OpenAI.EmbeddingCreateParams = { model: 'e', input: ['a', 'b'], dimensions: 8, encoding_format: 'float' };
  const embeddings: OpenAI.CreateEmbeddingResponse = await router.embedding(embeddingParams);
  void embeddings;
  const message = answer.choices[0]!.message;
  // An answer's message goes back into the SDK's history as it is.
  return [...messages, message];
}
