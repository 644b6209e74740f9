/**
 * An OpenAI-compatible gateway on the mock provider: no provider keys, no network.
 *
 *   npm run gateway                       # serves http://127.0.0.1:8000 until Ctrl-C
 *   GATEWAY_PORT=0 npm run gateway        # any free port (the URL is printed)
 *   GATEWAY_SELF_TEST=1 npm run gateway   # makes a key, calls itself with it, prints, stops
 *
 * Then, with the master key `sk-demo-master`:
 *   curl -s localhost:8000/key/generate -H 'authorization: Bearer sk-demo-master' \
 *        -H 'content-type: application/json' -d '{"models":["chat"],"max_budget":1,"rpm_limit":10}'
 *   curl -s localhost:8000/v1/chat/completions -H 'authorization: Bearer <the key>' \
 *        -H 'content-type: application/json' -d '{"model":"chat","messages":[{"role":"user","content":"hi"}]}'
 */
import { Router } from 'switchyard';
import { createGateway } from 'switchyard/server';

const MASTER_KEY = process.env.SWITCHYARD_MASTER_KEY ?? 'sk-demo-master';

const router = new Router({
  deployments: [
    { model: 'chat', provider: 'mock', id: 'mock-a', params: { content: 'Hello through the gateway.' }, pricing: { inputPerMTok: 0.15, outputPerMTok: 0.6 } },
    { model: 'chat', provider: 'mock', id: 'mock-b', params: { content: 'Hello through the gateway.' }, pricing: { inputPerMTok: 0.15, outputPerMTok: 0.6 } },
    { model: 'embed', provider: 'mock', id: 'mock-embed' },
  ],
});
// Keys, users, teams and spend in memory; `database: 'sqlite:./switchyard.db'` keeps them.
const gateway = await createGateway({ router, masterKey: MASTER_KEY });
const { url } = await gateway.listen({ port: Number(process.env.GATEWAY_PORT ?? 8000), host: '127.0.0.1' });
console.log(`switchyard gateway on ${url} (master key ${MASTER_KEY}); models: chat, embed`);

const stop = async () => {
  await gateway.close(); // in-flight calls finish, spend logs are written
  await router.close();
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

if (process.env.GATEWAY_SELF_TEST === '1') {
  const asMaster = { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' };
  const generated = (await (
    await fetch(`${url}/key/generate`, { method: 'POST', headers: asMaster, body: JSON.stringify({ models: ['chat'], rpm_limit: 10 }) })
  ).json()) as {
    key: string;
  };
  const answer = (await (
    await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${generated.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
    })
  ).json()) as { choices: Array<{ message: { content: string } }> };
  console.log(`answer: ${answer.choices[0]?.message.content}`);
  const spend = (await (await fetch(`${url}/global/spend`, { headers: asMaster })).json()) as { spend: number };
  console.log(`spend so far: $${spend.spend.toFixed(6)}`);
  await stop();
}
