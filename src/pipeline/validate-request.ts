import { BadRequestError } from '../errors/api-errors.js';
import type { ChatCompletionRequest } from '../types/chat.js';
import type { EmbeddingRequest } from '../types/embedding.js';
import type { CompletionOptions } from './completion-options.js';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);
const TIME_OPTIONS = ['timeoutMs', 'deadlineMs', 'streamIdleTimeoutMs', 'maxWaitMs'] as const;

function reject(message: string): never {
  throw new BadRequestError(message, { status: 400 });
}

/** An embedding input as one text, for token counts and filters. */
export function embeddingText(input: unknown): string {
  if (typeof input === 'string') return input;
  if (Array.isArray(input)) return input.map((item) => (typeof item === 'string' ? item : Array.isArray(item) ? ' '.repeat(item.length * 4) : ' ')).join('\n');
  return '';
}

export function validateEmbeddingRequest(request: EmbeddingRequest, options: CompletionOptions): void {
  if (!request || typeof request !== 'object') reject('request: expected an object such as { model, input }');
  if (typeof request.model !== 'string' || request.model === '')
    reject('request.model: expected the name of an embedding model group, e.g. "text-embedding-3-small"');
  const { input } = request;
  const valid = (typeof input === 'string' && input !== '') || (Array.isArray(input) && input.length > 0);
  if (!valid) reject('request.input: expected a non-empty string or array of strings');
  validateOptions(options);
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
  validateOptions(options);
}

function validateOptions(options: CompletionOptions): void {
  if (Object.keys(options).length === 0) return;
  for (const field of TIME_OPTIONS) {
    const value = options[field];
    const least = field === 'maxWaitMs' ? 0 : 1;
    if (value !== undefined && !(Number.isInteger(value) && value >= least)) {
      reject(`options.${field}: expected ${least ? 'a positive' : 'a non-negative'} integer of milliseconds, got ${String(value)}`);
    }
  }
  if (options.fallbacks !== undefined && !(Array.isArray(options.fallbacks) && options.fallbacks.every((f) => typeof f === 'string'))) {
    reject('options.fallbacks: expected an array of model names');
  }
  const { retries } = options;
  if (retries !== undefined && !(typeof retries === 'number' ? Number.isInteger(retries) && retries >= 0 : typeof retries === 'object' && retries !== null)) {
    reject('options.retries: expected a number of retries or { max, minDelayMs, maxDelayMs, maxRetryAfterMs, byError }');
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    reject('options.signal: expected an AbortSignal, e.g. AbortSignal.timeout(5000)');
  }
}
