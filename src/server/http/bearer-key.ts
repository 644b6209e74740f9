import type { Exchange } from './exchange.js';

const BEARER = /^bearer\s+/i;

/** The key a request carries: `Authorization: Bearer <key>`, else `x-api-key`, else `api-key` (Azure's). */
export function bearerKey(exchange: Exchange): string | undefined {
  const authorization = exchange.header('authorization');
  if (authorization !== undefined) {
    const key = authorization.replace(BEARER, '').trim();
    if (key !== '') return key;
  }
  return exchange.header('x-api-key') ?? exchange.header('api-key');
}
