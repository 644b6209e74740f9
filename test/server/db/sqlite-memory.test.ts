import { describe } from 'vitest';
import { openDatabase } from '../../../src/server/db/index.js';
import { databaseSuite } from './database-suite.js';

describe('SQLite in memory', () => {
  databaseSuite((now) => openDatabase(undefined, { now }));
});
