import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fake-clock.js';
import { adminClient, chat, CHAT_MODEL, keysGateway, MASTER_KEY, sdk } from '../keys/keys-gateway.js';

const MID_MINUTE = Date.UTC(2026, 0, 1, 12, 0, 15);

const MASTER_ROUTES: [method: 'GET' | 'POST', path: string, body?: unknown][] = [
  ['POST', '/key/generate', {}],
  ['POST', '/key/update', { key: 'x'.repeat(64), blocked: true }],
  ['POST', '/key/delete', { keys: ['x'.repeat(64)] }],
  ['GET', '/key/list'],
  ['POST', '/user/new', { user_id: 'mallory' }],
  ['GET', '/user/info?user_id=ann'],
  ['POST', '/user/update', { user_id: 'ann', max_budget: 1000 }],
  ['POST', '/user/delete', { user_ids: ['ann'] }],
  ['POST', '/team/new', { team_id: 'blue' }],
  ['GET', '/team/info?team_id=red'],
  ['POST', '/team/update', { team_id: 'red', max_budget: 1000 }],
  ['GET', '/global/spend'],
  ['GET', '/spend/logs'],
  ['POST', '/user/reset_budget', { user_id: 'ann' }],
];

async function gateway() {
  const clock = new FakeClock(MID_MINUTE);
  const started = await keysGateway({ router: { clock }, now: () => clock.now() });
  return { ...started, admin: adminClient(started.url) };
}

describe('the admin routes', () => {
  it('refuse a virtual key with 403, and change nothing', async () => {
    const { url, admin } = await gateway();
    await admin.post('/user/new', { user_id: 'ann', auto_create_key: false });
    await admin.post('/team/new', { team_id: 'red' });
    const { key } = (await admin.post('/key/generate', { user_id: 'ann', team_id: 'red' })).body as { key: string };
    const asKey = adminClient(url, key);

    for (const [method, path, body] of MASTER_ROUTES) {
      const answer = method === 'GET' ? await asKey.get(path) : await asKey.post(path, body);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body, `${method} ${path}`).toMatchObject({ error: { type: 'permission_denied', code: 'master_key_only' } });
    }
    expect((await admin.get('/user/info?user_id=ann')).body.user_info).toMatchObject({ max_budget: null });
    expect((await admin.get('/team/info?team_id=red')).body.team_info).toMatchObject({ max_budget: null });
    expect((await admin.get('/key/list')).body.total_count).toBe(1);
  });

  it("let a virtual key read its own info and its user's spend, not another's", async () => {
    const { url, admin } = await gateway();
    const mine = (await admin.post('/key/generate', { user_id: 'ann', key_alias: 'mine' })).body as { key: string; token: string };
    const theirs = (await admin.post('/key/generate', { user_id: 'bob' })).body as { key: string; token: string };
    const asMine = adminClient(url, mine.key);

    const own = await asMine.get('/key/info');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ key: mine.token, info: { token: mine.token, key_alias: 'mine', user_id: 'ann' } });
    expect((await asMine.get(`/key/info?key=${mine.key}`)).status).toBe(200);
    expect((await asMine.get(`/key/info?key=${theirs.token}`)).body).toMatchObject({ error: { code: 'not_own_key' } });
    expect((await asMine.get(`/key/info?key=${theirs.key}`)).status).toBe(403);
    expect((await asMine.get('/user/spend')).body).toMatchObject({ user_id: 'ann', total_spend: 0 });
    expect((await asMine.get('/user/spend?user_id=bob')).status).toBe(403);
  });

  it('never show a key again after /key/generate and /user/new, nor put one in an error', async () => {
    const { url, admin } = await gateway();
    await admin.post('/team/new', { team_id: 'red' });
    const created = await admin.post('/user/new', { user_id: 'ann', key_alias: 'ann-default' });
    const generated = await admin.post('/key/generate', { user_id: 'ann', team_id: 'red', key_alias: 'ann-app' });
    const keys = [created.body.key as string, generated.body.key as string];
    expect(keys.every((key) => key.startsWith('sk-'))).toBe(true);
    await sdk(url, keys[1] as string).chat.completions.create(chat());

    const answers = [
      await admin.get(`/key/info?key=${keys[1]}`),
      await admin.get('/key/list?return_full_object=true'),
      await admin.get('/key/list'),
      await admin.get('/user/info?user_id=ann'),
      await admin.get('/team/info?team_id=red'),
      await admin.get('/spend/logs'),
      await admin.post('/key/update', { key: keys[1], rpm_limit: 50 }),
      await admin.post('/key/update', { key: `${keys[1]}0`, rpm_limit: 50 }),
      await admin.post('/key/update', { key: keys[1], rpm_limit: 'fifty' }),
      await admin.post('/key/delete', { keys: [keys[0], 7] }),
      await adminClient(url, `${keys[0]}0`).get('/key/info'),
    ];
    for (const answer of answers) for (const key of keys) expect(JSON.stringify(answer.body)).not.toContain(key.slice(3));
    expect(answers[0]?.body.info).toMatchObject({ key_name: `sk-...${keys[1]?.slice(-4)}`, token: generated.body.token });
    expect(answers[0]?.body.info).not.toHaveProperty('key');
    expect(answers[2]?.body).toEqual({
      keys: expect.arrayContaining([created.body.token, generated.body.token]) as string[],
      total_count: 2,
      current_page: 1,
      total_pages: 1,
    });
    expect(answers[7]?.status).toBe(404);
    expect(answers[8]).toMatchObject({ status: 400, body: { error: { param: 'rpm_limit' } } });
  });

  it('validate bodies with a 400 naming the field and what it takes', async () => {
    const { admin } = await gateway();
    const cases: [path: string, body: unknown, param: string, message: RegExp][] = [
      [
        '/key/generate',
        { budget_duration: '30s', max_budget: 1 },
        'budget_duration',
        /'1h', '1d', '7d', '30d'.*'1mo' \(30 days\).*seconds \('30s'\) are not supported/,
      ],
      ['/key/generate', { duration: 'forever' }, 'duration', /'30s', '30m'/],
      ['/key/generate', { rpm_limit: 0 }, 'rpm_limit', /whole number of at least 1/],
      ['/key/generate', { max_budget: -1 }, 'max_budget', /USD of 0 or more/],
      ['/key/generate', { models: 'gpt-4o' }, 'models', /array of model names/],
      ['/key/generate', { soft_budget: 5 }, 'soft_budget', /takes no field soft_budget; it takes max_budget, budget_duration/],
      ['/key/generate', { team_id: 'nobody' }, 'team_id', /no team has team_id 'nobody'; create it first/],
      ['/key/update', { rpm_limit: 5 }, 'key', /expected a non-empty string/],
      ['/key/delete', {}, '', /expected keys .* or key_aliases/],
      ['/key/delete', { tokens: ['x'] }, 'tokens', /takes no field tokens; it takes keys, key_aliases/],
      ['/user/new', { user_id: '' }, 'user_id', /non-empty string/],
      ['/team/update', { team_id: 'red', blocked: 'yes' }, 'blocked', /true or false/],
      ['/user/reset_budget', {}, 'user_id', /non-empty string/],
    ];
    for (const [path, body, param, message] of cases) {
      const answer = await admin.post(path, body);
      expect(answer.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(answer.body.error.param ?? '', path).toBe(param);
      expect(answer.body.error.message, path).toMatch(message);
    }
    expect((await admin.get('/key/list?size=500')).body.error).toMatchObject({ param: 'size', message: expect.stringMatching(/from 1 to 100/) as string });
    expect((await admin.get('/spend/logs?start_date=yesterday')).body.error).toMatchObject({ param: 'start_date' });
    expect((await admin.post('/user/update', { user_id: 'nobody', max_budget: 1 })).status).toBe(404);
    expect((await admin.post('/team/update', { team_id: 'nobody', max_budget: 1 })).status).toBe(404);
  });

  it('manage users: new (with a key), info, update, delete (with their keys)', async () => {
    const { url, admin } = await gateway();
    const created = await admin.post('/user/new', { user_id: 'ann', user_email: 'ann@example.com', max_budget: 5, budget_duration: '1mo', duration: '30d' });
    expect(created.body).toMatchObject({
      user_id: 'ann',
      user_email: 'ann@example.com',
      max_budget: 5,
      budget_duration: '1mo',
      key: expect.stringMatching(/^sk-/) as string,
    });
    expect(created.body.expires).toBe(new Date(MID_MINUTE + 30 * 86_400_000).toISOString());
    const generated = await admin.post('/user/new', {});
    expect(generated.body.user_id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await admin.post('/user/new', { user_id: 'ann' })).body.error).toMatchObject({ param: 'user_id', code: 'record_exists' });

    const info = await admin.get('/user/info?user_id=ann');
    expect(info.body).toMatchObject({ user_id: 'ann', user_info: { user_email: 'ann@example.com' }, keys: [{ token: created.body.token, user_id: 'ann' }] });
    expect((await admin.post('/user/update', { user_id: 'ann', rpm_limit: 7, user_email: null })).body).toMatchObject({
      user_id: 'ann',
      data: { rpm_limit: 7, user_email: null },
    });

    const deleted = await admin.post('/user/delete', { user_ids: ['ann'] });
    expect(deleted.body).toEqual({ deleted_users: ['ann'], deleted_keys: [created.body.token] });
    await expect(sdk(url, created.body.key as string).models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    expect((await admin.post('/user/delete', { user_ids: ['ann'] })).status).toBe(404);
  });

  it('manage teams: new, info with their keys, update', async () => {
    const { admin } = await gateway();
    const team = await admin.post('/team/new', { team_alias: 'Platform', max_budget: 100, budget_duration: '30d', models: [CHAT_MODEL] });
    const teamId = team.body.team_id as string;
    expect(team.body).toMatchObject({ team_alias: 'Platform', max_budget: 100, models: [CHAT_MODEL], blocked: false, spend: 0 });
    const { token } = (await admin.post('/key/generate', { team_id: teamId })).body as { token: string };

    expect((await admin.get(`/team/info?team_id=${teamId}`)).body).toMatchObject({ team_id: teamId, team_info: { team_alias: 'Platform' }, keys: [{ token }] });
    expect((await admin.post('/team/update', { team_id: teamId, tpm_limit: 1000 })).body).toMatchObject({
      team_id: teamId,
      data: { tpm_limit: 1000, max_budget: 100 },
    });
    expect((await admin.get('/team/info?team_id=nobody')).status).toBe(404);
    expect((await admin.get('/team/info')).body.error).toMatchObject({ param: 'team_id' });
  });

  it("answer a user's spend and reset it: /user/spend and /user/reset_budget", async () => {
    const { url, admin } = await gateway();
    await admin.post('/user/new', { user_id: 'ann', max_budget: 0.2, budget_duration: '1d', auto_create_key: false });
    const { key } = (await admin.post('/key/generate', { user_id: 'ann' })).body as { key: string };
    const client = sdk(url, key);
    await client.chat.completions.create(chat());
    await client.chat.completions.create(chat());
    await expect(client.chat.completions.create(chat())).rejects.toMatchObject({ status: 400, type: 'budget_exceeded' });

    const spent = await adminClient(url, key).get('/user/spend');
    expect(spent.body).toMatchObject({ user_id: 'ann', max_budget: 0.2, budget_duration: '1d', budget_reset_at: '2026-01-02T00:00:00.000Z' });
    expect(spent.body.total_spend).toBeCloseTo(0.2, 9);
    expect((await admin.get('/user/spend?user_id=ann')).body.total_spend).toBeCloseTo(0.2, 9);
    expect((await adminClient(url, key).post('/user/reset_budget', { user_id: 'ann' })).status).toBe(403);

    expect((await admin.post('/user/reset_budget', { user_id: 'ann' })).body).toMatchObject({ user_id: 'ann', data: { spend: 0 } });
    expect((await adminClient(url, key).get('/user/spend')).body).toMatchObject({ total_spend: 0 });
    await client.chat.completions.create(chat());
    expect((await admin.post('/user/reset_budget', { user_id: 'nobody' })).status).toBe(404);
  });

  it('answer the global spend and the spend logs, filtered', async () => {
    const { url, admin } = await gateway();
    await admin.post('/team/new', { team_id: 'red' });
    const ann = (await admin.post('/key/generate', { user_id: 'ann', team_id: 'red', key_alias: 'ann-app' })).body as { key: string; token: string };
    const bob = (await admin.post('/key/generate', { user_id: 'bob' })).body as { key: string; token: string };
    await sdk(url, ann.key).chat.completions.create({ ...chat(), user: 'end-user-1' });
    await sdk(url, bob.key).chat.completions.create(chat());
    await sdk(url, MASTER_KEY).chat.completions.create(chat());

    const global = await admin.get('/global/spend');
    expect(global.body.spend).toBeCloseTo(0.3, 9);
    expect(global.body.max_budget).toBeNull();

    const annLogs = await admin.get(`/spend/logs?api_key=${ann.key}`);
    expect(annLogs.body).toEqual([
      expect.objectContaining({
        api_key: ann.token,
        user: 'ann',
        team_id: 'red',
        end_user: 'end-user-1',
        model: CHAT_MODEL,
        model_group: CHAT_MODEL,
        custom_llm_provider: 'openai',
        prompt_tokens: 10,
        completion_tokens: 100,
        total_tokens: 110,
        status: 'success',
        cache_hit: false,
        metadata: { user_api_key_alias: 'ann-app', error_type: null },
      }),
    ]);
    expect(annLogs.body[0].spend).toBeCloseTo(0.1, 9);
    expect((await admin.get(`/spend/logs?api_key=${bob.token}`)).body).toHaveLength(1);
    expect((await admin.get('/spend/logs?user_id=ann')).body).toHaveLength(1);
    expect((await admin.get('/spend/logs?team_id=red')).body).toHaveLength(1);
    expect((await admin.get(`/spend/logs?model=${CHAT_MODEL}`)).body).toHaveLength(3);
    expect((await admin.get('/spend/logs?model=gpt-4o')).body).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.get(`/spend/logs?start_date=${today}&end_date=${today}`)).body).toHaveLength(3);
    expect((await admin.get('/spend/logs?end_date=2000-01-01')).body).toHaveLength(0);
  });
});
