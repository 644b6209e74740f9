// `switchyard/server` by its name from ESM: a gateway on the mock provider answers a chat call over HTTP.
import { Router } from 'switchyard';
import { createGateway } from 'switchyard/server';

const router = new Router({ deployments: [{ model: 'm', provider: 'mock', params: { content: 'esm gateway ok' } }] });
const gateway = await createGateway({ router, masterKey: 'sk-consumer-master' });
const { url } = await gateway.listen({ port: 0 });
const answer = await fetch(`${url}/v1/chat/completions`, {
  method: 'POST',
  headers: { authorization: 'Bearer sk-consumer-master', 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
});
const body = await answer.json();
await gateway.close();
await router.close();
console.log(JSON.stringify({ status: answer.status, content: body.choices[0].message.content }));
