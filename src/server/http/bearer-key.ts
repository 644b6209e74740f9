import type { Exchange } from './exchange.js';

const BEARER = /^bearer\s+/i;

/** The key of an `Authorization` header: after `Bearer ` (any case, any spaces), else the whole value. */
function authorizationKey(authorization: string): string {
  // The common spelling without a regular expression: this runs on every request.
  if (authorization.startsWith('Bearer ') && authorization.charCodeAt(7) !== 32) return authorization.slice(7).trim();
  return authorization.replace(BEARER, '').trim();
}

/** The key a request carries: `Authorization: Bearer <key>`, else `x-api-key`, else `api-key` (Azure's). */
export function bearerKey(exchange: Exchange): string | undefined {
  const authorization = exchange.header('authorization');
  if (authorization !== undefined) {
    const key = authorizationKey(authorization);
    if (key !== '') return key;
  }
  return exchange.header('x-api-key') ?? exchange.header('api-key');
}
