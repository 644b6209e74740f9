import OpenAI from 'openai';
import { afterAll, expect, it } from 'vitest';
import { dropTables, POSTGRES_URL, postgresDescribe, uniqueTablePrefix } from '../../support/postgres/postgres-gate.js';
import { adminClient, chat, CHAT_MODEL, keysGateway, OTHER_MODEL, sdk } from './keys-gateway.js';

const describePostgres = await postgresDescribe();
const filePrefix = uniqueTablePrefix('keys');
let opened = 0;
/** A prefix of this file's own for each test's tables: dropped together after the file. */
const newPrefix = () => `${filePrefix}${++opened}_`;

/** Asks until `predicate` holds; the bound only turns a hang into a failure, far beyond the feed's 250 ms. */
async function eventually(predicate: () => Promise<boolean>, boundMs = 10_000): Promise<void> {
  const giveUpAt = Date.now() + boundMs;
  while (!(await predicate())) {
    if (Date.now() > giveUpAt) throw new Error(`condition still false after ${boundMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function refused(client: OpenAI): Promise<boolean> {
  try {
    await client.models.list();
    return false;
  } catch (error) {
    return error instanceof OpenAI.AuthenticationError;
  }
}

describePostgres('keys on Postgres', () => {
  afterAll(async () => {
    await dropTables(POSTGRES_URL, filePrefix);
  });

  it('writes a spend-log row per call, and the totals of the key, its user and its team', async () => {
    const { url } = await keysGateway({ database: POSTGRES_URL, tablePrefix: newPrefix() });
    const admin = adminClient(url);
    await admin.post('/user/new', { user_id: 'ann', auto_create_key: false });
    await admin.post('/team/new', { team_id: 'red' });
    const { key, token } = (await admin.post('/key/generate', { user_id: 'ann', team_id: 'red', key_alias: 'ann-app' })).body as { key: string; token: string };
    await sdk(url, key).chat.completions.create(chat());
    await sdk(url, key)
      .chat.completions.create({ ...chat(), stream: true, stream_options: { include_usage: true } })
      .then(async (stream) => {
        for await (const chunk of stream) void chunk;
      });
    await expect(sdk(url, key).chat.completions.create({ ...chat(), model: 'no-such-model' })).rejects.toBeInstanceOf(OpenAI.APIError);

    const logs = (await admin.get(`/spend/logs?api_key=${token}`)).body as { status: string; spend: number; user: string; team_id: string }[];
    expect(logs.map((row) => row.status).sort()).toEqual(['failure', 'success', 'success']);
    expect(logs.every((row) => row.user === 'ann' && row.team_id === 'red')).toBe(true);
    expect((await admin.get(`/key/info?key=${token}`)).body.info.spend).toBeCloseTo(0.2, 9);
    expect((await admin.get('/user/info?user_id=ann')).body.user_info.spend).toBeCloseTo(0.2, 9);
    expect((await admin.get('/team/info?team_id=red')).body.team_info.spend).toBeCloseTo(0.2, 9);
    expect((await admin.get('/global/spend')).body.spend).toBeCloseTo(0.2, 9);
  });

  it('changes a key on every gateway on the database: made, narrowed, blocked and deleted through one, seen by the other', async () => {
    const prefix = newPrefix();
    const east = await keysGateway({ database: POSTGRES_URL, tablePrefix: prefix });
    const west = await keysGateway({ database: POSTGRES_URL, tablePrefix: prefix, mock: east.mock });
    const admin = adminClient(east.url);
    const { key, token } = (await admin.post('/key/generate', {})).body as { key: string; token: string };
    const onWest = sdk(west.url, key);

    // Made on east a moment ago: west finds it in the database before its feed brings it.
    await onWest.chat.completions.create(chat());

    await admin.post('/key/update', { key: token, models: [OTHER_MODEL] });
    await eventually(async () => (await onWest.models.list()).data.map((model) => model.id).join() === OTHER_MODEL);
    await expect(onWest.chat.completions.create(chat(CHAT_MODEL))).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);

    await admin.post('/key/update', { key: token, blocked: true });
    await eventually(() => refused(onWest));

    await admin.post('/key/update', { key: token, blocked: false });
    await eventually(async () => !(await refused(onWest)));

    await admin.post('/key/delete', { keys: [token] });
    await eventually(() => refused(onWest));
    await expect(onWest.chat.completions.create(chat(OTHER_MODEL))).rejects.toMatchObject({ code: 'invalid_api_key' });
  });

  it("sets a budget changed on one gateway on the other's router, with the spend the database knows", async () => {
    const prefix = newPrefix();
    const east = await keysGateway({ database: POSTGRES_URL, tablePrefix: prefix });
    const west = await keysGateway({ database: POSTGRES_URL, tablePrefix: prefix, mock: east.mock });
    const admin = adminClient(east.url);
    const { key, token } = (await admin.post('/key/generate', {})).body as { key: string; token: string };
    await sdk(east.url, key).chat.completions.create(chat());
    await sdk(east.url, key).chat.completions.create(chat());
    // The spend reaches the database (the info answer flushes east's queue first).
    expect((await admin.get(`/key/info?key=${token}`)).body.info.spend).toBeCloseTo(0.2, 9);

    await admin.post('/key/update', { key: token, max_budget: 0.25 });
    await eventually(async () => west.router.spend({ scope: 'apiKeyId', id: token }).limitUsd === 0.25);
    await eventually(async () => west.router.spend({ scope: 'apiKeyId', id: token }).spentUsd > 0.19);
    await expect(sdk(west.url, key).chat.completions.create(chat())).rejects.toMatchObject({ status: 400, type: 'budget_exceeded' });
  });
});
