import { rejectField } from './invalid-input.js';
import { isRecord, isStringArray } from './is-record.js';

type Fields = Record<string, unknown>;

const TOOL_CHOICES = "'none', 'auto', 'required' or { type: 'function', function: { name } }";

function checkNumber(field: string, value: unknown, min: number, max: number, integer: boolean): void {
  if (typeof value === 'number' && value >= min && value <= max && (!integer || Number.isInteger(value))) return;
  const kind = integer ? 'a whole number' : 'a number';
  const range = max === Infinity ? `${min} or more` : min === -Infinity ? '' : `from ${min} to ${max}`;
  rejectField(field, `expected ${kind}${range ? ` ${range}` : ''}`, value);
}

function checkBoolean(field: string, value: unknown): void {
  if (typeof value !== 'boolean') rejectField(field, 'expected true or false', value);
}

function checkString(field: string, value: unknown): void {
  if (typeof value !== 'string') rejectField(field, 'expected a string', value);
}

function checkNamed(field: string, value: unknown, what: string): void {
  if (!isRecord(value) || typeof value.name !== 'string' || value.name === '')
    rejectField(`${field}.name`, `expected the ${what}'s name`, isRecord(value) ? value.name : value);
}

function checkTools(tools: unknown): void {
  if (!Array.isArray(tools)) rejectField('tools', 'expected an array of tools such as { type: "function", function: { name, parameters } }', tools);
  for (let i = 0; i < tools.length; i++) {
    const tool: unknown = tools[i];
    if (!isRecord(tool) || typeof tool.type !== 'string')
      rejectField(`tools[${i}]`, 'expected a tool such as { type: "function", function: { name, parameters } }', tool);
    if (tool.type === 'function') checkNamed(`tools[${i}].function`, tool.function, 'function');
    else if (tool.type === 'custom') checkNamed(`tools[${i}].custom`, tool.custom, 'tool');
  }
}

function checkToolChoice(choice: unknown): void {
  if (choice === 'none' || choice === 'auto' || choice === 'required') return;
  if (!isRecord(choice) || typeof choice.type !== 'string') rejectField('tool_choice', `expected ${TOOL_CHOICES}`, choice);
  if (choice.type === 'function') checkNamed('tool_choice.function', choice.function, 'function');
  else if (choice.type === 'custom') checkNamed('tool_choice.custom', choice.custom, 'tool');
  else if (choice.type === 'allowed_tools') {
    const allowed = choice.allowed_tools;
    if (!isRecord(allowed) || (allowed.mode !== 'auto' && allowed.mode !== 'required') || !Array.isArray(allowed.tools)) {
      rejectField('tool_choice.allowed_tools', "expected { mode: 'auto' or 'required', tools: [...] }", allowed);
    }
    for (let i = 0; i < allowed.tools.length; i++) {
      const tool: unknown = allowed.tools[i];
      if (!isRecord(tool) || typeof tool.type !== 'string')
        rejectField(`tool_choice.allowed_tools.tools[${i}]`, 'expected a tool such as { type: "function", function: { name } }', tool);
    }
  }
}

function checkStreamOptions(options: unknown): void {
  if (!isRecord(options)) rejectField('stream_options', 'expected { include_usage: true } or null', options);
  if (options.include_usage !== undefined) checkBoolean('stream_options.include_usage', options.include_usage);
  if (options.include_obfuscation !== undefined) checkBoolean('stream_options.include_obfuscation', options.include_obfuscation);
}

function checkStop(stop: unknown): void {
  if (typeof stop === 'string') return;
  if (isStringArray(stop)) return;
  rejectField('stop', 'expected a string or an array of strings', stop);
}

function checkResponseFormat(format: unknown): void {
  if (!isRecord(format) || typeof format.type !== 'string')
    rejectField('response_format', "expected { type: 'text' }, { type: 'json_object' } or { type: 'json_schema', json_schema }", format);
  if (format.type === 'json_schema' && !isRecord(format.json_schema))
    rejectField('response_format.json_schema', 'expected { name, schema }', format.json_schema);
}

/**
 * The request fields whose wrong type or range a provider would reject or misread, checked
 * as OpenAI checks them; null is "not set", as OpenAI takes it. Fields not named here pass
 * through to the provider unchecked.
 */
export function validateRequestFields(request: Fields): void {
  const { stream, stream_options, temperature, top_p, max_tokens, max_completion_tokens, n, stop, user, tools, tool_choice } = request;
  if (stream != null) checkBoolean('stream', stream);
  if (stream_options != null) checkStreamOptions(stream_options);
  if (temperature != null) checkNumber('temperature', temperature, 0, 2, false);
  if (top_p != null) checkNumber('top_p', top_p, 0, 1, false);
  if (max_tokens != null) checkNumber('max_tokens', max_tokens, 1, Infinity, true);
  if (max_completion_tokens != null) checkNumber('max_completion_tokens', max_completion_tokens, 1, Infinity, true);
  if (n != null) checkNumber('n', n, 1, Infinity, true);
  if (stop != null) checkStop(stop);
  if (user != null) checkString('user', user);
  if (tools != null) checkTools(tools);
  if (tool_choice != null) checkToolChoice(tool_choice);
  const { presence_penalty, frequency_penalty, seed, logprobs, top_logprobs, response_format, safety_identifier, prompt_cache_key } = request;
  if (presence_penalty != null) checkNumber('presence_penalty', presence_penalty, -2, 2, false);
  if (frequency_penalty != null) checkNumber('frequency_penalty', frequency_penalty, -2, 2, false);
  if (seed != null) checkNumber('seed', seed, -Infinity, Infinity, true);
  if (logprobs != null) checkBoolean('logprobs', logprobs);
  if (top_logprobs != null) checkNumber('top_logprobs', top_logprobs, 0, 20, true);
  if (response_format != null) checkResponseFormat(response_format);
  if (safety_identifier != null) checkString('safety_identifier', safety_identifier);
  if (prompt_cache_key != null) checkString('prompt_cache_key', prompt_cache_key);
}
