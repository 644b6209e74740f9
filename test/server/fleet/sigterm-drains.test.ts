import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/server/db/index.js';
import { afterThisTest } from '../../support/after-this-test.js';
import { openAIStreamEvents, sse } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { GatewayProcess, stopEveryGateway } from './gateway-processes.js';

const MASTER_KEY = 'sk-master-sigterm';

describe('a gateway process told SIGTERM', () => {
  afterAll(stopEveryGateway);

  it('finishes the stream still running, writes its spend log row, then exits 0', { timeout: 120_000 }, async () => {
    const directory = await mkdtemp(join(tmpdir(), 'switchyard-sigterm-'));
    afterThisTest(() => rm(directory, { recursive: true, force: true }));
    const database = `sqlite:${join(directory, 'gateway.db')}`;
    const pieces = Array.from({ length: 20 }, (_, i) => `piece ${i} `);
    const provider = await mockServer(sse(openAIStreamEvents(pieces), { eventDelayMs: 25 }));
    const gateway = new GatewayProcess({ mockUrl: provider.url, masterKey: MASTER_KEY, database, tablePrefix: 'switchyard_' });
    const client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${await gateway.url}/v1`, maxRetries: 0 });

    const stream = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'long answer' }], stream: true });
    let text = '';
    let told = false;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (!told && text !== '') {
        told = true;
        gateway.signal('SIGTERM');
      }
    }

    expect(text).toBe(pieces.join(''));
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    const db = await openDatabase(database);
    try {
      const logs = await db.spend.logs({});
      expect(logs.map((row) => [row.model_group, row.status, row.completion_tokens > 0])).toEqual([['chat', 'success', true]]);
    } finally {
      await db.close();
    }
  });
});
