import { describe, expect, it } from 'vitest';
import { BadRequestError, type ChatCompletionRequest, type CustomTool } from 'switchyard';
import { hi, weatherTool } from '../../support/chat-fixtures.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import { anthropicMessage, json } from '../../support/mock-replies.js';
import { routerOnMockServer } from '../../support/routers.js';

const claude = (server: MockProviderServer) => ({ model: 'claude', provider: 'anthropic', apiKey: 'sk-ant-test-0000', baseUrl: server.origin });
const timeTool = { type: 'function' as const, function: { name: 'get_time', parameters: { type: 'object', properties: {} } } };
const sqlTool: CustomTool = { type: 'custom', custom: { name: 'sql' } };

describe('tools for a provider with function tools only', () => {
  it('send allowed_tools as its mode over the tools it names', async () => {
    const { server, router } = await routerOnMockServer(json(anthropicMessage([{ type: 'text', text: 'ok' }])), claude);
    await router.completion({
      model: 'claude',
      messages: hi,
      tools: [weatherTool, timeTool],
      tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'get_time' } }] } },
    });
    const sent = server.calls[0]?.body as { tools: Array<{ name: string }>; tool_choice: unknown };
    expect(sent.tools.map((tool) => tool.name)).toEqual(['get_time']);
    expect(sent.tool_choice).toEqual({ type: 'any' });
  });

  it('answer a custom tool with a BadRequestError naming the field, sending nothing', async () => {
    const { server, router } = await routerOnMockServer(json(anthropicMessage([{ type: 'text', text: 'ok' }])), claude, { retries: 0 });
    const requests: Array<[ChatCompletionRequest, string]> = [
      [{ model: 'claude', messages: hi, tools: [weatherTool, sqlTool] }, 'tools[1]'],
      [{ model: 'claude', messages: hi, tools: [weatherTool], tool_choice: { type: 'custom', custom: { name: 'sql' } } }, 'tool_choice'],
      [
        {
          model: 'claude',
          messages: [...hi, { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'custom', custom: { name: 'sql', input: 'select 1' } }] }],
        },
        'messages',
      ],
    ];
    for (const [request, param] of requests) {
      const error = await router.completion(request).catch((e: unknown) => e);
      expect(error, param).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({ param, status: 400, provider: 'anthropic' });
      expect((error as Error).message).toMatch(/custom tool.*only OpenAI has; provider 'anthropic'/);
    }
    expect(server.calls).toHaveLength(0);
  });

  it("answer OpenAI's deprecated function calling with a BadRequestError naming the field, sending nothing", async () => {
    const { server, router } = await routerOnMockServer(json(anthropicMessage([{ type: 'text', text: 'ok' }])), claude, { retries: 0 });
    const requests: Array<[ChatCompletionRequest, string]> = [
      [{ model: 'claude', messages: hi, functions: [{ name: 'get_time' }] }, 'functions'],
      [{ model: 'claude', messages: hi, function_call: 'auto' }, 'function_call'],
      [
        { model: 'claude', messages: [...hi, { role: 'assistant', content: null, function_call: { name: 'get_time', arguments: '{}' } }] },
        'messages[1].function_call',
      ],
      [{ model: 'claude', messages: [...hi, { role: 'function', name: 'get_time', content: '12:00' }] }, 'messages[1]'],
    ];
    for (const [request, param] of requests) {
      const error = await router.completion(request).catch((e: unknown) => e);
      expect(error, param).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({ param, status: 400, provider: 'anthropic' });
      expect((error as Error).message).toMatch(/deprecated function calling .* use tools, tool_calls and role 'tool'/);
    }
    expect(server.calls).toHaveLength(0);
  });
});
