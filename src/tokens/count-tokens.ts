import type { TiktokenEncoding } from 'tiktoken';
import type { ChatMessage, ChatTool, CustomTool } from '../types/chat.js';
import { TextTally } from './text-tokens.js';

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
  const name = typeof model === 'string' ? model.slice(model.lastIndexOf('/') + 1).toLowerCase() : '';
  if (/^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o\d)/.test(name)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5|text-embedding|davinci|babbage)/.test(name)) return 'cl100k_base';
  return 'o200k_base';
}

/** A field of a value that may be anything a caller sent: undefined unless the value is an object. */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function jsonOf(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    // Circular, a BigInt, nested past the stack: nothing that can be sent, so nothing to count.
    return undefined;
  }
}

/** Framing tokens of one message; its texts go to the tally. */
function messageTokens(message: unknown, tally: TextTally): number {
  if (typeof message !== 'object' || message === null) return 0;
  let tokens = TOKENS_PER_MESSAGE;
  tally.add(field(message, 'role'));
  const content = field(message, 'content');
  if (typeof content === 'string') tally.add(content);
  else if (Array.isArray(content)) {
    for (const part of content as unknown[]) {
      const type = field(part, 'type');
      if (type === 'text' || type === 'refusal') tally.add(field(part, type));
      else if (typeof type === 'string') tokens += TOKENS_PER_IMAGE;
    }
  }
  const name = field(message, 'name');
  if (typeof name === 'string' && name !== '') {
    tokens += TOKENS_PER_NAME;
    tally.add(name);
  }
  const calls = field(message, 'tool_calls');
  if (Array.isArray(calls)) {
    for (const call of calls as unknown[]) {
      const custom = field(call, 'type') === 'custom';
      const spec = field(call, custom ? 'custom' : 'function');
      tally.add(field(spec, 'name'));
      tally.add(field(spec, custom ? 'input' : 'arguments'));
    }
  }
  return tokens;
}

/**
 * Prompt tokens of a chat request as OpenAI counts them (message framing, names, tool
 * calls and definitions included), with the model family's tiktoken encoding. For models
 * that are not OpenAI's this is an estimate: their tokenizers differ by some percent. Exact
 * up to `EXACT_CHARS` (16,384) characters of text not counted before; past that, estimated from a sample
 * (see `TextTally`), so a count takes milliseconds whatever the prompt. Counts what it can
 * of a malformed prompt and throws nothing.
 */
export function countTokens(model: string, messages: readonly ChatMessage[], tools?: ReadonlyArray<ChatTool | CustomTool>): number {
  const tally = new TextTally(encodingFor(model));
  let tokens = REPLY_PRIMING;
  if (Array.isArray(messages)) for (const message of messages as unknown[]) tokens += messageTokens(message, tally);
  if (Array.isArray(tools)) {
    for (const tool of tools as unknown[]) {
      if (typeof tool !== 'object' || tool === null) continue;
      tokens += TOKENS_PER_TOOL;
      tally.add(jsonOf(field(tool, field(tool, 'type') === 'custom' ? 'custom' : 'function')));
    }
  }
  return tokens + tally.tokens;
}
