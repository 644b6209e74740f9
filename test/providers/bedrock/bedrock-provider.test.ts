import { describe, expect, it } from 'vitest';
import { ContentPolicyViolationError, InternalServerError, RateLimitError, Router, type DeploymentConfig } from 'switchyard';
import { hi, weatherTool } from '../../support/chat-fixtures.js';
import { openAIDeployment } from '../../support/deployments.js';
import { record } from '../../support/events.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { bedrockEventStream, bedrockFrame } from '../../support/bedrock-frames.js';
import { json, ok } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { routerOnMockServer, testRouter } from '../../support/routers.js';
import { collect, textOf } from '../../support/streams.js';
import { functionCall } from '../../support/function-call.js';

const credentials = { region: 'eu-west-1', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

const claude = (server: MockProviderServer): DeploymentConfig => ({
  model: 'claude',
  provider: 'bedrock',
  providerModel: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
  baseUrl: server.origin,
  params: credentials,
});

describe('bedrock provider', () => {
  it('signs a Converse request with SigV4 and maps the answer', async () => {
    const answer = {
      output: { message: { role: 'assistant', content: [{ text: 'Hi.' }, { toolUse: { toolUseId: 'tu_1', name: 'get_weather', input: { city: 'Oslo' } } }] } },
      stopReason: 'tool_use',
      usage: { inputTokens: 20, outputTokens: 9, totalTokens: 29 },
    };
    const { server, router } = await routerOnMockServer(json(answer), claude, { retries: 0 });
    const response = await router.completion({
      model: 'claude',
      messages: [{ role: 'system', content: 'Be brief.' }, ...hi],
      tools: [weatherTool],
      max_tokens: 50,
    });
    const [call] = server.calls;
    expect(call?.path).toBe(`/model/${encodeURIComponent('anthropic.claude-3-5-sonnet-20240620-v1:0')}/converse`);
    expect(call?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/bedrock\/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}$/,
    );
    expect(call?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(call?.body).toEqual({
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 50 },
      toolConfig: {
        tools: [{ toolSpec: { name: 'get_weather', description: 'Weather in a city', inputSchema: { json: weatherTool.function.parameters } } }],
        toolChoice: { auto: {} },
      },
    });
    expect(response.choices[0]).toMatchObject({ finish_reason: 'tool_calls', message: { content: 'Hi.' } });
    expect(JSON.parse(functionCall(response.choices[0]?.message)?.arguments ?? '')).toEqual({ city: 'Oslo' });
    expect(response.usage).toEqual({ prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 });
  });

  it('decodes ConverseStream binary frames, tool calls included', async () => {
    const frames = [
      bedrockFrame('messageStart', { role: 'assistant' }),
      bedrockFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Let me ' } }),
      bedrockFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'check.' } }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 0 }),
      bedrockFrame('contentBlockStart', { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tu_2', name: 'get_weather' } } }),
      bedrockFrame('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{"city":' } } }),
      bedrockFrame('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '"Oslo"}' } } }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 1 }),
      bedrockFrame('messageStop', { stopReason: 'tool_use' }),
      bedrockFrame('metadata', { usage: { inputTokens: 15, outputTokens: 12, totalTokens: 27 }, metrics: { latencyMs: 300 } }),
    ];
    const { server, router } = await routerOnMockServer(bedrockEventStream(frames), claude, { retries: 0 });
    const chunks = await collect(
      await router.completion({ model: 'claude', messages: hi, tools: [weatherTool], stream: true, stream_options: { include_usage: true } }),
    );
    expect(server.calls[0]?.path).toMatch(/\/converse-stream$/);
    expect(textOf(chunks)).toBe('Let me check.');
    const args = chunks
      .flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])
      .map((t) => t.function?.arguments ?? '')
      .join('');
    expect(JSON.parse(args)).toEqual({ city: 'Oslo' });
    expect(chunks.at(-2)).toMatchObject({ choices: [{ finish_reason: 'tool_calls' }] });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 15, completion_tokens: 12 } });
  });

  it('maps throttling to RateLimitError and a stream exception to a typed error', async () => {
    const throttled = await routerOnMockServer(
      {
        kind: 'json',
        body: { message: 'Too many requests, please wait before trying again.' },
        status: 429,
        headers: { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/' },
      },
      claude,
      { retries: 0 },
    );
    await expect(throttled.router.completion({ model: 'claude', messages: hi })).rejects.toBeInstanceOf(RateLimitError);
    const broken = await routerOnMockServer(
      bedrockEventStream([
        bedrockFrame('messageStart', { role: 'assistant' }),
        bedrockFrame('modelStreamErrorException', { message: 'Model failed' }, 'exception'),
      ]),
      claude,
      { retries: 0 },
    );
    await expect(broken.router.completion({ model: 'claude', messages: hi, stream: true })).rejects.toBeInstanceOf(InternalServerError);
  });

  it('reads a guardrail intervention as a content_filter answer, streamed or not', async () => {
    const blocked = {
      output: { message: { role: 'assistant', content: [{ text: 'Sorry, I cannot help with that.' }] } },
      stopReason: 'guardrail_intervened',
      usage: { inputTokens: 9, outputTokens: 8 },
    };
    const { router } = await routerOnMockServer(json(blocked), claude, { retries: 0 });
    expect((await router.completion({ model: 'claude', messages: hi })).choices[0]).toMatchObject({
      finish_reason: 'content_filter',
      message: { content: 'Sorry, I cannot help with that.' },
    });

    const frames = [
      bedrockFrame('messageStart', { role: 'assistant' }),
      bedrockFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Sorry.' } }),
      bedrockFrame('messageStop', { stopReason: 'guardrail_intervened' }),
      bedrockFrame('metadata', { usage: { inputTokens: 9, outputTokens: 2 } }),
    ];
    const streamed = await routerOnMockServer(bedrockEventStream(frames), claude, { retries: 0 });
    const chunks = await collect(await streamed.router.completion({ model: 'claude', messages: hi, stream: true }));
    expect(textOf(chunks)).toBe('Sorry.');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('content_filter');
  });

  it('with a content-policy fallback, a guardrail intervention or a guardrail block falls back as a ContentPolicyViolationError', async () => {
    const intervened = json({
      output: { message: { role: 'assistant', content: [{ text: 'Blocked.' }] } },
      stopReason: 'guardrail_intervened',
      usage: { inputTokens: 9, outputTokens: 1 },
    });
    const blockedRequest = json({ message: 'The request was blocked by guardrail gr-1.' }, 400, {
      'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/',
    });
    for (const reply of [intervened, blockedRequest]) {
      const bedrock = await mockServer(reply);
      const backup = await mockServer(ok('from the backup'));
      const router = testRouter({
        retries: 0,
        contentPolicyFallbacks: { claude: ['backup'] },
        deployments: [claude(bedrock), openAIDeployment(backup, 'backup')],
      });
      const events = record(router, 'fallback');
      expect((await router.completion({ model: 'claude', messages: hi })).choices[0]?.message.content).toBe('from the backup');
      expect(events.fallback).toEqual([expect.objectContaining({ from: 'claude', to: 'backup' })]);
      expect(events.fallback[0]?.error).toBeInstanceOf(ContentPolicyViolationError);
      expect(bedrock.calls).toHaveLength(1);
    }
  });

  it('uses a Bedrock API key as a bearer token instead of signing', async () => {
    const { server, router } = await routerOnMockServer(
      json({ output: { message: { role: 'assistant', content: [{ text: 'ok' }] } }, stopReason: 'end_turn', usage: { inputTokens: 1, outputTokens: 1 } }),
      (server) => ({ model: 'm', provider: 'bedrock', providerModel: 'amazon.nova-lite-v1:0', baseUrl: server.origin, apiKey: 'bedrock-api-key-0000' }),
    );
    await router.completion({ model: 'm', messages: hi });
    expect(server.calls[0]?.headers.authorization).toBe('Bearer bedrock-api-key-0000');
  });

  it('keeps AWS credentials out of deployments()', async () => {
    const { router } = await routerOnMockServer(json({}), claude, { retries: 0 });
    const shown = JSON.stringify(router.deployments());
    expect(shown).not.toContain(credentials.secretAccessKey);
    expect(shown).not.toContain(credentials.accessKeyId);
    expect(router.deployments()[0]?.params).toMatchObject({ region: 'eu-west-1', secretAccessKey: '[redacted]' });
  });

  it('derives the base URL from the region', () => {
    const router = new Router({
      deployments: [{ model: 'm', provider: 'bedrock', providerModel: 'amazon.nova-lite-v1:0', params: { region: 'ap-southeast-2' } }],
    });
    expect(router.deployments()[0]?.baseUrl).toBe('https://bedrock-runtime.ap-southeast-2.amazonaws.com');
  });
});
