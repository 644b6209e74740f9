// Run with forbid-ioredis.cjs preloaded: `switchyard` requires and answers a call without ioredis.
const { Router } = require('switchyard');

const router = new Router({ deployments: [{ model: 'm', provider: 'mock', params: { content: 'cjs without ioredis' } }] });
router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).then(async (response) => {
  await router.close();
  // The control: the redis subpath does require ioredis, and is refused.
  let redis = 'loaded';
  try {
    require('switchyard/redis');
  } catch (error) {
    redis = error.message;
  }
  console.log(JSON.stringify({ content: response.choices[0].message.content, redis }));
});
