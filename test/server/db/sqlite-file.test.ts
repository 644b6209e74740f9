import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/server/db/index.js';
import { databaseSuite } from './database-suite.js';
import { spendRow } from './spend-rows.js';

let directory: string;
let files = 0;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'switchyard-db-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const newFile = () => join(directory, `gateway-${++files}.db`);

describe('SQLite file', () => {
  databaseSuite((now) => openDatabase(`sqlite:${newFile()}`, { now }));

  it('keeps everything across a close and a reopen, migrating once', async () => {
    const file = newFile();
    const first = await openDatabase(file);
    await first.keys.create({ token: 'tok', key_name: 'sk-...0001', models: ['gpt-4o'] });
    await first.spend.write([spendRow({ token: 'tok', spend: 2 })]);
    await first.close();

    const second = await openDatabase(`sqlite:${file}`);
    try {
      expect(second.location).toBe(`sqlite:${file}`);
      expect(await second.keys.get('tok')).toMatchObject({ models: ['gpt-4o'], spend: 2 });
      expect(await second.changes.latest()).toBe(1);
      await second.keys.create({ token: 'tok-2', key_name: 'sk-...0002' });
      expect(await second.changes.latest()).toBe(2);
    } finally {
      await second.close();
    }
  });

  it('keeps two prefixes apart in one file', async () => {
    const file = newFile();
    const blue = await openDatabase(file, { prefix: 'blue_' });
    const green = await openDatabase(file, { prefix: 'green_' });
    try {
      await blue.users.create({ user_id: 'ann' });
      expect(await green.users.get('ann')).toBeUndefined();
      expect(await blue.users.get('ann')).toBeDefined();
    } finally {
      await blue.close();
      await green.close();
    }
  });

  it('names the file when it cannot be opened', async () => {
    const missing = join(directory, 'no-such-directory', 'gateway.db');
    await expect(openDatabase(missing)).rejects.toMatchObject({
      name: 'DatabaseUnavailableError',
      message: expect.stringContaining(`Could not open the database at sqlite:${missing}: `) as string,
    });
  });
});
