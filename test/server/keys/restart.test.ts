import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { afterThisTest } from '../../support/after-this-test.js';
import { adminClient, chat, keysGateway, sdk } from './keys-gateway.js';

function sqliteFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-restart-'));
  afterThisTest(() => rmSync(dir, { recursive: true, force: true }));
  return `sqlite:${join(dir, 'gateway.db')}`;
}

describe('a gateway started again on the same database', () => {
  it("restores each key's, user's and team's spend into a fresh router, so their budgets still refuse", async () => {
    const database = sqliteFile();
    const first = await keysGateway({ database });
    const admin = adminClient(first.url);
    await admin.post('/user/new', { user_id: 'ann', max_budget: 0.2, auto_create_key: false });
    await admin.post('/team/new', { team_id: 'red', max_budget: 0.2 });
    const keyBudget = (await admin.post('/key/generate', { max_budget: 0.2 })).body.key as string;
    const ofAnn = (await admin.post('/key/generate', { user_id: 'ann' })).body.key as string;
    const ofRed = (await admin.post('/key/generate', { team_id: 'red' })).body.key as string;
    for (const key of [keyBudget, ofAnn, ofRed]) {
      await sdk(first.url, key).chat.completions.create(chat());
      await sdk(first.url, key).chat.completions.create(chat());
      await expect(sdk(first.url, key).chat.completions.create(chat())).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    }
    await first.close();

    const second = await keysGateway({ database, mock: first.mock });
    for (const key of [keyBudget, ofAnn, ofRed]) {
      await expect(sdk(second.url, key).chat.completions.create(chat())).rejects.toMatchObject({ status: 400, type: 'budget_exceeded' });
    }
    expect(second.router.spend({ scope: 'user', id: 'ann' }).spentUsd).toBeCloseTo(0.2, 9);
    // Another user's key of the same database spends from nothing.
    const fresh = (await adminClient(second.url).post('/key/generate', { user_id: 'bob', max_budget: 0.2 })).body.key as string;
    await sdk(second.url, fresh).chat.completions.create(chat());
  });

  it("does not bring back a user's spend reset before the restart", async () => {
    const database = sqliteFile();
    const first = await keysGateway({ database });
    const admin = adminClient(first.url);
    await admin.post('/user/new', { user_id: 'ann', max_budget: 0.2, auto_create_key: false });
    const key = (await admin.post('/key/generate', { user_id: 'ann' })).body.key as string;
    await sdk(first.url, key).chat.completions.create(chat());
    await sdk(first.url, key).chat.completions.create(chat());
    await admin.post('/user/reset_budget', { user_id: 'ann' });
    await sdk(first.url, key).chat.completions.create(chat());
    await first.close();

    const second = await keysGateway({ database, mock: first.mock });
    expect(second.router.spend({ scope: 'user', id: 'ann' }).spentUsd).toBeCloseTo(0.1, 9);
    await sdk(second.url, key).chat.completions.create(chat());
    await expect(sdk(second.url, key).chat.completions.create(chat())).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});
