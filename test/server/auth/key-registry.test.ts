import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyRegistry, type RecordChange } from '../../../src/server/auth/key-registry.js';
import { openDatabase, type GatewayDatabase } from '../../../src/server/db/index.js';
import { afterThisTest } from '../../support/after-this-test.js';

const token = (c: string) => c.repeat(64);

/** Two handles on one SQLite file: `other` writes as another replica would. */
async function twoReplicas(): Promise<{ own: GatewayDatabase; other: GatewayDatabase }> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-registry-'));
  const own = await openDatabase(`sqlite:${join(dir, 'gateway.db')}`);
  const other = await openDatabase(`sqlite:${join(dir, 'gateway.db')}`);
  afterThisTest(async () => {
    await own.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { own, other };
}

function registryOn(db: GatewayDatabase, unknownTtlMs = 60_000) {
  const changes: RecordChange[] = [];
  const errors: unknown[] = [];
  // A long refresh: the tests read the feed themselves with sync().
  const registry = new KeyRegistry(db, {
    refreshMs: 3_600_000,
    unknownTtlMs,
    onChange: (change) => void changes.push(change),
    onError: (e) => void errors.push(e),
  });
  afterThisTest(() => registry.stop());
  return { registry, changes, errors };
}

describe('the key registry', () => {
  it('loads every key, user and team at start, each through onChange', async () => {
    const { own } = await twoReplicas();
    await own.users.create({ user_id: 'ann' });
    await own.teams.create({ team_id: 'red' });
    await own.keys.create({ token: token('a'), key_name: 'sk-...aaaa', user_id: 'ann', team_id: 'red' });
    const { registry, changes } = registryOn(own);

    await registry.start();

    expect(changes.map(({ kind, ref }) => `${kind}:${ref}`)).toEqual(['user:ann', 'team:red', `key:${token('a')}`]);
    expect(registry.key(token('a'))).toMatchObject({ user_id: 'ann', team_id: 'red' });
    expect(registry.user('ann')).toMatchObject({ user_id: 'ann' });
    expect(registry.team('red')).toMatchObject({ team_id: 'red' });
  });

  it('takes in what another replica changes when it reads the feed', async () => {
    const { own, other } = await twoReplicas();
    await own.keys.create({ token: token('a'), key_name: 'sk-...aaaa' });
    const { registry, changes } = registryOn(own);
    await registry.start();
    const before = registry.generation;

    await other.keys.update(token('a'), { blocked: true });
    await other.users.create({ user_id: 'bob' });
    await registry.sync();

    expect(registry.key(token('a'))).toMatchObject({ blocked: true });
    expect(registry.user('bob')).toMatchObject({ user_id: 'bob' });
    expect(registry.generation).toBeGreaterThan(before);

    await other.keys.delete([token('a')]);
    await registry.sync();
    expect(registry.key(token('a'))).toBeUndefined();
    expect(changes.at(-1)).toEqual({ kind: 'key', ref: token('a'), record: undefined });
  });

  it('finds a key made on another replica before the feed brings it, with its user and team', async () => {
    const { own, other } = await twoReplicas();
    const { registry, changes } = registryOn(own);
    await registry.start();

    await other.users.create({ user_id: 'ann', max_budget: 3 });
    await other.teams.create({ team_id: 'red' });
    await other.keys.create({ token: token('b'), key_name: 'sk-...bbbb', user_id: 'ann', team_id: 'red' });

    expect(await registry.find(token('b'))).toMatchObject({ token: token('b') });
    expect(registry.user('ann')).toMatchObject({ max_budget: 3 });
    expect(registry.team('red')).toBeDefined();
    expect(changes.map(({ kind }) => kind)).toEqual(['user', 'team', 'key']);
  });

  it('refuses a token the database does not know without asking again, until the feed names it', async () => {
    const { own, other } = await twoReplicas();
    const { registry } = registryOn(own);
    await registry.start();

    expect(await registry.find(token('c'))).toBeUndefined();
    await other.keys.create({ token: token('c'), key_name: 'sk-...cccc' });
    // Remembered as unknown: no second query yet.
    expect(await registry.find(token('c'))).toBeUndefined();

    await registry.sync();
    expect(await registry.find(token('c'))).toMatchObject({ token: token('c') });
  });

  it('asks the database again once the unknown token is forgotten', async () => {
    const { own, other } = await twoReplicas();
    const { registry } = registryOn(own, 1);
    await registry.start();

    expect(await registry.find(token('d'))).toBeUndefined();
    await other.keys.create({ token: token('d'), key_name: 'sk-...dddd' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await registry.find(token('d'))).toMatchObject({ token: token('d') });
  });

  it('reads the feed on its own every refreshMs', async () => {
    const { own, other } = await twoReplicas();
    const registry = new KeyRegistry(own, { refreshMs: 10, onChange: () => {}, onError: () => {} });
    afterThisTest(() => registry.stop());
    await registry.start();

    await other.users.create({ user_id: 'cy' });
    const giveUpAt = Date.now() + 5_000;
    while (registry.user('cy') === undefined && Date.now() < giveUpAt) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(registry.user('cy')).toBeDefined();
  });
});
