// The CommonJS types against the OpenAI SDK's, both ways (the ESM file checks every kind of message and field).
import type { OpenAI } from 'openai';
import { Router, type ChatCompletionStream } from 'switchyard';

const router = new Router({ deployments: [{ model: 'm', provider: 'mock' }] });

export async function bothWays(
  params: OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming,
  messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[],
) {
  const answer: OpenAI.Chat.Completions.ChatCompletion = await router.completion(params);
  const stream: ChatCompletionStream = await router.completion({ ...params, messages, stream: true });
  for await (const chunk of stream) {
    const sdkChunk: OpenAI.Chat.Completions.ChatCompletionChunk = chunk;
    void sdkChunk;
  }
  const embeddings: OpenAI.CreateEmbeddingResponse = await router.embedding({ model: 'e', input: 'a' } satisfies OpenAI.EmbeddingCreateParams);
  return { answer, embeddings };
}
