import { Agent } from 'undici';
import { Router } from 'switchyard';
import { forkServers } from '../bench-process.js';

const { child, message } = await forkServers<{ url: string }>('./serve-mock.ts');
const url = message.url;
const origin = new URL(url).origin;
const router = new Router({ deployments: [{ model: 'bench', provider: 'openai-compatible', baseUrl: url }] });
const agent = new Agent({ keepAliveTimeout: 30_000, connections: null });
const request = { model: 'bench', messages: [{ role: 'user' as const, content: 'Say hello.' }] };
const headers = { 'content-type': 'application/json', accept: 'application/json' };
const raw = async () => { const { body } = await agent.request({ origin, path: '/v1/chat/completions', method: 'POST', headers, body: JSON.stringify(request) }); return body.json(); };
const routed = () => router.completion(request);
async function run(call: () => Promise<unknown>, n: number, c: number) {
  let started = 0;
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: c }, async () => { while (started < n) { started++; await call(); } }));
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / n;
}
const mode = process.argv[2] ?? 'both';
for (let round = 0; round < 4; round++) {
  if (mode !== 'router') console.log('raw   ', (await run(raw, 20000, 64)).toFixed(1));
  if (mode !== 'raw') console.log('router', (await run(routed, 20000, 64)).toFixed(1));
}
await router.close(); await agent.close(); child.kill();
