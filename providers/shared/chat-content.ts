import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChatMessage,
  CompletionUsage,
  FinishReason,
  ToolCall,
  ToolCallDelta,
} from '../../src/types/chat.js';

/** A message's text: the string, or its text parts joined. */
export function messageText(content: ChatMessage['content'] | null | undefined): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/**
 * A value where a provider's answer should have a text (content, thinking, a tool call's argument fragment, name or id): the
 * string itself, anything else (a number, object, array, null) `fallback`. Adapters add only what this gives to a text, so a
 * provider sending something else never puts `"42"` or `"[object Object]"` in it.
 */
export function stringOr(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** Tool-call arguments (a JSON string in OpenAI's shape) as the object other APIs want; `{}` when they do not parse or are `null`. */
export function parseToolArguments(text: string): unknown {
  try {
    return JSON.parse(text || '{}') ?? {};
  } catch {
    return {};
  }
}

/**
 * A tool call's arguments as OpenAI gives them: a call without arguments (none, `""`, `"null"`) is `"{}"`, never a text that is
 * not JSON; arguments sent as an object are its JSON, and anything else that is not a string is no arguments.
 */
export function toolArguments(raw: unknown): string {
  if (typeof raw !== 'string') return typeof raw === 'object' && raw !== null ? JSON.stringify(raw) : '{}';
  const text = raw.trim();
  return !text || text === 'null' ? '{}' : raw;
}

/** The media type and base64 data of a `data:` URL, if it is one. */
export function dataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;]+);base64,(.*)$/s.exec(url);
  return match ? { mediaType: match[1] as string, data: match[2] as string } : undefined;
}

/** APIs that want alternating turns: consecutive messages of one role become one turn. */
export function appendTurn<R extends string, B>(turns: Array<{ role: R; content: B[] }>, role: R, blocks: B[]): void {
  const last = turns.at(-1);
  if (last?.role === role) last.content.push(...blocks);
  else turns.push({ role, content: blocks });
}

/**
 * Usage where cache reads and writes are counted apart from the input (Anthropic, Bedrock): OpenAI's prompt tokens include them.
 * `reasoning` is the part of `output` spent thinking, where the provider says (it is inside `output`, as OpenAI counts it).
 */
export function usageWithCache(input: number, output: number, cacheRead: number, cacheWrite: number, reasoning = 0): CompletionUsage {
  const prompt = input + cacheRead + cacheWrite;
  const usage: CompletionUsage = { prompt_tokens: prompt, completion_tokens: output, total_tokens: prompt + output };
  if (cacheRead > 0 || cacheWrite > 0) {
    usage.prompt_tokens_details = {};
    if (cacheRead > 0) usage.prompt_tokens_details.cached_tokens = cacheRead;
    if (cacheWrite > 0) usage.prompt_tokens_details.cache_write_tokens = cacheWrite;
  }
  if (reasoning > 0) usage.completion_tokens_details = { reasoning_tokens: Math.min(reasoning, output) };
  return usage;
}

/** One OpenAI chunk with a single choice, as stream decoders build them. */
export function chunkOf(id: string, model: string, choice: Omit<ChatCompletionChunkChoice, 'index'>, usage?: CompletionUsage): ChatCompletionChunk {
  return {
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, ...choice }],
    ...(usage ? { usage } : {}),
  };
}

/**
 * A stream's tool calls by the content block each arrives in (Anthropic's and Bedrock's streams): numbered in the order their
 * blocks start, with whether any argument text has come. A call whose block ends with none gets `"{}"`, as the whole answer
 * gives it, so none is left with `""`, which is not JSON.
 */
export class BlockToolCalls {
  readonly #byBlock = new Map<number, { index: number; hasArguments: boolean }>();

  /** `toolChunk`: the chunk carrying one tool-call delta. */
  constructor(private readonly toolChunk: (call: ToolCallDelta) => ChatCompletionChunk) {}

  /** A tool call starting in `block`: its index among the calls. */
  start(block: number): number {
    const index = this.#byBlock.size;
    this.#byBlock.set(block, { index, hasArguments: false });
    return index;
  }

  /** The index of the call in `block` as argument text arrives for it; undefined when no tool call started there. */
  withArguments(block: number | undefined): number | undefined {
    const tool = block === undefined ? undefined : this.#byBlock.get(block);
    if (tool) tool.hasArguments = true;
    return tool?.index;
  }

  /** At a block's end: `"{}"` for its call if it had no argument text, else nothing. */
  close(block: number | undefined): ChatCompletionChunk[] {
    const tool = block === undefined ? undefined : this.#byBlock.get(block);
    if (!tool || tool.hasArguments) return [];
    tool.hasArguments = true;
    return [this.toolChunk({ index: tool.index, function: { arguments: '{}' } })];
  }

  /** At the message's end: `"{}"` for every call still without argument text. */
  closeAll(): ChatCompletionChunk[] {
    return [...this.#byBlock.keys()].flatMap((block) => this.close(block));
  }
}

export interface AnswerParts {
  id: string;
  model: string;
  text: string;
  /** The model's thinking, kept out of `text`: `reasoning_content` on the message when there is any. */
  reasoning?: string;
  toolCalls: ToolCall[];
  /** Why the answer ended; none given is `stop`, since a whole answer always says. */
  finishReason: FinishReason | null;
  usage: CompletionUsage | undefined;
}

/**
 * An OpenAI chat completion with one choice, as adapters build them: no text beside tool calls is `null` content; thinking is
 * `reasoning_content`; `refusal` and `logprobs` are `null`, as OpenAI sends them when there are none.
 */
export function completionOf({ id, model, text, reasoning, toolCalls, finishReason, usage }: AnswerParts): ChatCompletion {
  const calling = toolCalls.length > 0;
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text || (calling ? null : ''),
          refusal: null,
          ...(reasoning ? { reasoning_content: reasoning } : {}),
          ...(calling ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: finishReason ?? 'stop',
        logprobs: null,
      },
    ],
    usage,
  };
}
