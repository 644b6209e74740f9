import OpenAI, { type APIError, type RateLimitError } from 'openai';
import { describe, expect, it } from 'vitest';
import { weatherTool } from '../../support/chat-fixtures.js';
import { record } from '../../support/events.js';
import { CHAT_MODEL, EMBEDDING_MODEL, gatewayOnMock, openAIScript, PROVIDER_KEY, sdkClient, STREAM_PIECES } from '../../support/gateway/gateway-on-mock.js';
import { json, openAICompletion } from '../../support/mock-replies.js';

const hi = [{ role: 'user' as const, content: 'hi' }];

function toolCallAnswer() {
  const answer = openAICompletion('');
  const [choice] = answer.choices;
  Object.assign(choice!, {
    finish_reason: 'tool_calls',
    message: {
      role: 'assistant',
      content: null,
      refusal: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
    },
  });
  return answer;
}

describe('the gateway called with the official openai SDK', () => {
  it('answers a chat completion, its x-request-id the router request id', async () => {
    const { openai, router } = await gatewayOnMock();
    const { success } = record(router, 'success');

    const { data, request_id } = await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi }).withResponse();

    expect(data.choices[0]?.message.content).toBe('Hello from the mock');
    expect(data.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 12 });
    expect(request_id).toBe(success[0]?.requestId);
  });

  it('streams chunk by chunk, with the usage chunk when include_usage is asked for', async () => {
    const { openai, router } = await gatewayOnMock();
    const { success } = record(router, 'success');

    const { data: stream, request_id } = await openai.chat.completions
      .create({ model: CHAT_MODEL, messages: hi, stream: true, stream_options: { include_usage: true } })
      .withResponse();
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(STREAM_PIECES.join(''));
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 });
    expect(request_id).toBe(success[0]?.requestId);
    expect(success[0]).toMatchObject({ stream: true, completed: true });
  });

  it('passes tools upstream and tool calls back', async () => {
    const { openai, mock } = await gatewayOnMock({ script: json(toolCallAnswer()) });

    const answer = await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi, tools: [weatherTool], tool_choice: 'auto' });

    expect(answer.choices[0]?.finish_reason).toBe('tool_calls');
    expect(answer.choices[0]?.message.tool_calls?.[0]).toMatchObject({ id: 'call_1', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });
    expect(mock.calls[0]?.body).toMatchObject({ tools: [weatherTool], tool_choice: 'auto' });
  });

  it('makes embeddings', async () => {
    const { openai } = await gatewayOnMock();

    // The SDK asks for base64 and decodes it; float arrays when asked for them.
    const decoded = await openai.embeddings.create({ model: EMBEDDING_MODEL, input: ['one', 'two'] });
    const floats = await openai.embeddings.create({ model: EMBEDDING_MODEL, input: ['one', 'two'], encoding_format: 'float' });

    expect(decoded.data).toHaveLength(2);
    decoded.data[1]?.embedding.forEach((value, i) => expect(value).toBeCloseTo([0.2, 0.2, 0.3][i] as number, 6));
    expect(floats.data[1]?.embedding).toEqual([0.2, 0.2, 0.3]);
    expect(floats.usage.prompt_tokens).toBe(6);
  });

  it('lists the model groups with models.list()', async () => {
    const { openai } = await gatewayOnMock();

    const ids: string[] = [];
    for await (const model of openai.models.list()) ids.push(model.id);

    expect(ids.sort()).toEqual([CHAT_MODEL, EMBEDDING_MODEL].sort());
  });

  it('throws AuthenticationError for a wrong key, without calling the provider', async () => {
    const { url, mock } = await gatewayOnMock();

    const error = await sdkClient(`${url}/v1`, 'sk-wrong')
      .chat.completions.create({ model: CHAT_MODEL, messages: hi })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ status: 401, type: 'authentication_error', code: 'invalid_api_key' });
    expect(mock.calls).toHaveLength(0);
  });

  it("throws RateLimitError with the retry time once a router limit's rpm is used up", async () => {
    const { openai } = await gatewayOnMock({ router: { limits: [{ scope: 'global', rpm: 1 }] } });
    await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi });

    const error = await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const { headers } = error as RateLimitError;
    const retryAfterMs = Number(headers?.get('retry-after-ms'));
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(Number(headers?.get('retry-after'))).toBe(Math.ceil(retryAfterMs / 1_000));
    expect(error).toMatchObject({ code: 'rate_limit_exceeded' });
  });

  it('throws BadRequestError of type budget_exceeded once a router budget is spent', async () => {
    const { openai, mock } = await gatewayOnMock({
      chat: { pricing: { inputPerMTok: 1_000, outputPerMTok: 1_000 } },
      // A call is admitted on its estimate (a short prompt, max_tokens 1: about $0.01) and spends 21 tokens' $0.021.
      router: { budgets: [{ scope: 'global', maxUsd: 0.025 }] },
    });
    await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi, max_tokens: 1 });

    const error = await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi, max_tokens: 1 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, type: 'budget_exceeded', code: 'budget_exceeded' });
    expect(mock.calls).toHaveLength(1);
  });

  it('throws BadRequestError naming the field for an invalid request, with the failed call its request id', async () => {
    const { openai, mock, router } = await gatewayOnMock();
    const { failure } = record(router, 'failure');

    const error = await openai.chat.completions.create({ model: CHAT_MODEL, messages: 'hi' as never }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error', param: 'messages', requestID: failure[0]?.requestId });
    expect(mock.calls).toHaveLength(0);
  });

  it("passes a provider's error on with its status, never the provider key", async () => {
    const { openai } = await gatewayOnMock({
      router: { retries: 0 },
      script: (call) => (call.path.endsWith('/embeddings') ? openAIScript(call) : json({ error: { message: 'model overloaded', type: 'server_error' } }, 503)),
    });

    const error = await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as APIError).status).toBe(503);
    expect(JSON.stringify((error as APIError).error)).not.toContain(PROVIDER_KEY);
  });
});
