// `switchyard/redis` by its name from CJS: connects to the Redis at argv[2] under the key prefix argv[3]
// and routes one mock call with that state (its deployment rpm counted in Redis).
const { Router } = require('switchyard');
const { RedisStateStore } = require('switchyard/redis');

const [url, prefix] = process.argv.slice(2);
RedisStateStore.connect({ redis: url, prefix }).then(async (state) => {
  const router = new Router({ deployments: [{ id: 'cjs-consumer', model: 'm', provider: 'mock', rpm: 100, params: { content: 'cjs redis ok' } }], state });
  const response = await router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  const available = state.available;
  await router.close();
  await state.close();
  console.log(JSON.stringify({ connect: typeof RedisStateStore.connect, content: response.choices[0].message.content, available }));
});
