import { LRUCache } from 'lru-cache';
import type { TiktokenEncoding } from 'tiktoken';
import type { ChatMessage, ChatTool, CustomTool } from '../types/chat.js';
import { encoder } from './encoders.js';

/** Counting is ~100 µs for a short text; system prompts and history repeat, so counts are remembered. */
let textCounts: LRUCache<string, number> | undefined;

/** Per message and per reply, as OpenAI's cookbook counts chat tokens. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING = 3;
/** A low-detail image; high-detail ones cost more, by tiles. An estimate. */
const TOKENS_PER_IMAGE = 85;
const TOKENS_PER_TOOL = 8;

/**
 * The encoding of a model family: o200k for gpt-4o, gpt-4.1, gpt-5 and the o-series, cl100k
 * for older OpenAI models, o200k as the estimate for everything else.
 */
export function encodingFor(model: string): TiktokenEncoding {
  const name = model.slice(model.lastIndexOf('/') + 1).toLowerCase();
  if (/^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o\d)/.test(name)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5|text-embedding|davinci|babbage)/.test(name)) return 'cl100k_base';
  return 'o200k_base';
}

export function countTextTokens(text: string, encoding: TiktokenEncoding): number {
  if (text === '') return 0;
  const key = `${encoding}\u0000${text}`;
  // Made with the first count, not at import: the cache sets aside room for all its entries up front.
  textCounts ??= new LRUCache({ max: 5_000, maxSize: 50_000_000, sizeCalculation: (_count, key) => key.length + 1 });
  let count = textCounts.get(key);
  if (count === undefined) {
    count = encoder(encoding).encode_ordinary(text).length;
    textCounts.set(key, count);
  }
  return count;
}

function contentTokens(content: ChatMessage['content'], encoding: TiktokenEncoding): number {
  if (typeof content === 'string') return countTextTokens(content, encoding);
  if (!Array.isArray(content)) return 0;
  let tokens = 0;
  for (const part of content) {
    tokens +=
      part.type === 'text' ? countTextTokens(part.text, encoding) : part.type === 'refusal' ? countTextTokens(part.refusal, encoding) : TOKENS_PER_IMAGE;
  }
  return tokens;
}

/**
 * Prompt tokens of a chat request as OpenAI counts them (message framing, names, tool
 * calls and definitions included), with the model family's tiktoken encoding. For models
 * that are not OpenAI's this is an estimate: their tokenizers differ by some percent.
 */
export function countTokens(model: string, messages: readonly ChatMessage[], tools?: ReadonlyArray<ChatTool | CustomTool>): number {
  const encoding = encodingFor(model);
  let tokens = REPLY_PRIMING;
  for (const message of messages) {
    tokens += TOKENS_PER_MESSAGE + countTextTokens(message.role, encoding) + contentTokens(message.content, encoding);
    if ('name' in message && message.name) tokens += TOKENS_PER_NAME + countTextTokens(message.name, encoding);
    if (message.role === 'assistant' && message.tool_calls) {
      for (const call of message.tool_calls) {
        tokens +=
          call.type === 'custom'
            ? countTextTokens(call.custom.name, encoding) + countTextTokens(call.custom.input, encoding)
            : countTextTokens(call.function.name, encoding) + countTextTokens(call.function.arguments, encoding);
      }
    }
  }
  for (const tool of tools ?? []) tokens += TOKENS_PER_TOOL + countTextTokens(JSON.stringify(tool.type === 'custom' ? tool.custom : tool.function), encoding);
  return tokens;
}
