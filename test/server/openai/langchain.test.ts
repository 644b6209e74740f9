import { ChatOpenAI } from '@langchain/openai';
import { describe, expect, it } from 'vitest';
import { CHAT_MODEL, gatewayOnMock, MASTER_KEY, STREAM_PIECES } from '../../support/gateway/gateway-on-mock.js';

async function chatModelOnGateway() {
  const { url, mock } = await gatewayOnMock();
  const model = new ChatOpenAI({ model: CHAT_MODEL, apiKey: MASTER_KEY, maxRetries: 0, configuration: { baseURL: `${url}/v1` } });
  return { model, mock };
}

describe("the gateway called with LangChain's ChatOpenAI", () => {
  it('invokes', async () => {
    const { model, mock } = await chatModelOnGateway();

    const message = await model.invoke('hi');

    expect(message.content).toBe('Hello from the mock');
    expect(message.usage_metadata).toMatchObject({ input_tokens: 9, output_tokens: 12, total_tokens: 21 });
    expect(mock.calls[0]?.body).toMatchObject({ model: CHAT_MODEL, messages: [{ role: 'user', content: 'hi' }] });
  });

  it('streams', async () => {
    const { model } = await chatModelOnGateway();

    const pieces: string[] = [];
    for await (const chunk of await model.stream('hi')) pieces.push(String(chunk.content));

    expect(pieces.join('')).toBe(STREAM_PIECES.join(''));
    expect(pieces.filter((piece) => piece !== '').length).toBe(STREAM_PIECES.length);
  });
});
