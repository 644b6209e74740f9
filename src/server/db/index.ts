export { openDatabase, DEFAULT_TABLE_PREFIX, type GatewayDatabase, type OpenDatabaseOptions } from './open-database.js';
export { SpendLogWriter, type SpendLogWriterOptions } from './spend-log-writer.js';
export { DatabaseUnavailableError, RecordExistsError } from './database-errors.js';
export type { KeyRecords } from './key-records.js';
export type { UserRecords } from './user-records.js';
export type { TeamRecords } from './team-records.js';
export type { SpendRecords } from './spend-records.js';
export type { ChangeFeed } from './change-feed.js';
export type {
  Change,
  KeyChanges,
  KeyListFilter,
  KeyRecord,
  LimitFields,
  NewKey,
  NewTeam,
  NewUser,
  Page,
  PageRequest,
  SpendLogFilter,
  SpendLogQuery,
  SpendLogRow,
  SpendScope,
  TeamChanges,
  TeamRecord,
  UserChanges,
  UserRecord,
} from './records.js';
