import { setTimeout as delay } from 'node:timers/promises';
import { Router, type DeploymentConfig, type RouterOptions } from 'switchyard';
import { RedisStateStore, type RedisStateStoreOptions } from '../../../src/redis.js';
import { afterThisTest } from '../../support/after-this-test.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';

/** 9 prompt and 12 answer tokens (the mock's usage) at $1,000 per million each. */
export const CALL_USD = 0.021;

/** An OpenAI deployment of model 'chat' on a mock server, priced so each call costs CALL_USD. */
export function pricedDeployment(server: MockProviderServer, id: string, extra: Partial<DeploymentConfig> = {}): DeploymentConfig {
  return { id, model: 'chat', provider: 'openai', apiKey: 'sk-test', baseUrl: server.url, pricing: { inputPerMTok: 1000, outputPerMTok: 1000 }, ...extra };
}

/** A store closed after the current test (after the routers on it). */
export async function testStore(options: RedisStateStoreOptions): Promise<RedisStateStore> {
  const state = await RedisStateStore.connect(options);
  afterThisTest(() => state.close());
  return state;
}

/**
 * A router closed after the current test, warmed up: the tokenizer's first load blocks the
 * event loop for longer than a 100 ms commandTimeoutMs, which would mark Redis down.
 */
export async function warmRouter(options: RouterOptions): Promise<Router> {
  const router = new Router(options);
  afterThisTest(() => router.close());
  await router.warmup();
  return router;
}

/** One call to model 'chat' as `user`. */
export function ask(router: Router, user = 'alice') {
  return router.completion({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }, { user });
}

/** Polls `check` every 20 ms until it holds; the bound only turns a hang into a clear failure. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, boundMs = 10_000): Promise<void> {
  const giveUpAt = Date.now() + boundMs;
  while (!(await check())) {
    if (Date.now() > giveUpAt) throw new Error(`${what}: still not so after ${boundMs} ms`);
    await delay(20);
  }
}
