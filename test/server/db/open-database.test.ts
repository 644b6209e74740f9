import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/router-side-errors.js';
import { databaseTarget } from '../../../src/server/db/database-url.js';
import { DatabaseUnavailableError, openDatabase } from '../../../src/server/db/index.js';

describe('databaseTarget', () => {
  it('reads nothing, :memory: and sqlite::memory: as SQLite in memory', () => {
    for (const url of [undefined, ':memory:', 'sqlite::memory:']) {
      expect(databaseTarget(url)).toEqual({ dialect: 'sqlite', filename: ':memory:', location: 'sqlite::memory:' });
    }
  });

  it('reads sqlite: URLs and plain paths as SQLite files', () => {
    expect(databaseTarget('sqlite:./switchyard.db')).toMatchObject({ dialect: 'sqlite', filename: './switchyard.db', location: 'sqlite:./switchyard.db' });
    expect(databaseTarget('sqlite:///var/lib/switchyard.db')).toMatchObject({ filename: '/var/lib/switchyard.db' });
    expect(databaseTarget('data/gateway.db')).toMatchObject({ dialect: 'sqlite', filename: 'data/gateway.db' });
  });

  it('reads postgres:// and postgresql:// URLs as Postgres, shown without password nor query', () => {
    const target = databaseTarget('postgresql://app:s3cr%40t@db.internal:5432/gateway?sslmode=require&password=other');
    expect(target).toMatchObject({ dialect: 'postgres', location: 'postgresql://app@db.internal:5432/gateway' });
    expect(target.dialect === 'postgres' && target.secrets).toEqual(['s3cr%40t', 's3cr@t', 'other']);
    expect(databaseTarget('POSTGRES://db/gateway')).toMatchObject({ dialect: 'postgres', location: 'postgres://db/gateway' });
  });

  it('refuses an empty URL, another scheme and a Postgres URL that does not parse, without echoing it', () => {
    expect(() => databaseTarget('')).toThrow(ConfigError);
    expect(() => databaseTarget('')).toThrow(/database: expected a SQLite path/);
    expect(() => databaseTarget('mysql://root:pw@db/x')).toThrow(/database: mysql:\/\/ is not supported; use a SQLite path/);
    expect(() => databaseTarget('sqlite:')).toThrow(/database: sqlite: names no file/);
    const unparsable = (() => {
      try {
        databaseTarget('postgresql://u:hunter22@[bad/db');
      } catch (error) {
        return error;
      }
    })();
    expect(unparsable).toBeInstanceOf(ConfigError);
    expect(inspect(unparsable)).not.toContain('hunter22');
  });
});

describe('openDatabase', () => {
  it('names a Postgres it cannot reach without the password, in the error and its cause', async () => {
    const error = await openDatabase('postgresql://u:secret@127.0.0.1:1/db').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect((error as Error).message).toMatch(/^Could not open the database at postgresql:\/\/u@127\.0\.0\.1:1\/db: /);
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain('secret');
  });

  it('refuses a prefix that is not a plain identifier or is too long, naming it', async () => {
    await expect(openDatabase(undefined, { prefix: 'bad-prefix' })).rejects.toThrow(/prefix: expected letters, digits and _/);
    await expect(openDatabase(undefined, { prefix: '1st_' })).rejects.toThrow(ConfigError);
    await expect(openDatabase(undefined, { prefix: 'x'.repeat(43) })).rejects.toThrow(/at most 42 characters/);
    const longest = await openDatabase(undefined, { prefix: 'x'.repeat(42) });
    await longest.close();
  });

  it('uses the switchyard_ prefix by default and tells where it is', async () => {
    const db = await openDatabase(':memory:');
    try {
      expect(db.dialect).toBe('sqlite');
      expect(db.location).toBe('sqlite::memory:');
      await db.ping();
    } finally {
      await db.close();
    }
  });
});
