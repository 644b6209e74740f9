import { RouterError } from '../../errors/router-error.js';

/** The error's class, as the router names it for cooldowns: other errors are all `Error`, so a label cannot take arbitrary names. */
export function errorClass(error: unknown): string {
  return error instanceof RouterError ? error.name : 'Error';
}
