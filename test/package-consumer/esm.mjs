import { AuthenticationError, ConfigError, ContextWindowExceededError, RateLimitError, Router, RouterError, TimeoutError } from 'switchyard';

// An in-process provider priced as OpenAI's: the price table must load from this build.
const answer = {
  id: 'c',
  object: 'chat.completion',
  created: 0,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'esm ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1000, completion_tokens: 1000, total_tokens: 2000 },
};
const priced = { apiKeyRequired: false, priceTableProvider: 'openai', chat: { kind: 'local', complete: async () => answer, stream: async () => [] } };
const router = new Router({ providers: { priced }, deployments: [{ model: 'gpt-4o-mini', provider: 'priced' }] });
const response = await router.completion({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
const classes = [RouterError, ConfigError, RateLimitError, TimeoutError, AuthenticationError, ContextWindowExceededError];
// The control for forbid-vitest.mjs: the testing subpath does import vitest, and is refused.
const testing = await import('switchyard/testing').then(
  () => 'loaded',
  (error) => error.message,
);
console.log(JSON.stringify({ content: response.choices[0].message.content, costUsd: response.costUsd, classes: classes.map((c) => typeof c), testing }));
