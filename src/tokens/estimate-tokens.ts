import type { ChatCompletionRequest, CompletionUsage } from '../types/chat.js';

/** A rough token count for text: four characters a token, OpenAI's rule of thumb. Used only where no count is known; anything but a string is none. */
export function estimateTextTokens(text: unknown): number {
  return typeof text === 'string' ? Math.ceil(text.length / 4) : 0;
}

/** A rough count of a request's prompt tokens: its text, plus a few tokens of framing per message. */
export function estimatePromptTokens(request: ChatCompletionRequest): number {
  let tokens = 3;
  for (const message of request.messages) {
    tokens += 4;
    const { content } = message;
    if (typeof content === 'string') tokens += estimateTextTokens(content);
    else if (Array.isArray(content)) {
      for (const part of content) if (part.type === 'text') tokens += estimateTextTokens(part.text);
    }
  }
  return tokens;
}

export function estimatedUsage(request: ChatCompletionRequest, completionText: string): CompletionUsage {
  const prompt = estimatePromptTokens(request);
  const completion = estimateTextTokens(completionText);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

export function addUsage(a: CompletionUsage, b: CompletionUsage): CompletionUsage {
  const usage: CompletionUsage = {
    prompt_tokens: a.prompt_tokens + b.prompt_tokens,
    completion_tokens: a.completion_tokens + b.completion_tokens,
    total_tokens: a.total_tokens + b.total_tokens,
  };
  const cached = (a.prompt_tokens_details?.cached_tokens ?? 0) + (b.prompt_tokens_details?.cached_tokens ?? 0);
  const written = (a.prompt_tokens_details?.cache_write_tokens ?? 0) + (b.prompt_tokens_details?.cache_write_tokens ?? 0);
  if (cached > 0 || written > 0) {
    usage.prompt_tokens_details = {};
    if (cached > 0) usage.prompt_tokens_details.cached_tokens = cached;
    if (written > 0) usage.prompt_tokens_details.cache_write_tokens = written;
  }
  const reasoning = (a.completion_tokens_details?.reasoning_tokens ?? 0) + (b.completion_tokens_details?.reasoning_tokens ?? 0);
  if (reasoning > 0) usage.completion_tokens_details = { reasoning_tokens: reasoning };
  return usage;
}

/** The largest token count a context-window error states ("…resulted in 130000 tokens"), if it states any. */
export function tokensFromContextError(message: string): number | undefined {
  let largest: number | undefined;
  for (const match of message.matchAll(/(\d[\d,]*)\s*tokens/gi)) {
    const value = Number((match[1] as string).replaceAll(',', ''));
    if (Number.isFinite(value) && (largest === undefined || value > largest)) largest = value;
  }
  return largest;
}
