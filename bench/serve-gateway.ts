/**
 * The gateway under benchmark, in its own process (forked by gateway.ts): a router on the mock
 * provider at BENCH_MOCK_URL, and the gateway in front of it on a loopback port. Sends
 * `{ url, keys }` over IPC: each key a client side of the benchmark calls with.
 */
import { Router } from 'switchyard';
import { createGateway } from 'switchyard/server';

const MASTER_KEY = 'sk-bench-master-key';

const mockUrl = process.env.BENCH_MOCK_URL;
if (!mockUrl) throw new Error('serve-gateway.ts needs BENCH_MOCK_URL (the mock provider, forked first)');

// Priced, so a virtual key's budget holds and settles real amounts.
const router = new Router({
  deployments: [{ model: 'bench', provider: 'openai-compatible', baseUrl: mockUrl, pricing: { inputPerMTok: 0.15, outputPerMTok: 0.6 } }],
});
await router.warmup();
const gateway = await createGateway({ router, masterKey: MASTER_KEY });
const { url } = await gateway.listen({ port: 0, host: '127.0.0.1' });

// The parent going away (normally or not) closes the IPC channel: stop with it.
process.on('disconnect', () => {
  void gateway
    .close()
    .then(() => router.close())
    .finally(() => process.exit(0));
});

/** A virtual key with an rpm, a tpm and a daily budget far above what the run uses: their bookkeeping is measured, never a refusal. */
async function virtualKey(): Promise<string> {
  const answer = await fetch(`${url}/key/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ models: ['bench'], rpm_limit: 1_000_000_000, tpm_limit: 1_000_000_000, max_budget: 1_000_000, budget_duration: '1d' }),
  });
  if (!answer.ok) throw new Error(`POST /key/generate answered ${answer.status}: ${await answer.text()}`);
  return ((await answer.json()) as { key: string }).key;
}

/** The keys the benchmark calls the gateway with, by the label its report gives them: each is one side of the report. */
const keys: Record<string, string> = { 'master key': MASTER_KEY, 'virtual key': await virtualKey() };
process.send?.({ url, keys });
