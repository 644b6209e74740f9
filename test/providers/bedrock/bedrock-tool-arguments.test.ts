import { describe, expect, it } from 'vitest';
import type { DeploymentConfig } from 'switchyard';
import { hi, weatherTool } from '../../support/chat-fixtures.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { json } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';
import { collect, toolCallsOf } from '../../support/streams.js';
import { bedrockEventStream, bedrockFrame } from '../../support/bedrock-frames.js';

const claude = (server: MockProviderServer): DeploymentConfig => ({
  model: 'claude',
  provider: 'bedrock',
  providerModel: 'anthropic.claude-sonnet-4-5-v1:0',
  baseUrl: server.origin,
  apiKey: 'bedrock-api-key-0000',
});

describe('bedrock tool calls without arguments', () => {
  it('streams "{}" for a toolUse block with no input (or only ""), as Converse gives it', async () => {
    const frames = [
      bedrockFrame('messageStart', { role: 'assistant' }),
      bedrockFrame('contentBlockStart', { contentBlockIndex: 0, start: { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather' } } }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 0 }),
      bedrockFrame('contentBlockStart', { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_2', name: 'get_weather' } } }),
      bedrockFrame('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '' } } }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 1 }),
      bedrockFrame('contentBlockStart', { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'tooluse_3', name: 'get_weather' } } }),
      bedrockFrame('contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '{"city":"Oslo"}' } } }),
      bedrockFrame('contentBlockStop', { contentBlockIndex: 2 }),
      bedrockFrame('contentBlockStart', { contentBlockIndex: 3, start: { toolUse: { toolUseId: 'tooluse_4', name: 'get_weather' } } }),
      bedrockFrame('messageStop', { stopReason: 'tool_use' }),
      bedrockFrame('metadata', { usage: { inputTokens: 20, outputTokens: 9 } }),
    ];
    const { router } = await routerOnMockServer(bedrockEventStream(frames), claude, { retries: 0 });
    const chunks = await collect(await router.completion({ model: 'claude', messages: hi, tools: [weatherTool], stream: true }));
    expect(toolCallsOf(chunks)).toEqual([
      { id: 'tooluse_1', name: 'get_weather', arguments: '{}' },
      { id: 'tooluse_2', name: 'get_weather', arguments: '{}' },
      { id: 'tooluse_3', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { id: 'tooluse_4', name: 'get_weather', arguments: '{}' },
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('gives "{}" for a toolUse with an empty input in a whole answer', async () => {
    const answer = {
      output: { message: { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: {} } }] } },
      stopReason: 'tool_use',
      usage: { inputTokens: 20, outputTokens: 9 },
    };
    const { router } = await routerOnMockServer(json(answer), claude, { retries: 0 });
    const response = await router.completion({ model: 'claude', messages: hi, tools: [weatherTool] });
    expect(response.choices[0]?.message.tool_calls?.[0]?.function.arguments).toBe('{}');
  });
});
