import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { ChatCompletionRequest } from 'switchyard';
import { instrumentOpenTelemetry } from 'switchyard/otel';
import { describe, expect, it } from 'vitest';
import { afterThisTest } from '../../support/after-this-test.js';
import { json, ok, openAICompletion, openAIEmbeddings, openAIStreamEvents, sse } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { testRouter } from '../../support/routers.js';

const request: ChatCompletionRequest = {
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'Answer in one word.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Weather in Paris?' },
        { type: 'image_url', image_url: { url: 'https://example.com/sky.png' } },
      ],
    },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
    { role: 'tool', tool_call_id: 'call_1', content: 'sunny, 21°C' },
  ],
  temperature: 0.2,
  top_p: 0.9,
  max_completion_tokens: 50,
  frequency_penalty: 0.1,
  presence_penalty: 0.3,
  seed: 7,
  n: 2,
  stop: ['\n'],
  response_format: { type: 'json_object' },
  tools: [{ type: 'function', function: { name: 'weather', description: 'The weather in a city', parameters: { type: 'object' } } }],
};

const twoChoices = () => {
  const answer = openAICompletion('Sunny');
  return { ...answer, id: 'chatcmpl-two', choices: [answer.choices[0], { ...answer.choices[0], index: 1, finish_reason: 'length' }] };
};

async function tracedRouter(reply: Parameters<typeof mockServer>[0], captureContent?: boolean) {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const server = await mockServer(reply);
  const router = testRouter({ retries: 0, deployments: [{ id: 'gpt', model: 'gpt-4o', provider: 'openai', baseUrl: server.url, apiKey: 'sk-content-test' }] });
  const stop = instrumentOpenTelemetry(router, { tracerProvider, captureContent });
  afterThisTest(async () => {
    stop();
    await tracerProvider.shutdown();
  });
  const callSpan = (name = 'chat gpt-4o'): ReadableSpan => {
    const span = exporter.getFinishedSpans().find((s) => s.name === name);
    if (span === undefined) throw new Error(`no span named ${name}`);
    return span;
  };
  return { router, callSpan };
}

const contentKeys = ['gen_ai.input.messages', 'gen_ai.output.messages', 'gen_ai.system_instructions', 'gen_ai.tool.definitions'];

describe('instrumentOpenTelemetry: request and response attributes, content', () => {
  it('records the sampling settings at the start and the answer id and finish reasons at the end', async () => {
    const { router, callSpan } = await tracedRouter(json(twoChoices()));
    await router.completion(request);

    expect(callSpan().attributes).toMatchObject({
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.max_tokens': 50,
      'gen_ai.request.frequency_penalty': 0.1,
      'gen_ai.request.presence_penalty': 0.3,
      'gen_ai.request.seed': 7,
      'gen_ai.request.choice.count': 2,
      'gen_ai.request.stop_sequences': ['\n'],
      'gen_ai.output.type': 'json',
      'gen_ai.response.id': 'chatcmpl-two',
      'gen_ai.response.finish_reasons': ['stop', 'length'],
    });
  });

  it('leaves settings the request does not set out, and a choice count of 1', async () => {
    const { router, callSpan } = await tracedRouter(ok());
    await router.completion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], n: 1 });

    const keys = Object.keys(callSpan().attributes);
    expect(keys.filter((key) => key.startsWith('gen_ai.request.') && key !== 'gen_ai.request.model')).toEqual([]);
    expect(keys).not.toContain('gen_ai.output.type');
  });

  it('records no content unless asked', async () => {
    const { router, callSpan } = await tracedRouter(ok('Sunny'));
    await router.completion(request);

    const attributes = callSpan().attributes;
    for (const key of contentKeys) expect(attributes[key]).toBeUndefined();
    expect(JSON.stringify(attributes)).not.toContain('Weather in Paris');
    expect(JSON.stringify(attributes)).not.toContain('Sunny');
  });

  it('with captureContent, records the messages, system instructions, tools and answer in the conventions schema', async () => {
    const { router, callSpan } = await tracedRouter(ok('Sunny'), true);
    await router.completion(request);

    const attributes = callSpan().attributes;
    expect(JSON.parse(attributes['gen_ai.system_instructions'] as string)).toEqual([{ type: 'text', content: 'Answer in one word.' }]);
    expect(JSON.parse(attributes['gen_ai.input.messages'] as string)).toEqual([
      {
        role: 'user',
        parts: [
          { type: 'text', content: 'Weather in Paris?' },
          { type: 'uri', modality: 'image', uri: 'https://example.com/sky.png' },
        ],
      },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1', name: 'weather', arguments: { city: 'Paris' } }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: 'sunny, 21°C' }] },
    ]);
    expect(JSON.parse(attributes['gen_ai.tool.definitions'] as string)).toEqual([
      { type: 'function', name: 'weather', description: 'The weather in a city', parameters: { type: 'object' } },
    ]);
    expect(JSON.parse(attributes['gen_ai.output.messages'] as string)).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Sunny' }], finish_reason: 'stop' },
    ]);
  });

  it('with captureContent, records a stream answer as its chunks made it', async () => {
    const { router, callSpan } = await tracedRouter(sse(openAIStreamEvents(['Sun', 'ny'])), true);
    const stream = await router.completion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Weather?' }], stream: true });
    for await (const _chunk of stream);

    const attributes = callSpan().attributes;
    expect(attributes['gen_ai.response.id']).toBe('chatcmpl-mock123');
    expect(attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
    expect(JSON.parse(attributes['gen_ai.output.messages'] as string)).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Sunny' }], finish_reason: 'stop' },
    ]);
  });

  it('records an embedding call: its encoding format and dimensions, and its input only when asked', async () => {
    const asked = { model: 'embed', input: ['one', 'two'], encoding_format: 'float' as const, dimensions: 256 };
    const server = await mockServer(json(openAIEmbeddings(2)));
    for (const captureContent of [false, true]) {
      const exporter = new InMemorySpanExporter();
      const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
      const router = testRouter({
        retries: 0,
        deployments: [{ model: 'embed', provider: 'openai', providerModel: 'text-embedding-3-small', baseUrl: server.url, apiKey: 'sk-x' }],
      });
      const stop = instrumentOpenTelemetry(router, { tracerProvider, captureContent });
      await router.embedding(asked);
      stop();
      const [span] = exporter.getFinishedSpans().filter((s) => s.name === 'embeddings embed');
      expect(span?.attributes).toMatchObject({ 'gen_ai.request.encoding_formats': ['float'], 'gen_ai.embeddings.dimension.count': 256 });
      const input = span?.attributes['gen_ai.input.messages'];
      if (captureContent)
        expect(JSON.parse(input as string)).toEqual([
          { role: 'user', parts: [{ type: 'text', content: 'one' }] },
          { role: 'user', parts: [{ type: 'text', content: 'two' }] },
        ]);
      else expect(input).toBeUndefined();
      await tracerProvider.shutdown();
    }
  });
});
