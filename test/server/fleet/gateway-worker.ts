/**
 * One gateway process for the multi-process tests: a Router on the shared Redis (or its own
 * memory) in front of the mock provider, with its keys and spend in the given database.
 * Prints `{"url": …}` once listening; SIGTERM drains it as the README shows: close the
 * gateway (in-flight calls finish, spend is flushed), then the router and its state store.
 * The job comes as JSON in GATEWAY_WORKER_JOB.
 */
import { Router } from '../../../src/index.js';
import { RedisStateStore } from '../../../src/redis.js';
import { createGateway } from '../../../src/server.js';
import { GATEWAY_WORKER_JOB_ENV, type GatewayWorkerJob } from './gateway-worker-job.js';

const job = JSON.parse(process.env[GATEWAY_WORKER_JOB_ENV] ?? '') as GatewayWorkerJob;
const state = job.redis
  ? await RedisStateStore.connect({ redis: job.redis.url, prefix: job.redis.prefix, onUnavailable: 'deny', commandTimeoutMs: 5_000 })
  : undefined;
const router = new Router({
  deployments: [
    { model: 'chat', provider: 'openai', id: 'mock', baseUrl: job.mockUrl, apiKey: 'sk-provider-secret', pricing: { inputPerMTok: 1, outputPerMTok: 2 } },
  ],
  ...(state && { state }),
});
const gateway = await createGateway({
  router,
  masterKey: job.masterKey,
  database: job.database,
  tablePrefix: job.tablePrefix,
  ...(job.keyRefreshMs !== undefined && { keyRefreshMs: job.keyRefreshMs }),
});
const { url } = await gateway.listen({ port: 0, host: '127.0.0.1' });
process.once('SIGTERM', () => {
  void (async () => {
    await gateway.close();
    await router.close();
    await state?.close();
    process.exit(0);
  })();
});
process.stdout.write(`${JSON.stringify({ url })}\n`);
