/**
 * A provider of your own: an adapter that translates between OpenAI shapes and another
 * HTTP API. Adapters are pure functions of data; the router sends the requests, retries,
 * cools down and falls back as it does for the built-in ones.
 *
 * This example starts a tiny server of a made-up "plain completion" API on loopback,
 * so it runs anywhere:  npx tsx examples/custom-provider.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorFromStatus, Router, type ChatCompletion, type HttpChatAdapter, type ProviderAdapter } from 'switchyard';

/** The made-up API: POST /complete { prompt, max_words } → { text, words_in, words_out } */
interface PlainReply {
  text: string;
  words_in: number;
  words_out: number;
}

const plainChat: HttpChatAdapter = {
  kind: 'http',
  buildRequest(request, target) {
    const prompt = request.messages.map((m) => `${m.role}: ${typeof m.content === 'string' ? m.content : ''}`).join('\n');
    return {
      url: `${target.baseUrl}/complete`,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(target.apiKey ? { authorization: `Token ${target.apiKey}` } : {}) },
      body: JSON.stringify({ prompt, max_words: request.max_tokens ?? 100 }),
    };
  },
  parseResponse(body, target): ChatCompletion {
    const reply = body as PlainReply;
    return {
      id: `plain-${Date.now()}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: target.providerModel,
      choices: [{ index: 0, message: { role: 'assistant', content: reply.text, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: reply.words_in, completion_tokens: reply.words_out, total_tokens: reply.words_in + reply.words_out },
    };
  },
  createStreamDecoder() {
    // This API does not stream; a provider that does turns each server-sent event into chunks here.
    return { decode: () => ({ chunks: [], done: true }) };
  },
  parseError(status, bodyText, _headers, target) {
    // Every failure becomes a typed error, so retries and cooldowns treat it like any provider's.
    return errorFromStatus(status, `plain (${target.deploymentId}): ${bodyText.slice(0, 200)}`, {
      provider: target.provider,
      deploymentId: target.deploymentId,
    });
  },
};

const plainProvider: Omit<ProviderAdapter, 'name'> = {
  defaultBaseUrl: undefined,
  apiKeyEnv: 'PLAIN_API_KEY',
  apiKeyRequired: false,
  chat: plainChat,
};

// The made-up API itself.
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk));
  req.on('end', () => {
    const { prompt } = JSON.parse(body) as { prompt: string };
    const reply: PlainReply = { text: `You said ${prompt.split(/\s+/).length} words.`, words_in: prompt.split(/\s+/).length, words_out: 4 };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const router = new Router({
  providers: { plain: plainProvider },
  deployments: [{ model: 'plain-model', provider: 'plain', baseUrl: `http://127.0.0.1:${port}`, pricing: { inputPerMTok: 1, outputPerMTok: 2 } }],
});
router.on('success', (e) => console.log(`served by ${e.deploymentId}: ${e.usage?.total_tokens} tokens, $${e.costUsd?.toFixed(8)}`));

const response = await router.completion({ model: 'plain-model', messages: [{ role: 'user', content: 'Count my words, please.' }] });
console.log(response.choices[0]?.message.content);

await router.close();
server.close();
