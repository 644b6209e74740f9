const { AuthenticationError, ConfigError, ContextWindowExceededError, RateLimitError, Router, RouterError, TimeoutError } = require('switchyard');

// An in-process provider priced as OpenAI's: the price table must load from this build.
const answer = {
  id: 'c',
  object: 'chat.completion',
  created: 0,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'cjs ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1000, completion_tokens: 1000, total_tokens: 2000 },
};
const priced = { apiKeyRequired: false, priceTableProvider: 'openai', chat: { kind: 'local', complete: async () => answer, stream: async () => [] } };
const router = new Router({ providers: { priced }, deployments: [{ model: 'gpt-4o-mini', provider: 'priced' }] });
router.completion({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }).then((response) => {
  const classes = [RouterError, ConfigError, RateLimitError, TimeoutError, AuthenticationError, ContextWindowExceededError];
  // vitest cannot be require()d, so the testing subpath is for test files, which vitest loads as ESM; its types serve CJS projects too.
  const testing = require('node:path').basename(require.resolve('switchyard/testing'));
  console.log(JSON.stringify({ content: response.choices[0].message.content, costUsd: response.costUsd, classes: classes.map((c) => typeof c), testing }));
});
