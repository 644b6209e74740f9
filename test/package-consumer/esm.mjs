import { AuthenticationError, ConfigError, ContextWindowExceededError, RateLimitError, Router, RouterError, TimeoutError } from 'switchyard';

const router = new Router({ deployments: [{ model: 'm', provider: 'mock', params: { content: 'esm ok' } }] });
const response = await router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
const classes = [RouterError, ConfigError, RateLimitError, TimeoutError, AuthenticationError, ContextWindowExceededError];
console.log(JSON.stringify({ content: response.choices[0].message.content, classes: classes.map((c) => typeof c) }));
