// Run with forbid-ioredis.cjs preloaded: `switchyard` imports and answers a call without ioredis.
import { Router } from 'switchyard';

const router = new Router({ deployments: [{ model: 'm', provider: 'mock', params: { content: 'esm without ioredis' } }] });
const response = await router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
await router.close();
// The control: the redis subpath does import ioredis, and is refused.
const redis = await import('switchyard/redis').then(
  () => 'loaded',
  (error) => error.message,
);
console.log(JSON.stringify({ content: response.choices[0].message.content, redis }));
