import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../support/errors.js';
import { adminClient, chat, CHAT_MODEL, keysGateway, sdk } from './keys-gateway.js';

/** Mid-minute, so a test's calls all fall in one rate window. */
const MID_MINUTE = Date.UTC(2026, 0, 1, 12, 0, 15);

describe('a virtual key from generation to deletion', () => {
  it('is generated, used, changed, blocked, unblocked and deleted; refused after', async () => {
    const { url } = await keysGateway();
    const admin = adminClient(url);

    const generated = await admin.post('/key/generate', { key_alias: 'billing-app', models: [CHAT_MODEL], metadata: { app: 'billing' } });
    expect(generated.status).toBe(200);
    const { key, token } = generated.body as { key: string; token: string };
    expect(generated.body).toMatchObject({
      key_alias: 'billing-app',
      key_name: `sk-...${key.slice(-4)}`,
      token_id: token,
      models: [CHAT_MODEL],
      blocked: false,
    });
    const client = sdk(url, key);
    expect((await client.chat.completions.create(chat())).choices[0]?.message.content).toBe('ok');

    expect((await admin.post('/key/update', { key, max_budget: 10, rpm_limit: 100 })).body).toMatchObject({ key: token, max_budget: 10, rpm_limit: 100 });
    await client.chat.completions.create(chat());

    expect((await admin.post('/key/update', { key: token, blocked: true })).body).toMatchObject({ blocked: true });
    const blocked = await rejectionOf(client.chat.completions.create(chat()));
    expect(blocked).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(blocked).toMatchObject({ status: 401, code: 'key_blocked' });

    await admin.post('/key/update', { key, blocked: false });
    await client.chat.completions.create(chat());

    expect((await admin.post('/key/delete', { keys: [key] })).body).toEqual({ deleted_keys: [token] });
    const deleted = await rejectionOf(client.chat.completions.create(chat()));
    expect(deleted).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(deleted).toMatchObject({ code: 'invalid_api_key' });
    expect((await admin.get(`/key/info?key=${token}`)).status).toBe(404);
  });

  it('is deleted by its alias', async () => {
    const { url } = await keysGateway();
    const admin = adminClient(url);
    const { key, token } = (await admin.post('/key/generate', { key_alias: 'old-app' })).body as { key: string; token: string };

    expect((await admin.post('/key/delete', { key_aliases: ['old-app', 'no-such-alias'] })).body).toEqual({ deleted_keys: [token] });
    await expect(sdk(url, key).models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('works with x-api-key and api-key as well as Authorization: Bearer', async () => {
    const { url } = await keysGateway();
    const { key } = (await adminClient(url).post('/key/generate', {})).body as { key: string };
    for (const header of ['x-api-key', 'api-key']) {
      const answer = await fetch(`${url}/v1/models`, { headers: { [header]: key } });
      expect(answer.status, header).toBe(200);
    }
    expect((await fetch(`${url}/v1/models`, { headers: { 'x-api-key': `${key}x` } })).status).toBe(401);
  });

  it('expires by the injected clock', async () => {
    let now = MID_MINUTE;
    const { url } = await keysGateway({ now: () => now });
    const generated = await adminClient(url).post('/key/generate', { duration: '1h' });
    expect(generated.body.expires).toBe(new Date(MID_MINUTE + 3_600_000).toISOString());
    const client = sdk(url, generated.body.key as string);
    await client.chat.completions.create(chat());

    now = MID_MINUTE + 3_600_000;
    const expired = await rejectionOf(client.chat.completions.create(chat()));
    expect(expired).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(expired).toMatchObject({ code: 'key_expired' });

    await adminClient(url).post('/key/update', { key: generated.body.key, duration: '2h' });
    await client.chat.completions.create(chat());
    await adminClient(url).post('/key/update', { key: generated.body.key, duration: null });
    now = MID_MINUTE + 1_000 * 3_600_000;
    await client.chat.completions.create(chat());
  });

  it('refuses a missing or unknown key with 401', async () => {
    const { url } = await keysGateway();
    const missing = await fetch(`${url}/v1/models`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { type: 'authentication_error', code: 'missing_api_key' } });
    await expect(sdk(url, 'sk-not-a-key-of-this-gateway').models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });
});
