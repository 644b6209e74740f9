import { malformedAnswer } from '../../src/errors/index.js';
import type { ProviderTarget } from '../../src/provider-adapter.js';
import type { ChatCompletion } from '../../src/types/chat.js';
import { normaliseOpenAICompletion } from '../shared/openai-shape.js';

/** The body is OpenAI's shape, or a compatible server's take on it: check it is one, and hand it on as the types promise it. */
export function parseOpenAIChatResponse(body: unknown, target: ProviderTarget): ChatCompletion {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { choices?: unknown }).choices)) {
    throw malformedAnswer(target, `answered 200 with no choices`);
  }
  return normaliseOpenAICompletion(body as ChatCompletion);
}
