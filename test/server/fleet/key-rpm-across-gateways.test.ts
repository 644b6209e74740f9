import OpenAI from 'openai';
import { afterAll, expect, it } from 'vitest';
import { ok } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { dropTables, POSTGRES_URL, postgresDescribe, uniqueTablePrefix } from '../../support/postgres/postgres-gate.js';
import { deleteKeys, REDIS_URL, redisDescribe, uniquePrefix } from '../../support/redis/redis-gate.js';
import { afterThisTest } from '../../support/after-this-test.js';
import { minuteOf, startOfRoomyMinute } from '../../state/redis/fleet/redis-fleet.js';
import { GatewayProcess, stopEveryGateway } from './gateway-processes.js';

const describeRedis = await redisDescribe();
const describePostgres = await postgresDescribe();
const MASTER_KEY = 'sk-master-fleet';

describeRedis('two gateway processes on one Redis', () => {
  describePostgres('and one Postgres', () => {
    afterAll(stopEveryGateway);

    it('admit exactly a key’s rpm_limit of 20 in the minute across both; a key blocked on one is refused by the other', { timeout: 120_000 }, async () => {
      const redisPrefix = uniquePrefix('gateway-fleet');
      const tablePrefix = uniqueTablePrefix('gwfleet');
      afterThisTest(async () => {
        await stopEveryGateway();
        await deleteKeys(REDIS_URL, `{${redisPrefix}}*`);
        await dropTables(POSTGRES_URL, tablePrefix);
      });
      const provider = await mockServer(ok());
      const job = { mockUrl: provider.url, masterKey: MASTER_KEY, database: POSTGRES_URL, tablePrefix, redis: { url: REDIS_URL, prefix: redisPrefix } };
      const first = new GatewayProcess(job);
      const second = new GatewayProcess(job);
      const urls = await Promise.all([first.url, second.url]);

      // Admin routes are not under /v1, as in LiteLLM.
      const admin = new OpenAI({ apiKey: MASTER_KEY, baseURL: urls[0], maxRetries: 0 });
      const generated = (await admin.post('/key/generate', { body: { rpm_limit: 20, key_alias: 'fleet' } })) as { key: string };
      const clients = urls.map((url) => new OpenAI({ apiKey: generated.key, baseURL: `${url}/v1`, maxRetries: 0 }));

      const minute = await startOfRoomyMinute(20_000);
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (clients[i % 2] as OpenAI).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: `call ${i}` }] }).then(
            () => 'served',
            (error: unknown) => (error instanceof OpenAI.RateLimitError ? 'refused' : `failed: ${String(error)}`),
          ),
        ),
      );
      expect(minuteOf(Date.now()), 'the calls straddled a minute boundary, so they were counted in two windows').toBe(minute);
      expect(outcomes.filter((o) => o === 'served')).toHaveLength(20);
      expect(outcomes.filter((o) => o === 'refused')).toHaveLength(20);
      expect(provider.calls).toHaveLength(20);

      await admin.post('/key/update', { body: { key: generated.key, blocked: true } });
      const refusedOnOther = async () => {
        const deadline = Date.now() + 5_000;
        for (;;) {
          try {
            await (clients[1] as OpenAI).models.list();
          } catch (error) {
            if (error instanceof OpenAI.AuthenticationError) return true;
            throw error;
          }
          if (Date.now() > deadline) return false;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      expect(await refusedOnOther()).toBe(true);
    });
  });
});
