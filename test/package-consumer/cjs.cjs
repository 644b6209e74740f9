const { AuthenticationError, ConfigError, ContextWindowExceededError, RateLimitError, Router, RouterError, TimeoutError } = require('switchyard');

const router = new Router({ deployments: [{ model: 'm', provider: 'mock', params: { content: 'cjs ok' } }] });
router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).then((response) => {
  const classes = [RouterError, ConfigError, RateLimitError, TimeoutError, AuthenticationError, ContextWindowExceededError];
  console.log(JSON.stringify({ content: response.choices[0].message.content, classes: classes.map((c) => typeof c) }));
});
