// `switchyard/redis` by its name from ESM: connects to the Redis at argv[2] under the key prefix argv[3]
// and routes one mock call with that state (its deployment rpm counted in Redis).
import { Router } from 'switchyard';
import { RedisStateStore } from 'switchyard/redis';

const [url, prefix] = process.argv.slice(2);
const state = await RedisStateStore.connect({ redis: url, prefix });
const router = new Router({ deployments: [{ id: 'esm-consumer', model: 'm', provider: 'mock', rpm: 100, params: { content: 'esm redis ok' } }], state });
const response = await router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
const available = state.available;
await router.close();
await state.close();
console.log(JSON.stringify({ connect: typeof RedisStateStore.connect, content: response.choices[0].message.content, available }));
