import { BadRequestError } from '../errors/api-errors.js';
import type { ChatCompletionRequest } from '../types/chat.js';
import type { CompletionOptions } from './completion-options.js';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

function reject(message: string): never {
  throw new BadRequestError(message, { status: 400 });
}

/** Cheap checks of what every provider needs, so a bad request fails here with the field named, not at the provider. */
export function validateRequest(request: ChatCompletionRequest, options: CompletionOptions): void {
  if (!request || typeof request !== 'object') reject('request: expected an object such as { model, messages }');
  if (typeof request.model !== 'string' || request.model === '') reject('request.model: expected the name of a model group, e.g. "gpt-4o"');
  const { messages } = request;
  if (!Array.isArray(messages) || messages.length === 0) {
    reject('request.messages: expected a non-empty array such as [{ role: "user", content: "hi" }]');
  }
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    if (!message || typeof message !== 'object' || !ROLES.has(message.role)) {
      reject(`request.messages[${i}].role: expected one of ${[...ROLES].join(', ')}`);
    }
  }
  if (options.timeoutMs !== undefined && !(Number.isInteger(options.timeoutMs) && options.timeoutMs > 0)) {
    reject(`options.timeoutMs: expected a positive integer of milliseconds, got ${String(options.timeoutMs)}`);
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    reject('options.signal: expected an AbortSignal, e.g. AbortSignal.timeout(5000)');
  }
}
