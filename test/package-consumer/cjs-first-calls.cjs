// The CommonJS build on whichever Node runs this: a call on the mock provider, one over HTTP
// (undici) to a loopback server, and warmup with a budget (tiktoken's WASM). Prints what it got.
const { createServer } = require('node:http');
const { Router } = require('switchyard');

const answer = {
  id: 'h',
  object: 'chat.completion',
  created: 0,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'http ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
};
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)));
});

server.listen(0, '127.0.0.1', async () => {
  const baseUrl = `http://127.0.0.1:${server.address().port}/v1`;
  const router = new Router({
    deployments: [
      { model: 'local', provider: 'mock', params: { content: 'mock ok' } },
      { model: 'remote', provider: 'openai-compatible', baseUrl },
    ],
    budgets: [{ scope: 'global', maxUsd: 10, period: '1d' }],
  });
  const hi = [{ role: 'user', content: 'hi' }];
  const mock = await router.completion({ model: 'local', messages: hi });
  const http = await router.completion({ model: 'remote', messages: hi });
  await router.warmup();
  console.log(JSON.stringify({ node: process.version, mock: mock.choices[0].message.content, http: http.choices[0].message.content, warmedUp: true }));
  await router.close();
  server.close();
});
