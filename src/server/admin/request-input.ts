import type * as z from 'zod';
import { formatPath } from '../../config/format-zod-issues.js';
import { shortened } from '../../config/describe-value.js';
import { BadRequestError } from '../../errors/api-errors.js';
import type { GatewayRequest } from '../http/gateway-request.js';

/** Where the input came from, for messages: `request` (the JSON body) or `query`. */
type Source = 'request' | 'query';

function fieldsOf(schema: z.ZodType): string[] {
  const shape = (schema as { def?: { shape?: Record<string, unknown> } }).def?.shape;
  return shape ? Object.keys(shape) : [];
}

/** The first issue as a 400 naming the field; values are never shown, as a body may carry a key. */
function inputError(issue: z.core.$ZodIssue, schema: z.ZodType, source: Source, route: string): BadRequestError {
  if (issue.code === 'unrecognized_keys') {
    const field = issue.keys.map(shortened).join(', ');
    const param = formatPath([...issue.path, issue.keys[0] ?? '']);
    return new BadRequestError(`${source}.${param}: ${route} takes no field ${field}; it takes ${fieldsOf(schema).join(', ')}`, {
      param,
      type: 'invalid_request_error',
      code: 'unknown_field',
    });
  }
  const param = formatPath(issue.path);
  const where = param === '' ? source : `${source}.${param}`;
  return new BadRequestError(`${where}: ${issue.message}`, { param: param === '' ? undefined : param, type: 'invalid_request_error', code: 'invalid_field' });
}

function parsed<T>(schema: z.ZodType<T>, input: unknown, source: Source, route: string): T {
  const result = schema.safeParse(input);
  if (!result.success) throw inputError(result.error.issues[0] as z.core.$ZodIssue, schema, source, route);
  return result.data;
}

/** The JSON body checked against `schema`: a 400 naming the first bad field otherwise. */
export async function bodyOf<T>(request: GatewayRequest, schema: z.ZodType<T>): Promise<T> {
  return parsed(schema, await request.json(), 'request', request.exchange.path);
}

/** The query string's parameters (each once) checked against `schema`: a 400 naming the first bad one otherwise. */
export function queryOf<T>(request: GatewayRequest, schema: z.ZodType<T>): T {
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(request.exchange.query)) params[name] = value;
  return parsed(schema, params, 'query', request.exchange.path);
}
