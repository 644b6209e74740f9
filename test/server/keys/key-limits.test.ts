import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../support/errors.js';
import { FakeClock } from '../../support/fake-clock.js';
import { json, openAICompletion, type MockReply } from '../../support/mock-replies.js';
import { until } from '../../support/until.js';
import { adminClient, chat, CHAT_MODEL, keysGateway, OTHER_MODEL, sdk, TENTH_USAGE } from './keys-gateway.js';

/** 15 s into a minute: the calls of a test share one rate window, 45 s from its end. */
const MID_MINUTE = Date.UTC(2026, 0, 1, 12, 0, 15);

async function gatewayOnClock() {
  const clock = new FakeClock(MID_MINUTE);
  const gateway = await keysGateway({ router: { clock }, now: () => clock.now() });
  return { ...gateway, admin: adminClient(gateway.url) };
}

async function newKey(admin: ReturnType<typeof adminClient>, fields: Record<string, unknown> = {}): Promise<string> {
  const answer = await admin.post('/key/generate', fields);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.key as string;
}

describe("a key's limits and budget", () => {
  it('rpm_limit refuses the call past it in the minute with a RateLimitError and the retry time; an update keeps the minute counted', async () => {
    const { url, admin } = await gatewayOnClock();
    const key = await newKey(admin, { rpm_limit: 5 });
    const client = sdk(url, key);
    await client.chat.completions.create(chat());

    await admin.post('/key/update', { key, rpm_limit: 2 });
    await client.chat.completions.create(chat());
    const error = await rejectionOf(client.chat.completions.create(chat()));

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const { headers } = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(headers.get('retry-after')).toBe('45');
    expect(headers.get('retry-after-ms')).toBe('45000');
    // Another key has its own count.
    await sdk(url, await newKey(admin, { rpm_limit: 2 })).chat.completions.create(chat());
  });

  it('max_budget refuses once spent with a BadRequestError of type budget_exceeded; raising it admits again', async () => {
    const { url, admin, mock } = await gatewayOnClock();
    const key = await newKey(admin, { max_budget: 0.2, budget_duration: '30d' });
    const client = sdk(url, key);
    await client.chat.completions.create(chat());
    await client.chat.completions.create(chat());

    const error = await rejectionOf(client.chat.completions.create(chat()));
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, type: 'budget_exceeded' });
    expect(mock.calls).toHaveLength(2);

    await admin.post('/key/update', { key, max_budget: 0.3 });
    await client.chat.completions.create(chat());
    await expect(client.chat.completions.create(chat())).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await admin.post('/key/update', { key, max_budget: null });
    await client.chat.completions.create(chat());
  });

  it("holds a user's budget across the user's keys, on top of each key's own", async () => {
    const { url, admin } = await gatewayOnClock();
    await admin.post('/user/new', { user_id: 'ann', max_budget: 0.3, auto_create_key: false });
    const first = sdk(url, await newKey(admin, { user_id: 'ann', max_budget: 10 }));
    const second = sdk(url, await newKey(admin, { user_id: 'ann' }));
    await first.chat.completions.create(chat());
    await second.chat.completions.create(chat());
    await first.chat.completions.create(chat());

    await expect(second.chat.completions.create(chat())).rejects.toMatchObject({ status: 400, type: 'budget_exceeded' });
    await expect(first.chat.completions.create(chat())).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await sdk(url, await newKey(admin, { user_id: 'bob' })).chat.completions.create(chat());
  });

  it("holds a team's budget and rpm across the team's keys", async () => {
    const { url, admin } = await gatewayOnClock();
    expect((await admin.post('/team/new', { team_id: 'red', max_budget: 0.2, rpm_limit: 10 })).status).toBe(200);
    const first = sdk(url, await newKey(admin, { team_id: 'red' }));
    const second = sdk(url, await newKey(admin, { team_id: 'red', max_budget: 5 }));
    await first.chat.completions.create(chat());
    await second.chat.completions.create(chat());

    await expect(first.chat.completions.create(chat())).rejects.toMatchObject({ status: 400, type: 'budget_exceeded' });
    await admin.post('/team/update', { team_id: 'red', max_budget: null, rpm_limit: 3 });
    await second.chat.completions.create(chat());
    await expect(first.chat.completions.create(chat())).rejects.toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('refuses a model outside the key’s, its user’s or its team’s models with a 403 PermissionDeniedError, and lists only the allowed', async () => {
    const { url, admin } = await gatewayOnClock();
    const narrow = sdk(url, await newKey(admin, { models: [CHAT_MODEL] }));
    await narrow.chat.completions.create(chat(CHAT_MODEL));
    const refused = await rejectionOf(narrow.chat.completions.create(chat(OTHER_MODEL)));
    expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(refused).toMatchObject({ status: 403, code: 'model_not_allowed', param: 'model' });
    expect((await narrow.models.list()).data.map((model) => model.id)).toEqual([CHAT_MODEL]);

    await admin.post('/user/new', { user_id: 'ann', models: [OTHER_MODEL], auto_create_key: false });
    const ofAnn = sdk(url, await newKey(admin, { user_id: 'ann' }));
    await ofAnn.chat.completions.create(chat(OTHER_MODEL));
    await expect(ofAnn.chat.completions.create(chat(CHAT_MODEL))).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);

    await admin.post('/team/new', { team_id: 'red', models: [CHAT_MODEL] });
    const annInRed = sdk(url, await newKey(admin, { user_id: 'ann', team_id: 'red' }));
    expect((await annInRed.models.list()).data).toEqual([]);
    await expect(annInRed.chat.completions.create(chat(OTHER_MODEL))).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
  });

  it('max_parallel_requests refuses a call past it while the others run, with a 429 and a retry time', async () => {
    let release: (reply: MockReply) => void = () => {};
    const held = new Promise<MockReply>((resolve) => (release = resolve));
    const clock = new FakeClock(MID_MINUTE);
    const { url, mock } = await keysGateway({
      router: { clock },
      script: (_call, index) => (index === 0 ? { kind: 'held', reply: held } : json(openAICompletion('ok', TENTH_USAGE))),
    });
    const client = sdk(url, await newKey(adminClient(url), { max_parallel_requests: 1 }));

    const first = client.chat.completions.create(chat());
    await until(() => mock.calls.length === 1);
    const error = await rejectionOf(client.chat.completions.create(chat()));
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ code: 'max_parallel_requests' });
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('1');

    release(json(openAICompletion('ok', TENTH_USAGE)));
    await first;
    await client.chat.completions.create(chat());
  });

  it('refuses every key of a blocked team with 401, and serves them again once it is unblocked', async () => {
    const { url, admin } = await gatewayOnClock();
    await admin.post('/team/new', { team_id: 'red' });
    const client = sdk(url, await newKey(admin, { team_id: 'red' }));
    await client.chat.completions.create(chat());

    await admin.post('/team/update', { team_id: 'red', blocked: true });
    await expect(client.chat.completions.create(chat())).rejects.toMatchObject({ status: 401, code: 'team_blocked' });
    await admin.post('/team/update', { team_id: 'red', blocked: false });
    await client.chat.completions.create(chat());
  });
});
