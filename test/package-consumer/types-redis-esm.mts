import { Router, StateStoreUnavailableError } from 'switchyard';
import { RedisStateStore, type RedisStateStoreOptions } from 'switchyard/redis';

export const options: RedisStateStoreOptions = { redis: 'redis://127.0.0.1:6379', prefix: 'app:', onUnavailable: 'deny', commandTimeoutMs: 50 };
// @ts-expect-error onUnavailable is 'allow' or 'deny'
export const misspelt: RedisStateStoreOptions = { redis: 'redis://127.0.0.1:6379', onUnavailable: 'queue' };

export async function answer(): Promise<string | undefined> {
  const state: RedisStateStore = await RedisStateStore.connect(options);
  const router = new Router({ deployments: [{ model: 'm', provider: 'mock' }], state });
  try {
    return (await router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })).choices[0]?.message.content ?? undefined;
  } catch (error) {
    // With onUnavailable 'deny', a call while Redis is away fails with this (status 503).
    if (error instanceof StateStoreUnavailableError) return undefined;
    throw error;
  } finally {
    await router.close();
    await state.close();
  }
}
