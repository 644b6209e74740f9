import { malformedAnswer } from '../../src/errors/index.js';
import type { ProviderTarget } from '../../src/provider-adapter.js';
import type { ChatCompletion } from '../../src/types/chat.js';

/** The body is already OpenAI's shape; check it is one before handing it on. */
export function parseOpenAIChatResponse(body: unknown, target: ProviderTarget): ChatCompletion {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { choices?: unknown }).choices)) {
    throw malformedAnswer(target, `answered 200 with no choices`);
  }
  return body as ChatCompletion;
}
