import { hash } from 'node:crypto';
import type { ChatCompletionRequest, ChatMessage, UserMessage } from '../types/chat.js';

/**
 * Request fields that never change the answer, so never part of a cache key: who asks
 * (`user`, `safety_identifier`, `metadata`), how the answer is delivered (`stream`,
 * `stream_options`, `service_tier`), whether OpenAI keeps it (`store`) and the provider's
 * own prompt caching (`prompt_cache_*`). Every other field is in the key, unknown ones
 * included, so a new OpenAI parameter is never silently ignored. `model` is replaced by
 * the model group after aliases, so two aliases of one group share answers.
 */
export const EXCLUDED_FROM_CACHE_KEY: readonly string[] = Object.freeze([
  'user',
  'metadata',
  'stream',
  'stream_options',
  'store',
  'prompt_cache_key',
  'prompt_cache_retention',
  'prompt_cache_options',
  'safety_identifier',
  'service_tier',
]);

const leftOutOfRequest: ReadonlySet<string> = new Set([...EXCLUDED_FROM_CACHE_KEY, 'model']);
const nothingLeftOut: ReadonlySet<string> = new Set();

/**
 * The key of the answer to `request` from `model` (its group after aliases) within
 * `partition` (the scope value and namespace): base64url of a SHA-256 of the request's
 * canonical JSON (keys sorted at every depth, undefined properties dropped), so property
 * order never matters.
 */
export function cacheKeyOf(model: string, request: ChatCompletionRequest, partition: string): string {
  return digest('answer', model, partition, request);
}

/**
 * The semantic cache's partition: as `cacheKeyOf`, but without the text of the last
 * message when it is a user message, so two requests share it only when everything else
 * (system prompt, earlier turns, tools, parameters) is identical. The last message's
 * images, audio and files stay in: a question about another picture is another context.
 */
export function contextKeyOf(model: string, request: ChatCompletionRequest, partition: string): string {
  const messages = request.messages;
  const last = messages.at(-1);
  const context = last?.role === 'user' ? { ...request, messages: messages.with(-1, withoutText(last)) } : request;
  return digest('context', model, partition, context);
}

/** The text of the last message when it is a user message (text parts joined by newlines); undefined otherwise, or when it has no text. */
export function lastUserText(request: ChatCompletionRequest): string | undefined {
  const last = request.messages.at(-1);
  if (last?.role !== 'user') return undefined;
  if (typeof last.content === 'string') return last.content;
  const texts = last.content.flatMap((part) => (part.type === 'text' ? [part.text] : []));
  return texts.length === 0 ? undefined : texts.join('\n');
}

function withoutText(message: UserMessage): ChatMessage {
  const others = typeof message.content === 'string' ? [] : message.content.filter((part) => part.type !== 'text');
  return { ...message, content: others.length === 0 ? undefined : others } as ChatMessage;
}

function digest(kind: string, model: string, partition: string, request: ChatCompletionRequest): string {
  // JSON strings hold no raw newline, so the parts cannot run into each other.
  const text = `${kind}\n${JSON.stringify(partition)}\n${JSON.stringify(model)}\n${objectText(request, leftOutOfRequest)}`;
  return hash('sha256', text, 'base64url');
}

/** As `JSON.stringify`, with object keys sorted; undefined where JSON leaves the value out. */
function canonicalText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      // Throws as JSON.stringify does: such a request could not be sent either.
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return arrayText(value);
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalText((value as { toJSON(): unknown }).toJSON());
      return objectText(value, nothingLeftOut);
    default:
      return undefined;
  }
}

/** What JSON.stringify escapes (any character but these): control characters, quote, backslash and (unless paired, which only it checks) surrogates. */
const needsEscaping = /[^\u0020\u0021\u0023-\u005b\u005d-\ud7ff\ue000-\uffff]/;

/** `JSON.stringify` of a string, without its cost (a third of a key's) for the usual string that needs no escaping. */
function quoted(text: string): string {
  return needsEscaping.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function arrayText(values: readonly unknown[]): string {
  let text = '[';
  for (let index = 0; index < values.length; index++) {
    if (index > 0) text += ',';
    text += canonicalText(values[index]) ?? 'null';
  }
  return `${text}]`;
}

/** In `Array.prototype.sort`'s (UTF-16) order; an insertion sort for the few keys of most objects, several times faster there. */
function sortedInPlace(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let index = 1; index < keys.length; index++) {
    const key = keys[index] as string;
    let at = index;
    for (; at > 0 && (keys[at - 1] as string) > key; at--) keys[at] = keys[at - 1] as string;
    keys[at] = key;
  }
  return keys;
}

function objectText(object: object, leftOut: ReadonlySet<string>): string {
  const record = object as Record<string, unknown>;
  const keys = sortedInPlace(Object.keys(record));
  let text = '{';
  for (const key of keys) {
    if (leftOut.has(key)) continue;
    const valueText = canonicalText(record[key]);
    if (valueText === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${quoted(key)}:${valueText}`;
  }
  return `${text}}`;
}
