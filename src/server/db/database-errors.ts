import { BadRequestError } from '../../errors/api-errors.js';
import { RouterError, type RouterErrorOptions } from '../../errors/router-error.js';

/** The database could not be opened or does not answer. */
export class DatabaseUnavailableError extends RouterError {
  static override readonly kind: string = 'DatabaseUnavailableError';
  constructor(message: string, options: RouterErrorOptions = {}) {
    super(message, { status: 503, code: 'database_unavailable', ...options });
  }
}

/** A create named a record that exists, or a `key_alias` another key has. `param` is the field. */
export class RecordExistsError extends BadRequestError {
  static override readonly kind: string = 'RecordExistsError';
  constructor(field: string, value: string, what: string) {
    super(`${field} '${value}' is already used by another ${what}; choose another ${field}`, { param: field, code: 'record_exists' });
  }
}

const UNIQUE_VIOLATIONS = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** Whether a driver error is a unique or primary key violation (Postgres's SQLSTATE or better-sqlite3's code). */
export function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && UNIQUE_VIOLATIONS.has(code);
}
