import { describeValue } from '../config/describe-value.js';
import { BadRequestError } from '../errors/api-errors.js';

/** A malformed request field: `param` names it as OpenAI does (`messages[0].content`), the message says what to pass. */
export function rejectField(param: string, expected: string, value?: unknown): never {
  const given = value === undefined ? '' : `, got ${describeValue(value)}`;
  const where = param ? `request.${param}` : 'request';
  throw new BadRequestError(`${where}: ${expected}${given}`, { param: param || undefined, type: 'invalid_request_error' });
}

/** A malformed per-request option (the second argument of `completion`), named `options.<path>`, or the whole `options`. */
export function rejectOption(path: string, message: string): never {
  const param = path ? `options.${path}` : 'options';
  throw new BadRequestError(`${param}: ${message}`, { param, type: 'invalid_request_error' });
}
